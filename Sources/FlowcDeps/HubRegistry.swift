// dbt's package hub: `package: dbt-labs/dbt_utils` with `version:` ranges. The hub's JSON
// (`<hub>/api/v1/dbt-labs/dbt_utils.json`, the hub being DBT_PACKAGE_HUB_URL when set, as for
// dbt) lists each version's project name, tarball and own hub dependencies; the tarball is
// downloaded and unpacked into the scratch folder. Downloads go through curl and tar, as git
// packages go through git, so flowc links no HTTP library (it would slow every command's start).
import FlowcProject
import Foundation

final class HubRegistry {
    /// The hub's address, ending in `/`.
    let baseURL: String
    private var cache: [String: [SemVer: Release]] = [:]

    /// One version of a package, as the hub describes it.
    struct Release {
        var version: SemVer
        /// The package's project name (its folder under packages-install-path).
        var name: String
        var tarball: String
        /// The hub packages it lists, with their version ranges.
        var dependencies: [(package: String, versions: [String])]
        /// `require_dbt_version` of that release, if any.
        var requireDbtVersion: [String]
    }

    /// The dbt version flowc stands for when a release says which dbt versions it works with.
    static let dbtVersion = "1.11.0"

    init(environment: [String: String]) {
        let configured = environment["DBT_PACKAGE_HUB_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://hub.getdbt.com/"
        baseURL = configured.hasSuffix("/") ? configured : configured + "/"
    }

    /// Every version of `package` (`org/name`) the hub has, fetched once per run.
    func releases(_ package: String, span: SourceSpan) throws -> [SemVer: Release] {
        if let cached = cache[package] { return cached }
        let url = baseURL + "api/v1/" + package + ".json"
        let data = try Self.curl([url], span: span, notFound: "Package \(package) was not found in the package index",
                                 hint: "check the name at \(baseURL) (`org/package`, as the hub lists it)")
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let versions = object["versions"] as? [String: Any] else {
            throw Diagnostic(.error, "the package hub's answer for \(package) is not what dbt's hub sends (\(url))", span: span,
                             hint: "check DBT_PACKAGE_HUB_URL, if it is set")
        }
        var out: [SemVer: Release] = [:]
        for (key, value) in versions {
            guard let v = SemVer(key), let info = value as? [String: Any], let name = info["name"] as? String,
                  let downloads = info["downloads"] as? [String: Any], let tarball = downloads["tarball"] as? String else { continue }
            var dependencies: [(String, [String])] = []
            for entry in info["packages"] as? [[String: Any]] ?? [] {
                guard let dependency = entry["package"] as? String else { continue }
                dependencies.append((dependency, Self.strings(entry["version"])))
            }
            out[v] = Release(version: v, name: name, tarball: tarball, dependencies: dependencies,
                             requireDbtVersion: Self.strings(info["require_dbt_version"]))
        }
        cache[package] = out
        return out
    }

    /// Downloads and unpacks a release into a new folder under `scratch`; returns the folder
    /// holding its project file (a tarball has one top folder, `dbt-utils-1.3.0/`).
    func download(_ release: Release, package: String, scratch: String, span: SourceSpan) throws -> String {
        try Self.unpack(release.tarball, scratch: scratch, what: "\(package) \(release.version)", span: span)
    }

    /// Downloads a .tar.gz and unpacks it into a new folder under `scratch`; returns the folder
    /// holding its files (the archive's one top folder, when it has one).
    static func unpack(_ url: String, scratch: String, what: String, span: SourceSpan) throws -> String {
        let folder = scratch + "/" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let archive = folder + ".tar.gz"
        _ = try curl(["-o", archive, url], span: span, notFound: "\(what): \(url) is not there",
                     hint: "check the URL, or pin another version")
        let untar: Subprocess.Result
        do {
            // members are kept inside the folder: tar refuses absolute names and `..` by default
            untar = try Subprocess.run("tar", ["-xzf", archive, "-C", folder, "--no-same-owner"])
        } catch {
            throw Diagnostic(.error, "cannot run tar to unpack \(what): \(error)", span: span, hint: "install tar and gzip")
        }
        guard untar.status == 0 else {
            throw Diagnostic(.error, "cannot unpack \(what) from \(url): \(untar.errorText)", span: span)
        }
        try? FileManager.default.removeItem(atPath: archive)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        if entries.count == 1, FileSystem.isDirectory(folder + "/" + entries[0]) { return folder + "/" + entries[0] }
        return folder
    }

    /// The release to install for `versions` (all of a package's listings): the highest
    /// compatible one in their range, as dbt picks it. Throws dbt's errors at `span`.
    func choose(_ package: String, versions: [String], prereleases: Bool, span: SourceSpan) throws -> (release: Release, latest: SemVer) {
        let range: VersionRange
        do {
            range = try VersionRange(versions)
        } catch let e as VersionRange.Invalid {
            throw Diagnostic(.error, "Version error for package \(package): \(e.message)", span: span,
                             hint: "the package is listed with versions \(versions.joined(separator: ", ")); make them overlap")
        }
        let all = try releases(package, span: span)
        let installable = all.values.filter(Self.compatible).map(\.version)
            .filter { prereleases || range.mentionsPrerelease || !$0.isPrerelease }.sorted()
        guard let best = range.best(installable, prereleases: prereleases), let release = all[best], let latest = installable.last else {
            throw Diagnostic(.error, "Could not find a matching compatible version for package \(package)\n"
                                + "  Requested range: \(range)\n  Compatible versions: [\(installable.map { "'\($0)'" }.joined(separator: ", "))]",
                             span: span, hint: "ask for a version the hub has (\(baseURL)api/v1/\(package).json)")
        }
        return (release, latest)
    }

    /// The releases of a list that work with the dbt version flowc stands for.
    static func compatible(_ release: Release) -> Bool {
        guard !release.requireDbtVersion.isEmpty, let dbt = SemVer(dbtVersion) else { return true }
        // an unreadable requirement excludes nothing, as a missing one
        guard let range = try? VersionRange(release.requireDbtVersion) else { return true }
        return range.contains(dbt)
    }

    /// Runs curl on `args` (failing on HTTP errors, following redirects, retrying); returns what
    /// it wrote to stdout.
    static func curl(_ args: [String], span: SourceSpan, notFound: String, hint: String) throws -> Data {
        let result: Subprocess.Result
        do {
            result = try Subprocess.run("curl", ["--fail", "--silent", "--show-error", "--location", "--retry", "3",
                                                 "--connect-timeout", "20", "--max-time", "300"] + args)
        } catch {
            throw Diagnostic(.error, "cannot run curl to reach the package hub: \(error)", span: span, hint: "install curl")
        }
        switch result.status {
        case 0: return result.stdout
        case 127: throw Diagnostic(.error, "cannot run curl to reach the package hub: not found", span: span, hint: "install curl")
        case 22 where result.errorText.contains("404"): throw Diagnostic(.error, notFound, span: span, hint: hint)
        default:
            throw Diagnostic(.error, "cannot reach the package hub: \(result.errorText)", span: span,
                             hint: "check the network (the hub is DBT_PACKAGE_HUB_URL when set, else https://hub.getdbt.com/)")
        }
    }

    /// A version entry: one string or a list of them.
    static func strings(_ value: Any?) -> [String] {
        if let s = value as? String { return [s] }
        return (value as? [Any])?.compactMap { $0 as? String } ?? []
    }
}
