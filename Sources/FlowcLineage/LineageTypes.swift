// The public vocabulary of column lineage: what a query's output columns are computed from,
// which input columns only filter or join, and the static-check findings. Inputs are
// described by a `LineageCatalog`; the engine knows nothing of dbt.

import FlowcSQLParser

/// How an output column relates to an input column. Ordered: a column derived through several
/// steps takes the strongest kind along the way (copy < transform < aggregate).
public enum LineageKind: String, Sendable, Comparable, CaseIterable {
    /// The same value, maybe renamed or cast.
    case copy
    /// An expression of the inputs (arithmetic, functions, CASE, window functions, …).
    case transform
    /// An aggregate over rows.
    case aggregate
    /// Read only by WHERE / HAVING / QUALIFY.
    case filter
    /// Read only by a join condition.
    case join

    private var rank: Int { LineageKind.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: LineageKind, b: LineageKind) -> Bool { a.rank < b.rank }
}

/// A column of an input relation, named by the catalog's relation id.
public struct ColumnSource: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var relation: String
    public var column: String
    public init(relation: String, column: String) {
        self.relation = relation
        self.column = column
    }
    public static func < (a: ColumnSource, b: ColumnSource) -> Bool {
        (a.relation, a.column) < (b.relation, b.column)
    }
    public var description: String { "\(relation).\(column)" }
}

public struct LineageColumn: Sendable {
    public var name: String
    public var kind: LineageKind
    /// Sorted, without duplicates.
    public var sources: [ColumnSource]
    /// Where the column is defined in the SQL (its select item), when it has one place.
    public var span: SQLSpan?
    /// False when some input of this column could not be traced (an unknown relation's column).
    public var resolved: Bool
}

public enum LineageCheck: String, Sendable, CaseIterable {
    /// A reference to a column or relation that does not exist.
    case unknownColumn = "unknown_column"
    /// An unqualified column that more than one joined relation has.
    case ambiguousColumn = "ambiguous_column"
    /// Branches of UNION / INTERSECT / EXCEPT with different numbers of columns.
    case setOperationColumns = "set_operation_columns"
}

public struct LineageDiagnostic: Sendable {
    public var check: LineageCheck
    public var message: String
    public var hint: String?
    public var span: SQLSpan
}

/// The lineage of one query.
public struct QueryLineage: Sendable {
    /// Output columns in order. When `complete` is false, the list holds only the columns known
    /// (a `*` over a relation whose columns are unknown adds an unknown number).
    public var columns: [LineageColumn]
    public var complete: Bool
    /// Input columns read by WHERE / HAVING / QUALIFY anywhere in the query.
    public var filters: [ColumnSource]
    /// Input columns read by join conditions anywhere in the query.
    public var joins: [ColumnSource]
    /// Relations the query reads (catalog ids), sorted.
    public var relations: [String]
    public var diagnostics: [LineageDiagnostic]
}

/// What the engine knows about a relation named in a query.
public struct LineageRelation: Sendable {
    public var id: String
    /// Column names in order; nil when unknown (then nothing about its columns is checked).
    public var columns: [String]?
    /// Whether `columns` are all the relation has. When false (a source whose YAML documents
    /// only some columns), other names are traced to the relation but never reported.
    public var exhaustive: Bool
    public init(id: String, columns: [String]?, exhaustive: Bool = true) {
        self.id = id
        self.columns = columns
        self.exhaustive = exhaustive
    }
}

/// Finds the relations a query names (`raw.orders` as `["raw", "orders"]`, parts as written:
/// unquoted parts lower case, quoted parts verbatim).
public protocol LineageCatalog {
    func relation(named parts: [String]) -> LineageRelation?
}

/// A catalog from a dictionary keyed by the lower-cased, dot-joined name.
public struct DictionaryCatalog: LineageCatalog, Sendable {
    public var relations: [String: LineageRelation]
    public init(_ relations: [String: LineageRelation]) {
        var lowered: [String: LineageRelation] = [:]
        for (k, v) in relations { lowered[k.lowercased()] = v }
        self.relations = lowered
    }
    public func relation(named parts: [String]) -> LineageRelation? {
        relations[parts.joined(separator: ".").lowercased()]
    }
}
