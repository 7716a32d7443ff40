// The warehouse's own column lists, the most trusted schema for column lineage: read for the
// project's sources (whose YAML often declares no or some columns) before a run, so the
// static checks can judge references to them.
import FlowcGraph
import FlowcWarehouse

public enum WarehouseCatalog {
    /// Columns of each source relation that exists, by unique_id; empty when the warehouse
    /// cannot be reached (lineage then falls back to YAML, and a run reports the connection).
    public static func sourceColumns(_ build: GraphBuild, warehouse: any Warehouse) -> [String: [(name: String, type: String)]] {
        // No sources, no connection: opening a SQLite target would create its file.
        guard !build.manifest.sources.isEmpty, let connection = try? warehouse.connect() else { return [:] }
        defer { connection.close() }
        var out: [String: [(name: String, type: String)]] = [:]
        for s in build.manifest.sources.values {
            if let cols = try? connection.columns(schema: s.schema, name: s.identifier), !cols.isEmpty {
                out[s.uniqueId] = cols.map { ($0.name, $0.dataType) }
            }
        }
        return out
    }
}
