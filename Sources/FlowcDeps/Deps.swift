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
    /// Runs deps in the project at `root`; `log` receives dbt's progress lines, `warn` the
    /// warnings (shown even when progress is not). Throws
    /// `ProjectErrors` naming the packages file entry at fault.
    public static func run(root: String, options: DepsOptions, log: @escaping (String) -> Void,
                           warn: @escaping (String) -> Void) throws {
        do {
            try runOrThrowDiagnostic(root: root, options: options, log: log, warn: warn)
        } catch let diagnostic as Diagnostic {
            throw ProjectErrors([diagnostic])
        } catch let errors as ProjectErrors {
            throw errors
        } catch {
            // the file system's own errors (a full disk, permissions)
            throw ProjectErrors([Diagnostic(.error, "deps failed: \(error.localizedDescription)")])
        }
    }

    static func runOrThrowDiagnostic(root given: String, options: DepsOptions, log: @escaping (String) -> Void,
                                     warn: @escaping (String) -> Void) throws {
        // dbt resolves the project folder's own links; `local:` paths below it keep theirs
        let root = FileSystem.resolvingLinks(given) ?? FileSystem.absolute(given)
        let config = try ProjectLoader.readConfig(root: root, vars: options.cliVars, environment: options.environment).config
        let (file, diagnostics) = PackagesFile.read(root: root, cliVars: options.cliVars, environment: options.environment)
        if diagnostics.contains(where: \.isError) { throw ProjectErrors(diagnostics) }
        for warning in diagnostics { warn(warning.description) }
        let installPath = try self.installPath(config, root: root)
        let packages = file?.packages ?? []
        guard !packages.isEmpty else {
            warn("warning: no packages are listed in \(file?.fileName ?? "packages.yml")")
            // as dbt: no lock, and nothing installed (packages listed before are removed)
            if !options.lockOnly { try Installer.empty(installPath) }
            return
        }

        let scratch = NSTemporaryDirectory() + "flowc-deps-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? Installer.remove(scratch) }
        let context = FetchContext(projectRoot: root, scratch: scratch, environment: options.environment)

        let hash = PackageHash.sha1(packages)
        let fetched: [FetchedPackage]
        // only the hash decides; the lock's entries are read only when it is reused
        if !options.upgrade, LockFile.hash(root: root) == hash,
           let locked = try LockFile.read(root: root, cliVars: options.cliVars, environment: options.environment) {
            // the lock is flat: its packages' own packages are already in it
            fetched = try locked.map { try FetchedPackage.fetch($0, in: context) }
        } else {
            let resolver = Resolver(context: context, rootName: config.name, cliVars: options.cliVars,
                                    installFolder: config.packagesInstallPath, warn: warn)
            fetched = try resolver.resolve(packages)
            let lockPath = root + "/" + LockFile.fileName
            log("Updating lock file in file path: \(lockPath)")
            let text = LockFile(packages: fetched.map { LockedPackage(source: $0.locked, name: $0.name) }, sha1Hash: hash).text
            if let reason = FileSystem.replace(lockPath, with: text) {
                throw Diagnostic(.error, "cannot write \(LockFile.fileName): \(reason)", span: .start(of: LockFile.fileName))
            }
        }
        if options.lockOnly { return }
        try Installer.install(fetched, into: installPath, log: log)
        let outdated = fetched.filter { $0.how.contains { $0.hasPrefix("Updated version available") } }.map(\.what)
        if !outdated.isEmpty {
            log("Updates available for packages: [" + outdated.map { "'\($0)'" }.joined(separator: ", ") + "]")
            log("Update your versions in packages.yml, then run flowc deps")
        }
    }

    /// packages-install-path, which deps empties: it must be a folder of the project, also once
    /// links on the way are followed (a linked dbt_packages/ would empty the link's target).
    static func installPath(_ config: ProjectConfig, root: String) throws -> String {
        let configured = config.packagesInstallPath
        let path = FileSystem.absolute(configured.hasPrefix("/") ? configured : root + "/" + configured)
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil {
            // emptying it would empty the folder it points to (dbt refuses a link too)
            throw Diagnostic(.error, "packages-install-path '\(configured)' is a link", span: .start(of: config.fileName),
                             hint: "deps empties that folder before installing; remove the link (it is recreated as a folder)")
        }
        guard FileSystem.isInside(path, root: root) else {
            throw Diagnostic(.error, "packages-install-path '\(configured)' is not inside the project"
                                + (path.hasPrefix(root + "/") ? " (a link on the way leads out of it)" : ""),
                             span: .start(of: config.fileName),
                             hint: "deps empties that folder before installing, so it must be a folder of the project")
        }
        return path
    }
}
