// A column's declared type as dbt's Column (dbt-adapters' base Column) reads it: the type
// without its size, the numbers in parentheses, and the type tests dbt's macros and
// on_schema_change rely on. Shared by the template Column object and schema-change detection,
// so both decide "fits in" alike.
import Foundation

public struct ColumnType: Sendable, Equatable {
    /// `character varying(10)` → `character varying`, as dbt's dtype.
    public let baseType: String
    /// A string's size, a number's precision and scale.
    public let sizes: [Int]

    public init(_ dataType: String) {
        let lower = dataType.lowercased()
        let open = lower.firstIndex(of: "(")
        baseType = String(lower[..<(open ?? lower.endIndex)]).trimmingCharacters(in: .whitespaces)
        if let open, let close = lower.lastIndex(of: ")"), open < close {
            sizes = lower[lower.index(after: open)..<close].split(separator: ",").compactMap { Int(String($0).trimmingCharacters(in: .whitespaces)) }
        } else {
            sizes = []
        }
    }

    public var isString: Bool { ["text", "character varying", "character", "varchar", "char", "string"].contains(baseType) }
    public var isInteger: Bool {
        ["smallint", "integer", "bigint", "smallserial", "serial", "bigserial", "int2", "int4", "int8", "int"].contains(baseType)
    }
    public var isFloat: Bool { ["real", "float4", "float", "double precision", "float8", "double"].contains(baseType) }
    public var isNumeric: Bool { ["numeric", "decimal"].contains(baseType) }
    public var charSize: Int? { isString ? sizes.first : nil }
    public var numericPrecision: Int? { isNumeric ? sizes.first : nil }
    public var numericScale: Int? { isNumeric && sizes.count > 1 ? sizes[1] : nil }
    /// dbt's string_size(): a text column (or one without a size) counts as 256, which
    /// union_relations' choice of the widest string type relies on.
    public var stringSize: Int { (baseType == "text" ? nil : charSize) ?? 256 }

    /// dbt's can_expand_to: a string narrower than `other` fits in it.
    public func canExpand(to other: ColumnType) -> Bool {
        isString && other.isString && stringSize < other.stringSize
    }
}
