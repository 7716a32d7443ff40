// Resolving packages.yml as dbt does: the root project's packages, then the packages each of
// them lists, breadth first. The same package asked for twice is fetched once (a git URL with
// or without `.git` is the same package); a git package listed without a revision takes the
// revision another listing names. Two different revisions of one git package, two packages
// with one project name, or a package named like the root project are errors.
import FlowcProject
import Foundation

struct Resolver {
    var context: FetchContext
    var rootName: String
    var cliVars: YAMLValue?
    /// packages-install-path as configured, to name a package's own packages file in messages.
    var installFolder: String
    var warn: (String) -> Void

    /// Every package to install, in the lock's order (first listed first).
    func resolve(_ rootPackages: [PackageSpec]) throws -> [FetchedPackage] {
        // A package first met unpinned and later pinned is resolved again from the start with
        // the pin, so only what the pinned revision lists is installed (dbt merges revisions
        // before it fetches). So is a hub package whose later listing narrows its versions to
        // another release (dbt intersects every listing's range). Pins and ranges only grow,
        // so this ends.
        var pins: [String: String] = [:]
        var ranges: [String: [String]] = [:]
        while true {
            let (fetched, newPins, newRanges, warnings) = try pass(rootPackages, pins: pins, ranges: ranges)
            if newPins.isEmpty && newRanges.isEmpty {
                warnings.forEach(warn)  // those of the final pass only: a package pinned later is not unpinned
                return fetched
            }
            pins.merge(newPins) { _, new in new }
            ranges.merge(newRanges) { old, new in old + new }
        }
    }

    /// One breadth-first resolution; returns the packages, or the pins and hub ranges it
    /// learned too late.
    func pass(_ rootPackages: [PackageSpec], pins: [String: String], ranges: [String: [String]]) throws
        -> ([FetchedPackage], [String: String], [String: [String]], [String]) {
        var fetched: [FetchedPackage] = []
        var byKey: [String: (index: Int, revision: String?)] = [:]
        var byName: [String: Int] = [:]
        var learned: [String: String] = [:]
        var learnedRanges: [String: [String]] = [:]
        /// Each hub package's versions from every listing so far.
        var hubVersions: [String: [String]] = [:]
        var warnings: [String] = []
        var pending = rootPackages
        while !pending.isEmpty {
            var next: [PackageSpec] = []
            for listed in pending {
                let key = Resolver.key(listed)
                var spec = listed
                if case .git(let url, let revision, let subdirectory, let warn) = listed.source,
                   revision == nil || revision == "HEAD", let pin = pins[key] {
                    spec.source = .git(url: url, revision: pin, subdirectory: subdirectory, warnUnpinned: warn)
                }
                if case .hub(let package, let versions) = listed.source {
                    if let seen = byKey[key] {
                        // another listing: the release must suit its versions too
                        let all = (hubVersions[key] ?? []) + versions
                        hubVersions[key] = all
                        let chosen = try context.hub.choose(package, versions: all, prereleases: spec.installsPrereleases, span: spec.span)
                        if case .hub(_, let version) = fetched[seen.index].locked, version != chosen.release.version.description {
                            learnedRanges[key, default: []] += versions
                        }
                        continue
                    }
                    let all = versions + (ranges[key] ?? [])
                    hubVersions[key] = all
                    spec.source = .hub(package: package, versions: all)
                }
                if let seen = byKey[key] {
                    // an unpinned listing adds nothing; a pinned one pins a package first met unpinned
                    guard case .git(let url, let revision?, _, _) = spec.source, revision != "HEAD" else { continue }
                    if let pinned = seen.revision, pinned != "HEAD" {
                        guard pinned == revision else {
                            throw Diagnostic(.error, "git package \(url) is asked for at two revisions: '\(pinned)' and '\(revision)'",
                                             span: spec.span, hint: "list one revision for it wherever it appears")
                        }
                        continue
                    }
                    learned[key] = revision
                    continue
                }
                if let warning = unpinnedWarning(spec) { warnings.append(warning) }
                let package = try FetchedPackage.fetch(spec, in: context)
                if package.name == rootName {
                    throw Diagnostic(.error, "package \(package.what) is named '\(rootName)', like the root project",
                                     span: spec.span, hint: "package names must be unique in a project; rename one of them")
                }
                if let other = byName[package.name] {
                    throw Diagnostic(.error, "two packages are named '\(package.name)': \(fetched[other].what) and \(package.what)",
                                     span: spec.span, hint: "list each package once; package names must be unique in a project")
                }
                if case .git(_, let revision, _, _) = spec.source { byKey[key] = (fetched.count, revision) }
                else { byKey[key] = (fetched.count, nil) }
                byName[package.name] = fetched.count
                fetched.append(package)
                next += try dependencies(of: package)
            }
            pending = next
        }
        return (fetched, learned, learnedRanges, warnings)
    }

    /// The packages a fetched package lists in its own packages.yml or dependencies.yml, placed
    /// in that file as it will be installed (`dbt_packages/<name>/packages.yml`): its folder now
    /// is a scratch clone, or outside the project.
    func dependencies(of package: FetchedPackage) throws -> [PackageSpec] {
        if let hub = package.hubDependencies {
            // as dbt, a hub package's packages are the hub's word, placed at the listing of it
            return hub.map { PackageSpec(source: .hub(package: $0.package, versions: $0.versions), span: package.spec.span) }
        }
        let (file, diagnostics) = PackagesFile.read(root: package.files, cliVars: cliVars, environment: context.environment)
        func placed(_ span: SourceSpan) -> SourceSpan {
            SourceSpan(file: installFolder + "/" + package.name + "/" + span.file, line: span.line, column: span.column)
        }
        if var error = diagnostics.first(where: \.isError) {
            error.span = error.span.map(placed)
            throw error
        }
        return (file?.packages ?? []).map { spec in
            var spec = spec
            spec.span = placed(spec.span)
            return spec
        }
    }

    /// One package per key: git URLs without `.git`, with the subdirectory; local paths as written.
    static func key(_ spec: PackageSpec) -> String {
        switch spec.source {
        case .git(let url, _, let subdirectory, _):
            let base = url.hasSuffix(".git") ? String(url.dropLast(4)) : url
            return "git:" + base + (subdirectory.map { "/" + $0 } ?? "")
        case .local(let path): return "local:" + path
        case .hub(let package, _): return "hub:" + package
        case .tarball(let url, _): return "tarball:" + url
        case .privateRepository(let repository): return "private:" + repository
        }
    }

    /// dbt's warning for a git package on a moving branch, unless `warn-unpinned: false`.
    func unpinnedWarning(_ spec: PackageSpec) -> String? {
        guard case .git(let url, let revision, _, let warn) = spec.source, warn != false else { return nil }
        if revision == nil || revision == "HEAD" {
            return "warning: git package \(url) is not pinned: it uses HEAD (the default branch), "
                + "which can change under the project without warning"
        } else if revision == "main" || revision == "master" {
            return "warning: git package \(url) is pinned to the \"\(revision ?? "")\" branch, "
                + "which can change under the project without warning"
        }
        return nil
    }
}
