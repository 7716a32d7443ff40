// What a materialized view model does to an existing materialized view, as dbt's
// materialized_view_get_build_sql decides it: refresh it when its configuration is unchanged;
// otherwise what `on_configuration_change` says: `apply` the changes, `continue` without
// building (a warning), or `fail` the model. dbt-postgres's only configuration is `indexes`,
// compared as sets of (lower-cased column set, unique, method), btree when no type is given.
import FlowcWarehouse

enum MaterializedViewPlan: Equatable {
    /// Nothing there yet, a full refresh, or a table or view in its place: built anew.
    case create(old: WarehouseRelation?)
    case refresh
    /// `apply`: drop the indexes the config no longer has, then create the new ones.
    case alter(IndexChanges)
    /// `continue`: leave it as it is.
    case skip
}

/// dbt's message when `on_configuration_change: fail` meets a changed materialized view.
struct MaterializedViewChangeRefused: Error, Equatable {
    let relation: String
    var message: String {
        "Configuration changes were identified and `on_configuration_change` was set to `fail` for `\(relation)`"
    }
}

struct IndexChanges: Equatable {
    /// An index as dbt-postgres compares them (its name does not count).
    struct Key: Hashable {
        var columns: Set<String>
        var unique: Bool
        var method: String
    }
    struct Existing: Equatable {
        var name: String
        var key: Key
    }
    struct Wanted: Equatable {
        var columns: [String]
        var unique: Bool
        var method: String
    }
    /// Names of the indexes to drop, in name order.
    var drops: [String] = []
    /// The configured indexes the relation lacks, in config order.
    var creates: [Wanted] = []

    var isEmpty: Bool { drops.isEmpty && creates.isEmpty }

    static func key(columns: [String], unique: Bool, type: String?) -> Key {
        Key(columns: Set(columns.map { $0.lowercased() }), unique: unique, method: (type ?? "btree").lowercased())
    }

    /// The changes that take a relation with `existing` indexes to the `configured` ones.
    static func between(existing: [Existing], configured: [(columns: [String], unique: Bool, type: String?)]) -> IndexChanges {
        let wantedKeys = Set(configured.map { key(columns: $0.columns, unique: $0.unique, type: $0.type) })
        let existingKeys = Set(existing.map(\.key))
        var out = IndexChanges()
        out.drops = existing.filter { !wantedKeys.contains($0.key) }.map(\.name).sorted()
        var planned: Set<Key> = []
        for c in configured {
            let k = key(columns: c.columns, unique: c.unique, type: c.type)
            guard !existingKeys.contains(k), planned.insert(k).inserted else { continue }
            out.creates.append(Wanted(columns: c.columns, unique: c.unique, method: k.method))
        }
        return out
    }

    /// The indexes of the catalog query's rows (name, method, unique, column_names).
    static func existing(rows: [[SQLValue]]) -> [Existing] {
        rows.compactMap { row in
            guard row.count >= 4 else { return nil }
            let unique: Bool
            switch row[2] {
            case .bool(let b): unique = b
            default: unique = ["t", "true", "1"].contains(row[2].text.lowercased())
            }
            let columns = row[3].text.split(separator: ",").map(String.init)
            return Existing(name: row[0].text, key: key(columns: columns, unique: unique, type: row[1].text))
        }
    }
}
