// package-lock.yml: what `deps` resolved, so that the next `deps` installs the same commits.
// Written as dbt writes it (PyYAML's dump: keys sorted, list items indented by two; byte for
// byte but for the long values PyYAMLScalar notes), so dbt and flowc can share one lock file.
import FlowcProject
import Foundation

/// One package as the lock records it.
public struct LockedPackage: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// The folder as packages.yml gives it (rendered).
        case local(path: String)
        /// The URL as packages.yml writes it (unrendered, so secrets stay in the environment)
        /// and the full commit id the revision named.
        case git(url: String, revision: String, subdirectory: String?)
        /// A hub package at the version chosen.
        case hub(package: String, version: String)
        /// A `tarball:` package, its URL as written.
        case tarball(url: String)
    }

    public var source: Source
    /// The package's project name (from its own project file).
    public var name: String

    public init(source: Source, name: String) {
        self.source = source
        self.name = name
    }

    /// The entry's keys and values, in PyYAML's sorted order.
    var fields: [(String, String)] {
        switch source {
        case .local(let path):
            return [("local", path), ("name", name)]
        case .git(let url, let revision, let subdirectory):
            return [("git", url), ("name", name), ("revision", revision)] + (subdirectory.map { [("subdirectory", $0)] } ?? [])
        case .hub(let package, let version):
            return [("name", name), ("package", package), ("version", version)]
        case .tarball(let url):
            return [("name", name), ("tarball", url)]
        }
    }
}

public struct LockFile: Sendable, Equatable {
    public static let fileName = "package-lock.yml"

    public var packages: [LockedPackage]
    /// The hash of the packages file the lock was resolved from (see PackageHash).
    public var sha1Hash: String

    public init(packages: [LockedPackage], sha1Hash: String) {
        self.packages = packages
        self.sha1Hash = sha1Hash
    }

    /// The file's text.
    public var text: String {
        var out = "packages:\n"
        for package in packages {
            for (index, (key, value)) in package.fields.enumerated() {
                out += (index == 0 ? "  - " : "    ") + key + ": " + PyYAMLScalar.quote(value) + "\n"
            }
        }
        return out + "sha1_hash: " + PyYAMLScalar.quote(sha1Hash) + "\n"
    }

    /// The `sha1_hash` of the project's lock file, nil when there is none or it has none. Read
    /// from the text, so a lock that no longer parses (a merge conflict) is simply resolved again.
    public static func hash(root: String) -> String? {
        guard let text = FileSystem.read(root + "/" + fileName) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("sha1_hash:") {
            return line.dropFirst("sha1_hash:".count).trimmingCharacters(in: CharacterSet(charactersIn: " '\"\r"))
        }
        return nil
    }

    /// The project's locked packages, rendered again (dbt renders the lock's values too, so an
    /// env_var() in a git URL is read at install time); nil when there is no lock. Throws
    /// `ProjectErrors` for a lock that is not a list of packages.
    public static func read(root: String, cliVars: YAMLValue?, environment: [String: String]) throws -> [PackageSpec]? {
        let path = root + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let text = FileSystem.read(path) else {
            throw ProjectErrors([Diagnostic(.error, "cannot read \(fileName)", span: .start(of: fileName))])
        }
        let (file, diagnostics) = PackagesFile.parse(text, fileName: fileName, cliVars: cliVars, environment: environment)
        guard let file, !diagnostics.contains(where: \.isError) else {
            throw ProjectErrors(diagnostics.isEmpty
                ? [Diagnostic(.error, "\(fileName) holds no packages list", span: .start(of: fileName))] : diagnostics)
        }
        return file.packages
    }
}
