// An enforced contract's `checksum` in the manifest, as dbt's ModelNode.build_contract_checksum
// makes it: sha256 over the YAML columns sorted by name (`|name`, the data type, the Python
// repr of its constraints) and, for tables and incremental models (whose constraints are
// enforced), the materialization and the Python repr of the model-level constraints. State
// comparison tools read it to tell a changed contract.
import FlowcProject
import FlowcTemplate

public enum ContractChecksum {
    public static func of(_ n: Node) -> String? {
        guard n.config["contract"]?["enforced"]?.boolValue == true else { return nil }
        var state = ""
        // Python sorts the names by code point
        for c in n.columns.sorted(by: { Array($0.name.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.name.unicodeScalars.map(\.value)) }) {
            state += "|" + c.name + (c.dataType ?? "None") + repr(c.constraints, modelLevel: false)
        }
        if ["table", "incremental"].contains(n.materialized) {
            state += n.materialized + repr(n.constraints, modelLevel: true)
        }
        return Hashing.sha256Hex(state)
    }

    /// `str()` of a list of dbt's ColumnLevelConstraint / ModelLevelConstraint dataclasses.
    static func repr(_ constraints: [JSON], modelLevel: Bool) -> String {
        func text(_ v: JSON?) -> String {
            guard let s = v?.stringValue else { return "None" }
            return Value.string(s).pythonRepr
        }
        func list(_ v: JSON?) -> String {
            "[" + (v?.arrayValue ?? []).map { text($0) }.joined(separator: ", ") + "]"
        }
        func flag(_ v: JSON?) -> String { (v?.boolValue ?? true) ? "True" : "False" }
        let items = constraints.map { c -> String in
            let type = c["type"]?.stringValue ?? ""
            var fields = ["type=<ConstraintType.\(type): '\(type)'>", "name=\(text(c["name"]))", "expression=\(text(c["expression"]))",
                          "warn_unenforced=\(flag(c["warn_unenforced"]))", "warn_unsupported=\(flag(c["warn_unsupported"]))",
                          "to=\(text(c["to"]))", "to_columns=\(list(c["to_columns"]))"]
            if modelLevel { fields.append("columns=\(list(c["columns"]))") }
            return (modelLevel ? "ModelLevelConstraint(" : "ColumnLevelConstraint(") + fields.joined(separator: ", ") + ")"
        }
        return "[" + items.joined(separator: ", ") + "]"
    }
}
