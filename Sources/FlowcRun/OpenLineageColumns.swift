// The columns and types of the relations a run built, as the warehouse reports them, for the
// OpenLineage schema facet: flowc's lineage knows a model's column names from its SQL, but the
// types only where YAML declares them. Read through one connection of its own, only on the
// OpenLineage transport's queue (never on a runner thread), opened on first use; a relation the
// connection cannot read simply has no types. Remembered, so a child's input dataset has the
// types of the parent built before it.
import FlowcGraph
import FlowcWarehouse
import Synchronization

public final class OpenLineageColumns: Sendable {
    public typealias Column = (name: String, type: String)
    private let warehouse: any Warehouse
    private let state = Mutex(State())

    struct State {
        var connection: (any WarehouseConnection)?
        var failed = false
        /// By dataset name (`database.schema.table`).
        var columns: [String: [Column]] = [:]
    }

    public init(warehouse: any Warehouse) {
        self.warehouse = warehouse
    }

    /// Reads (again) the columns of the relation `node` built, remembered as dataset `name`.
    @discardableResult
    public func read(_ node: Node, as name: String) -> [Column]? {
        state.withLock { s -> [Column]? in
            if s.connection == nil && !s.failed {
                do { s.connection = try warehouse.connect() } catch { s.failed = true }
            }
            guard let connection = s.connection,
                  let found = try? connection.columns(schema: node.schema, name: node.alias.isEmpty ? node.name : node.alias),
                  !found.isEmpty else { return nil }
            let columns = found.map { (name: $0.name, type: $0.dataType) }
            s.columns[name] = columns
            return columns
        }
    }

    /// The columns read so far of the given datasets, by name.
    public func known(_ names: [String]) -> [String: [Column]] {
        state.withLock { s in
            var out: [String: [Column]] = [:]
            for name in names { out[name] = s.columns[name] }
            return out
        }
    }

    public func close() {
        state.withLock { s in
            s.connection?.close()
            s.connection = nil
        }
    }
}
