// How loud each static check is, from the project file's `checks:` map
// (`unknown_column: error|warn|off`, …). Unknown check names and levels are errors with the
// place, so a typo does not silently turn a check off.

import FlowcLineage
import FlowcProject

public struct CheckLevels: Sendable {
    public enum Check: String, Sendable, CaseIterable {
        case unknownColumn = "unknown_column"
        case ambiguousColumn = "ambiguous_column"
        case setOperationColumns = "set_operation_columns"
        /// YAML documents a column the model's SQL does not produce.
        case documentedColumn = "documented_column_missing"
        /// The compiled SQL could not be parsed (its lineage is unknown).
        case unparsedSQL = "unparsed_sql"
        /// A column traced to one marked PII reaches an exposure or a public model.
        case piiExposed = "pii_exposed"

        init(_ check: LineageCheck) {
            switch check {
            case .unknownColumn: self = .unknownColumn
            case .ambiguousColumn: self = .ambiguousColumn
            case .setOperationColumns: self = .setOperationColumns
            }
        }
    }

    public enum Level: String, Sendable {
        case error, warn, off
    }

    public var levels: [Check: Level]

    public static let defaults = CheckLevels(levels: [
        .unknownColumn: .error, .ambiguousColumn: .error, .setOperationColumns: .error,
        .documentedColumn: .warn, .unparsedSQL: .warn, .piiExposed: .error,
    ])

    public func severity(_ check: Check) -> Diagnostic.Severity? {
        switch levels[check] ?? .warn {
        case .error: return .error
        case .warn: return .warning
        case .off: return nil
        }
    }

    /// Reads `checks:` from the project file; problems are returned as diagnostics.
    public static func from(_ config: ProjectConfig) -> (CheckLevels, [Diagnostic]) {
        var out = CheckLevels.defaults
        var problems: [Diagnostic] = []
        guard let map = config.raw?["checks"] else { return (out, []) }
        guard let entries = map.entries else {
            return (out, [Diagnostic(.error, "'checks' must map check names to error, warn or off", span: map.span)])
        }
        for entry in entries {
            guard let check = Check(rawValue: entry.key) else {
                problems.append(Diagnostic(.error, "unknown check '\(entry.key)'", span: entry.keySpan,
                                           hint: NameSuggestion.hint(for: entry.key, among: Check.allCases.map(\.rawValue))
                                            ?? "checks are " + Check.allCases.map(\.rawValue).joined(separator: ", ")))
                continue
            }
            let text = entry.value.scalarText?.lowercased()
            // YAML reads a bare `off` as false.
            let level = entry.value.bool == false ? Level.off : text.flatMap { Level(rawValue: $0 == "warning" ? "warn" : $0) }
            guard let level else {
                problems.append(Diagnostic(.error, "check '\(entry.key)' must be error, warn or off", span: entry.value.span))
                continue
            }
            out.levels[check] = level
        }
        return (out, problems)
    }
}
