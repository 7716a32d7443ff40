// Configs that take one string or a list of them (unique_key, merge_update_columns, …), and
// the merge update columns they name, for flowc's own merges and the get_merge_sql macro alike.
import FlowcProject
import FlowcSQL

extension JSON {
    /// A config that is one string or a list of them (an empty string names none).
    public var stringList: [String] {
        switch self {
        case .string(let s): return s.isEmpty ? [] : [s]
        case .array(let items): return items.compactMap(\.stringValue)
        default: return []
        }
    }
}

extension MergeSpec {
    /// The columns a merge updates by a model's `merge_update_columns` / `merge_exclude_columns`
    /// config; nil when it sets both, which dbt refuses.
    public static func updateColumns(_ columns: [String], config: JSONObject) -> [String]? {
        updateColumns(columns, only: config["merge_update_columns"]?.stringList ?? [],
                      except: config["merge_exclude_columns"]?.stringList ?? [])
    }
}
