// One package made ready to install: a local folder to link to, or a git checkout in the
// scratch folder to move into place; with its project name and what the lock records.
import FlowcProject
import Foundation

struct FetchedPackage {
    /// The entry it came from (rendered).
    var spec: PackageSpec
    /// The package's project name: its folder under packages-install-path.
    var name: String
    /// The folder holding the package's project file.
    var files: String
    /// A local package is linked to, a git one is moved into place.
    var isLink: Bool
    var locked: LockedPackage.Source
    /// dbt's progress lines: "Installing <what>" and "Installed from <how>".
    var what: String
    var how: [String]
    /// A hub package's own hub packages, as the hub lists them (its packages.yml is not read).
    var hubDependencies: [(package: String, versions: [String])]?

    /// Where a package's files are, for a spec (local folders are relative to the root
    /// project, whichever package lists them, as in dbt). Git packages are cloned under the
    /// context's scratch folder. Throws a Diagnostic.
    static func fetch(_ spec: PackageSpec, in context: FetchContext) throws -> FetchedPackage {
        let environment = context.environment
        switch spec.source {
        case .local(let path):
            let folder = FileSystem.absolute(path.hasPrefix("/") ? path : context.projectRoot + "/" + path)
            let name = try projectName(folder, spec: spec, what: "local package '\(path)'", environment: environment)
            return FetchedPackage(spec: spec, name: name, files: folder, isLink: true, locked: .local(path: path),
                                  what: path, how: ["<local @ \(path)>"])
        case .git(let url, let revision, let subdirectory, _):
            let clone = context.scratch + "/" + UUID().uuidString
            let checkout = try GitCheckout.fetch(url: url, revision: revision, into: clone, span: spec.span, context: context)
            var files = clone
            if let subdirectory {
                files = FileSystem.absolute(clone + "/" + subdirectory)
                guard FileSystem.isInside(files, root: clone), FileSystem.isDirectory(files) else {
                    throw Diagnostic(.error, "git package \(url) has no folder '\(subdirectory)' at \(checkout.commit)",
                                     span: spec.span, hint: "`subdirectory:` is the package's folder inside the repository")
                }
            }
            let name = try projectName(files, spec: spec, what: "git package \(url)" + (subdirectory.map { " (\($0))" } ?? ""),
                                       environment: environment)
            // the lock keeps the URL as written: an env_var() in it is rendered at each install
            let lockURL = spec.raw?["git"]?.string ?? url
            return FetchedPackage(spec: spec, name: name, files: files, isLink: false,
                                  locked: .git(url: lockURL, revision: checkout.commit, subdirectory: subdirectory),
                                  what: url + (subdirectory.map { "/" + $0 } ?? ""),
                                  how: ["revision \(checkout.commit)"] + (subdirectory.map { ["and subdirectory \($0)"] } ?? []))
        case .hub(let package, let versions):
            let (release, latest) = try context.hub.choose(package, versions: versions, prereleases: spec.installsPrereleases,
                                                           span: spec.span)
            let files = try context.hub.download(release, package: package, scratch: context.scratch, span: spec.span)
            let name = try projectName(files, spec: spec, what: "hub package \(package) \(release.version)", environment: environment)
            return FetchedPackage(spec: spec, name: name, files: files, isLink: false,
                                  locked: .hub(package: package, version: release.version.description), what: package,
                                  how: ["version \(release.version)", latest > release.version ? "Updated version available: \(latest)" : "Up to date!"],
                                  hubDependencies: release.dependencies)
        case .tarball(let url, _):
            let files = try HubRegistry.unpack(url, scratch: context.scratch, what: "tarball package \(url)", span: spec.span)
            let name = try projectName(files, spec: spec, what: "tarball package \(url)", environment: environment)
            // the lock keeps the URL as written: an env_var() in it is rendered at each install
            let lockURL = spec.raw?["tarball"]?.string ?? url
            return FetchedPackage(spec: spec, name: name, files: files, isLink: false, locked: .tarball(url: lockURL),
                                  what: url, how: ["tarball"])
        case .privateRepository(let repository):
            throw unsupported(spec, "private package '\(repository)'",
                              hint: "list it as `git:` with the repository URL, or install it with `dbt deps`")
        }
    }

    static func unsupported(_ spec: PackageSpec, _ what: String, hint: String) -> Diagnostic {
        Diagnostic(.error, "flowc deps cannot install \(what)", span: spec.span, hint: hint)
    }

    /// The package's name from its project file; a folder without one is not a package.
    static func projectName(_ folder: String, spec: PackageSpec, what: String, environment: [String: String]) throws -> String {
        guard ProjectLoader.projectFileNames.contains(where: { FileManager.default.fileExists(atPath: folder + "/" + $0) }) else {
            throw Diagnostic(.error, "\(what) has no dbt_project.yml (looked in \(folder))", span: spec.span,
                             hint: "each package is a dbt project: its folder holds dbt_project.yml")
        }
        do {
            return try ProjectLoader.readConfig(root: folder, environment: environment).config.name
        } catch let errors as ProjectErrors {
            let first = errors.errors.first.map { "\($0.span.map { "\($0): " } ?? "")\($0.message)" } ?? "\(errors)"
            throw Diagnostic(.error, "\(what): its project file cannot be read: \(first)", span: spec.span)
        }
    }
}

extension PackageSpec {
    /// `install-prerelease: true` on a hub entry.
    var installsPrereleases: Bool {
        for key in ["install-prerelease", "install_prerelease"] {
            if let text = rendered?[key]?.scalarText?.lowercased() { return text == "true" }
        }
        return false
    }
}
