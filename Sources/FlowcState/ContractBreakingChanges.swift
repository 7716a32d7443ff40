// dbt's check of enforced model contracts against the state (ModelNode.same_contract and
// same_contract_removed): a removed or retyped column, an enforced constraint taken away, the
// contract no longer enforced, a materialization that no longer enforces constraints, or the
// model deleted, renamed or disabled. A versioned model's breaking change is an error (make a
// new version instead); an unversioned one's a warning. Checked when `state:modified` selects.
import FlowcGraph
import FlowcSQL
import Foundation

/// What a model's contract is made of, as the manifest says.
public struct ContractFacts: Sendable {
    public struct Constraint: Sendable {
        /// Canonical JSON, as dbt compares constraints (every field).
        var canonical: String
        var type: String
        var name: String?
        /// A model-level constraint's columns.
        var columns: [String]

        init(_ c: JSON) {
            canonical = JSONCanonical.string(c)
            type = c["type"]?.stringValue ?? ""
            name = c["name"]?.stringValue
            columns = c["columns"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }

        /// How dbt names it in a message: its name, else its Python enum (`ConstraintType.not_null`).
        var label: String { name ?? "ConstraintType." + type }
    }
    public struct Column: Sendable {
        var name: String
        var dataType: String?
        var constraints: [Constraint]
    }
    var enforced: Bool
    var versioned: Bool
    var pastDeprecation: Bool
    var name: String
    var originalFilePath: String
    var materialized: String
    /// By the key the manifest lists the column under.
    var columns: [String: Column]
    var constraints: [Constraint]

    var enforcesConstraints: Bool { ["table", "incremental"].contains(materialized) }

    init(_ n: JSON, today: String) {
        let config = n["config"]
        enforced = config?["contract"]?["enforced"]?.boolValue == true
        versioned = n["version"].map { $0 != .null } ?? false
        pastDeprecation = n["deprecation_date"]?.stringValue.map { String($0.prefix(10)) < today } ?? false
        name = n["name"]?.stringValue ?? ""
        originalFilePath = n["original_file_path"]?.stringValue ?? ""
        materialized = config?["materialized"]?.stringValue ?? ""
        var columns: [String: Column] = [:]
        for (key, c) in n["columns"]?.objectValue ?? JSONObject() {
            columns[key] = Column(name: c["name"]?.stringValue ?? key, dataType: c["data_type"]?.stringValue,
                                  constraints: (c["constraints"]?.arrayValue ?? []).map(Constraint.init))
        }
        self.columns = columns
        constraints = (n["constraints"]?.arrayValue ?? []).map(Constraint.init)
    }
}

/// One model's breaking change to its contract, in dbt's words.
public struct ContractBreak: Sendable, Equatable {
    public var uniqueId: String
    public var name: String
    public var originalFilePath: String
    public var versioned: Bool
    public var reasons: [String]

    /// dbt's message: ContractBreakingChangeError for a versioned model, the
    /// UnversionedBreakingChange warning otherwise.
    public var message: String {
        let reasons = self.reasons.joined(separator: "\n  - ")
        if versioned {
            let body = "While comparing to previous project state, dbt detected a breaking change to an enforced contract."
                + "\n  - \(reasons)\n"
                + "Consider making an additive (non-breaking) change instead, if possible.\n"
                + "Otherwise, create a new model version: https://docs.getdbt.com/docs/collaborate/govern/model-versions"
            return "Breaking change to contract Error in model \(name) (\(originalFilePath))\n  "
                + body.replacingOccurrences(of: "\n", with: "\n  ")
        }
        return "Breaking change to contracted, unversioned model \(name) (\(originalFilePath))"
            + "\nWhile comparing to previous project state, dbt detected a breaking change to an unversioned model."
            + "\n  - \(reasons)\n"
    }
}

enum ContractBreakingChanges {
    /// Whether the manifest's adapter enforces constraints of `type` (the dialect's data; an
    /// adapter flowc does not know has the base adapter's support).
    static func enforced(_ type: String, adapter: String) -> Bool {
        (Dialect.named(adapter)?.enforcedConstraintTypes ?? Dialect.baseEnforcedConstraintTypes).contains(type)
    }

