// Lineage "nodes" for the project's inputs, which have no SQL to trace: sources (YAML columns
// or the warehouse's) and seeds (the CSV header, or the warehouse's columns).

import FlowcGraph
import FlowcLineage
import FlowcProject
import Foundation

extension ProjectLineage {
    /// An input node as the warehouse reports it, when it does.
    static func fromWarehouse(_ l: inout NodeLineage, _ inputs: LineageInputs) -> Bool {
        guard let warehouse = inputs.warehouseColumns[l.uniqueId], !warehouse.isEmpty else { return false }
        l.columns = warehouse.map { NodeColumnLineage(name: $0.name, dataType: $0.type, kind: nil, sources: []) }
        l.status = .complete
        l.origin = "warehouse"
        return true
    }

    static func inputLineage(source s: SourceTable, _ inputs: LineageInputs) -> NodeLineage {
        let dialect = inputs.build.setup.dialect
        var l = NodeLineage(uniqueId: s.uniqueId, resourceType: "source", name: "\(s.sourceName).\(s.name)",
                            relationName: s.relationName(dialect),
                            status: .unknown, origin: "yaml", columns: [], filters: [], joins: [], reason: nil)
        if fromWarehouse(&l, inputs) {
            return l
        } else if !s.columns.isEmpty {
            l.columns = s.columns.map { NodeColumnLineage(name: $0.name, dataType: $0.dataType, kind: nil, sources: []) }
            l.status = .complete
            l.exhaustive = false
        } else {
            l.reason = "the source declares no columns"
        }
        return l
    }

    static func inputLineage(seed n: Node, _ inputs: LineageInputs) -> NodeLineage {
        let dialect = inputs.build.setup.dialect
        var l = NodeLineage(uniqueId: n.uniqueId, resourceType: "seed", name: n.name,
                            relationName: dialect.renderRelation(database: n.database, schema: n.schema, identifier: n.alias),
                            status: .unknown, origin: "seed", columns: [], filters: [], joins: [], reason: nil)
        if fromWarehouse(&l, inputs) { return l }
        let path = inputs.projectRoot + "/" + inputs.build.manifest.projectRelativePath(of: n)
        let delimiter = n.config["delimiter"]?.stringValue?.utf8.first ?? UInt8(ascii: ",")
        guard let header = SeedHeader.read(path: path, delimiter: delimiter) else {
            l.reason = "cannot read the seed's header"
            return l
        }
        let types = n.config["column_types"]?.objectValue
        let documented = documentedTypes(n)
        l.columns = header.map { name in
            NodeColumnLineage(name: name, dataType: types?[name]?.stringValue ?? documented[name.lowercased()] ?? nil, kind: nil, sources: [])
        }
        l.status = .complete
        return l
    }
}

/// The first record of a CSV file (RFC 4180 quoting), read through the project's file system
/// (so a git revision's seeds are read from memory, like its models).
enum SeedHeader {
    static func read(path: String, delimiter: UInt8) -> [String]? {
        guard let text = FileSystem.read(path) else { return nil }
        // The header ends at the first unquoted newline; 1 MiB bounds a file that has none.
        var bytes = Array(text.utf8.prefix(1 << 20))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 1 } else { quoted = false }
                } else {
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\"") {
                quoted = true
            } else if b == delimiter {
                fields.append(String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces))
                field = []
            } else if b == 0x0A || b == 0x0D {
                break
            } else {
                field.append(b)
            }
            i += 1
        }
        fields.append(String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces))
        return fields.allSatisfy(\.isEmpty) ? nil : fields
    }
}
