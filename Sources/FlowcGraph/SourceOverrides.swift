// dbt's source overrides: a `sources:` entry with `overrides: <package>` is not a source of its
// own but a patch of that package's source of the same name. Fivetran-style packages are
// configured this way: the project points the package's source at its own database, schema or
// table identifiers. As in dbt, the override's source-level keys replace the package's (all but
// name, overrides, tables), and an override table of the same name replaces that table's keys.
import FlowcProject

struct SourceOverride {
    var entry: YAMLValue
    /// The properties file that holds it, relative to the root project (for messages).
    var path: String
    var package: String
    var name: String
}

extension Builder {
    /// Every override in every project's properties, by "<package>.<source name>".
    mutating func collectSourceOverrides() -> [String: SourceOverride] {
        var out: [String: SourceOverride] = [:]
        for scope in scopes {
            for props in scope.properties {
                for src in props.sources {
                    guard let package = src["overrides"]?.scalarText, let name = src["name"]?.string else { continue }
                    let key = package + "." + name
                    if let other = out[key] {
                        error("source '\(name)' of package '\(package)' is overridden twice: in \(other.path) and \(props.path)",
                              src.span, hint: "keep one `overrides: \(package)` entry for it")
                        continue
                    }
                    out[key] = SourceOverride(entry: src, path: props.path, package: package, name: name)
                }
            }
        }
        return out
    }

    /// Overrides that matched no source (dbt warns about these too).
    mutating func warnUnused(_ overrides: [String: SourceOverride], used: Set<String>) {
        for (key, o) in overrides.sorted(by: { $0.key < $1.key }) where !used.contains(key) {
            warning("source '\(o.name)' overrides package '\(o.package)', which has no source of that name", o.entry.span,
                    hint: "`overrides:` names the package whose source (of the same `name`) it changes")
        }
    }
}

extension YAMLValue {
    /// This mapping with `patch`'s keys (except `skipping`) put in their place, as dbt's
    /// `dict.update` of a source by its override.
    func overridden(by patch: YAMLValue, skipping: Set<String>) -> YAMLValue {
        guard case .map(var entries, let span) = self, case .map(let extra, _) = patch else { return self }
        for e in extra where !skipping.contains(e.key) {
            if let i = entries.firstIndex(where: { $0.key == e.key }) { entries[i] = e } else { entries.append(e) }
        }
        return .map(entries, span)
    }
}
