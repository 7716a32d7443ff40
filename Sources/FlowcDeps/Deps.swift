// `flowc deps`: install the packages packages.yml (or dependencies.yml) lists, as `dbt deps`
// does. The first run resolves every package (and the packages they list) to a folder or a
// commit and writes package-lock.yml; later runs install exactly what the lock says until
// packages.yml changes (its hash differs from the lock's) or `upgrade` asks to resolve again.
// Everything is fetched before packages-install-path is emptied, so a failed fetch leaves the
// installed packages as they were.
import FlowcProject
import Foundation

public struct DepsOptions: Sendable {
    /// Resolve again even when the lock matches packages.yml (moved tags and branches).
    public var upgrade = false
    /// Only write package-lock.yml; install nothing.
    public var lockOnly = false
    /// `--vars`: what `var()` in packages.yml sees (dbt renders it without the project's vars).
    public var cliVars: YAMLValue?
    public var environment: [String: String] = ProcessInfo.processInfo.environment

    public init() {}
}

public enum Deps {
    /// Runs deps in the project at `root`; `log` receives dbt's progress lines. Throws
    /// `ProjectErrors` naming the packages file entry at fault.
    public static func run(root: String, options: DepsOptions, log: @escaping (String) -> Void) throws {
        do {
            try runOrThrowDiagnostic(root: root, options: options, log: log)
        } catch let diagnostic as Diagnostic {
            throw ProjectErrors([diagnostic])
        }
    }

    static func runOrThrowDiagnostic(root given: String, options: DepsOptions, log: @escaping (String) -> Void) throws {
        // dbt resolves the project folder's own links; `local:` paths below it keep theirs
        let root = realpath(given, nil).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        } ?? FetchedPackage.normalized(FileManager.default.currentDirectoryPath + "/" + given)
        let config = try ProjectLoader.readConfig(root: root, vars: options.cliVars, environment: options.environment).config
        let (file, diagnostics) = PackagesFile.read(root: root, cliVars: options.cliVars, environment: options.environment)
        if diagnostics.contains(where: \.isError) { throw ProjectErrors(diagnostics) }
        let installPath = FetchedPackage.normalized(config.packagesInstallPath.hasPrefix("/")
            ? config.packagesInstallPath : root + "/" + config.packagesInstallPath)
        guard installPath.hasPrefix(root + "/") else {
            throw Diagnostic(.error, "packages-install-path '\(config.packagesInstallPath)' is not inside the project",
                             span: .start(of: config.fileName),
                             hint: "deps empties that folder before installing, so it must be a folder of the project")
        }
        let packages = file?.packages ?? []
        guard !packages.isEmpty else {
            log("warning: no packages are listed in \(file?.fileName ?? "packages.yml")")
            try FileManager.default.createDirectory(atPath: installPath, withIntermediateDirectories: true)
            return
        }

        let scratch = NSTemporaryDirectory() + "flowc-deps-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? Installer.remove(scratch) }

        let hash = PackageHash.sha1(packages)
        let lock = try LockFile.read(root: root, cliVars: options.cliVars, environment: options.environment)
        let fetched: [FetchedPackage]
        if let lock, !options.upgrade, lock.sha1Hash == hash {
            // the lock is flat: its packages' own packages are already in it
            fetched = try lock.packages.map { try FetchedPackage.fetch($0, projectRoot: root, scratch: scratch) }
        } else {
            let resolver = Resolver(projectRoot: root, rootName: config.name, scratch: scratch, cliVars: options.cliVars,
                                    environment: options.environment, log: log)
            fetched = try resolver.resolve(packages)
            let lockPath = root + "/" + LockFile.fileName
            log("Updating lock file in file path: \(lockPath)")
            let text = LockFile(packages: fetched.map { LockedPackage(source: $0.locked, name: $0.name) }, sha1Hash: hash).text
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: lockPath), options: .atomic)
            } catch {
                throw Diagnostic(.error, "cannot write \(LockFile.fileName): \(error.localizedDescription)",
                                 span: .start(of: LockFile.fileName))
            }
        }
        if options.lockOnly { return }
        try Installer.install(fetched, into: installPath, log: log)
    }
}
