// dbt-postgres's names for the indexes of an `indexes:` config: an md5 of the columns, the
// uniqueness, the type, the relation and the time, so a rebuilt table's index never collides
// with the one it replaces.
import FlowcProject
import FlowcSQL
import Foundation

public enum IndexNaming {
    public static func spec(relation: String, schema: String, table: String, columns: [String], unique: Bool, type: String?) -> IndexSpec {
        // to the microsecond, as dbt's isoformat(): a table rebuilt within the same second must not
        // meet its predecessor's index name (`if not exists` would then skip the new index)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = Date()
        let micros = Int((date.timeIntervalSince1970 * 1_000_000).truncatingRemainder(dividingBy: 1_000))
        let now = formatter.string(from: date) + String(micros)
        let inputs = columns + [relation, unique ? "True" : "False", type ?? "None", now]
        return IndexSpec(relation: relation, schema: schema, table: table, name: Hashing.md5Hex(inputs.joined(separator: "_")),
                         columns: columns, unique: unique, type: type)
    }
}