    /// A data type without its size, precision or scale, in lower case (`varchar(10)` → varchar):
    /// dbt does not count those changes as breaking.
    static func baseType(_ t: String?) -> String? {
        guard let t, !t.isEmpty else { return t }
        return String(t.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The breaking changes from `old` to `new` (a model on both sides whose contract changed).
    static func between(id: String, old: ContractFacts, new: ContractFacts, adapter: String) -> ContractBreak? {
        guard old.enforced else { return nil }  // newly enforced, or never: no breaking change
        var reasons: [String] = []
        if !new.enforced {
            reasons.append("Contract enforcement was removed: Previously, this model had an enforced contract. "
                           + "It is no longer configured to enforce its contract, and this is a breaking change.")
        }
        var removed: [String] = [], retyped: [String] = [], columnConstraints: [String] = []
        var columnConstraintsExist = false
        for key in old.columns.keys.sorted() {
            guard let was = old.columns[key] else { continue }
            if !was.constraints.isEmpty { columnConstraintsExist = true }
            guard let now = new.columns[key] else { removed.append(was.name); continue }
            if was.dataType != now.dataType, baseType(was.dataType) != baseType(now.dataType) {
                retyped.append("\(was.name) (\(was.dataType ?? "None") -> \(now.dataType ?? "None"))")
            }
            let kept = Set(now.constraints.map(\.canonical))
            if was.constraints.map(\.canonical) != now.constraints.map(\.canonical) && old.enforcesConstraints {
                for c in was.constraints where !kept.contains(c.canonical) && enforced(c.type, adapter: adapter) {
                    columnConstraints.append("'\(c.label)' constraint on column \(key)")
                }
            }
        }
        var modelConstraints: [String] = []
        let newModelConstraints = Set(new.constraints.map(\.canonical))
        if old.constraints.map(\.canonical) != new.constraints.map(\.canonical) && old.enforcesConstraints {
            for c in old.constraints where !newModelConstraints.contains(c.canonical) && enforced(c.type, adapter: adapter) {
                let columns = "[" + c.columns.map { "'\($0)'" }.joined(separator: ", ") + "]"
                modelConstraints.append("'\(c.label)' constraint on columns \(columns)")
            }
        }
        if !removed.isEmpty { reasons.append("Columns were removed: \n    - " + removed.joined(separator: "\n    - ")) }
        if !retyped.isEmpty { reasons.append("Columns with data_type changes: \n    - " + retyped.joined(separator: "\n    - ")) }
        if !columnConstraints.isEmpty {
            reasons.append("Enforced column level constraints were removed: \n    - " + columnConstraints.joined(separator: "\n    - "))
        }
        if !modelConstraints.isEmpty {
            reasons.append("Enforced model level constraints were removed: \n    - " + modelConstraints.joined(separator: "\n    - "))
        }
        if old.enforcesConstraints && !new.enforcesConstraints && (!old.constraints.isEmpty || columnConstraintsExist) {
            reasons.append("Materialization changed with enforced constraints: \n    - \(old.materialized) -> \(new.materialized)")
        }
        guard !reasons.isEmpty else { return nil }
        return ContractBreak(uniqueId: id, name: new.name, originalFilePath: new.originalFilePath, versioned: new.versioned,
                             reasons: reasons)
    }

    /// A contracted model the current project no longer has (deleted, renamed or disabled),
    /// unless it was past its deprecation date.
    static func removed(id: String, old: ContractFacts, disabled: Bool) -> ContractBreak? {
        guard old.enforced, !old.pastDeprecation else { return nil }
        let reason = disabled ? "Contracted model '\(id)' was disabled." : "Contracted model '\(id)' was deleted or renamed."
        return ContractBreak(uniqueId: id, name: old.name, originalFilePath: old.originalFilePath, versioned: old.versioned,
                             reasons: [reason])
    }

    /// Every breaking change from `state` to `current`, by unique id.
    static func all(current: StateSnapshot, state: StateSnapshot) -> [ContractBreak] {
        var out: [ContractBreak] = []
        for (id, old) in state.contracts.sorted(by: { $0.key < $1.key }) {
            if let new = current.contracts[id] {
                if let b = between(id: id, old: old, new: new, adapter: current.adapterType) { out.append(b) }
            } else if current.nodes[id] == nil, let b = removed(id: id, old: old, disabled: current.disabledIds.contains(id)) {
                out.append(b)
            }
        }
        return out
    }
}
