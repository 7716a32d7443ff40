// package-lock.yml's `sha1_hash`: how dbt tells whether packages.yml changed since the lock was
// written. Each root entry becomes the JSON of dbt's package contract (rendered fields, unset
// ones as null, plus the entry as written under `unrendered`); the lines are sorted, joined
// with "\n" and hashed with SHA-1. Only the root project's entries count, duplicates included.
import FlowcProject

enum PackageHash {
    static func sha1(_ packages: [PackageSpec]) -> String {
        Hashing.sha1Hex(packages.map(line).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .joined(separator: "\n"))
    }

    /// One entry as dbt's `json.dumps(package.to_dict(), sort_keys=True)`.
    static func line(_ spec: PackageSpec) -> String {
        let span = spec.span
        let rendered = spec.rendered
        func field(_ key: String, default fallback: YAMLValue) -> YAMLValue.Entry {
            (key: key, keySpan: span, value: rendered?[key] ?? fallback)
        }
        let null = YAMLValue.null(span)
        var fields: [YAMLValue.Entry]
        switch spec.source {
        case .local:
            fields = [field("local", default: null)]
        case .git:
            fields = [field("git", default: null), field("revision", default: null), field("subdirectory", default: null),
                      field("warn-unpinned", default: null)]
        case .hub:
            let prerelease = rendered?["install-prerelease"] ?? rendered?["install_prerelease"] ?? .bool(false, span)
            fields = [field("package", default: null), field("version", default: null),
                      (key: "install_prerelease", keySpan: span, value: prerelease)]
        case .tarball:
            fields = [field("tarball", default: null), field("name", default: null)]
        case .privateRepository:
            fields = [field("private", default: null), field("provider", default: null), field("revision", default: null),
                      field("subdirectory", default: null), field("warn-unpinned", default: null)]
        }
        // `name` is dropped only when unset
        if let name = rendered?["name"], !fields.contains(where: { $0.key == "name" }) {
            fields.append((key: "name", keySpan: span, value: name))
        }
        fields.append((key: "unrendered", keySpan: span, value: spec.raw ?? rendered ?? null))
        return PythonJSON.dumps(.map(fields, span))
    }
}
