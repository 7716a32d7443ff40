// A SQL dialect as data: how identifiers are quoted, how a relation is spelled, and the type
// names and cross-database macro bodies that differ. Adding a dialect is adding one file that
// defines a `Dialect` value and listing it in `Dialect.all`.

import FlowcSQLParser

public struct QuotePolicy: Sendable, Equatable {
    public var database: Bool
    public var schema: Bool
    public var identifier: Bool
    public init(database: Bool, schema: Bool, identifier: Bool) {
        self.database = database
        self.schema = schema
        self.identifier = identifier
    }
}

/// A dialect's fields sit in a shared copy-on-write box, as a Node's do: every relation a
/// template makes holds its dialect, and copying some twenty reference-counted fields for each
/// was a noticeable part of rendering large projects.
public struct Dialect: Sendable {
    struct Fields: Sendable {
        var name: String
        var quoteCharacter: Character
        var quotePolicy: QuotePolicy
        var includesDatabase: Bool
        var typeNames: [String: String]
        var macroOverrides: String
        var ddl: DDL
        var syntax: SQLSyntax
        var typesAreAffinities: Bool
        var relationClassName: String
        var policyClassNames: (quote: String, include: String)
        var columnClassName: String
        var foldsUnquotedNamesToLowerCase: Bool
        var contractTypeLabels: [String: String]
        var maxIdentifierLength: Int?
        var adapterMacros: Set<String>
        var macroBackedAdapterMethods: Set<String>
        var enforcedConstraintTypes: Set<String>
        var behaviorFlags: [String: Bool]
    }

    final class Box: @unchecked Sendable {
        // Mutated only through a uniquely referenced Dialect (see `fields`), hence Sendable.
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    private var fields: Fields {
        get { box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    init(
        name: String,
        quoteCharacter: Character,
        quotePolicy: QuotePolicy,
        includesDatabase: Bool,
        typeNames: [String: String],
        macroOverrides: String,
        ddl: DDL,
        syntax: SQLSyntax,
        typesAreAffinities: Bool = false,
        relationClassName: String = "BaseRelation",
        policyClassNames: (quote: String, include: String) = (quote: "Policy", include: "Policy"),
        columnClassName: String = "Column",
        foldsUnquotedNamesToLowerCase: Bool = false,
        contractTypeLabels: [String: String] = [:],
        maxIdentifierLength: Int? = nil,
        adapterMacros: Set<String> = [],
        macroBackedAdapterMethods: Set<String> = [],
        enforcedConstraintTypes: Set<String> = Dialect.baseEnforcedConstraintTypes,
        behaviorFlags: [String: Bool] = [
            "require_batched_execution_for_custom_microbatch_strategy": false,
            "enable_truthy_nulls_equals_macro": false,
        ]
    ) {
        box = Box(Fields(
            name: name,
            quoteCharacter: quoteCharacter,
            quotePolicy: quotePolicy,
            includesDatabase: includesDatabase,
            typeNames: typeNames,
            macroOverrides: macroOverrides,
            ddl: ddl,
            syntax: syntax,
            typesAreAffinities: typesAreAffinities,
            relationClassName: relationClassName,
            policyClassNames: policyClassNames,
            columnClassName: columnClassName,
            foldsUnquotedNamesToLowerCase: foldsUnquotedNamesToLowerCase,
            contractTypeLabels: contractTypeLabels,
            maxIdentifierLength: maxIdentifierLength,
            adapterMacros: adapterMacros,
            macroBackedAdapterMethods: macroBackedAdapterMethods,
            enforcedConstraintTypes: enforcedConstraintTypes,
            behaviorFlags: behaviorFlags))
    }

    public var name: String { box.fields.name }
    public var quoteCharacter: Character { box.fields.quoteCharacter }
    // A dialect is data made once by its file; the one field set afterwards is the quoting
    // policy, which a project's `quoting:` overlays (RelationQuoting.swift).
    /// Default quoting of relation parts, as the adapter's Relation class has it.
    public var quotePolicy: QuotePolicy {
        get { box.fields.quotePolicy }
        set { fields.quotePolicy = newValue }
        _modify { yield &fields.quotePolicy }
    }
    /// Whether a rendered relation names its database (SQLite has none).
    public var includesDatabase: Bool { box.fields.includesDatabase }
    /// Generic type names (`type_string()` etc.) → this dialect's names.
    public var typeNames: [String: String] { box.fields.typeNames }
    /// Jinja macros (`<dialect>__name`) for cross-database helpers whose SQL differs here.
    public var macroOverrides: String { box.fields.macroOverrides }
    /// How materializations' statements are spelled.
    public var ddl: DDL { box.fields.ddl }
    /// How the SQL parser reads this dialect (quoting, operators, clauses).
    public var syntax: SQLSyntax { box.fields.syntax }
    /// Column types are affinities, not types (SQLite): a value keeps its own type unless it
    /// reads as a number, and `cast(x as <declared type>)` may change what it is (a date to a
    /// year). Unit-test fixtures cast only where storing the value would convert it too.
    public var typesAreAffinities: Bool { box.fields.typesAreAffinities }
    /// The adapter's Relation class (`PostgresRelation`), which dbt_utils checks relations by.
    public var relationClassName: String { box.fields.relationClassName }
    /// The names a relation's quote and include policies print with (dbt-sqlite's own classes;
    /// dbt-postgres uses the base `Policy`).
    public var policyClassNames: (quote: String, include: String) { box.fields.policyClassNames }
    /// The adapter's Column class, as a column's repr names it (`PostgresColumn(column='id', …)`).
    public var columnClassName: String { box.fields.columnClassName }
    /// The database stores an unquoted name in lower case (PostgreSQL), so a name the quoting
    /// policy leaves unquoted is looked up that way.
    public var foldsUnquotedNamesToLowerCase: Bool { box.fields.foldsUnquotedNamesToLowerCase }
    /// How the adapter names a result column's type when it checks a model contract (the
    /// warehouse's type name without modifiers → the adapter's label); types with the same label
    /// match. Empty: the type names themselves are compared.
    public var contractTypeLabels: [String: String] { box.fields.contractTypeLabels }
    /// The longest name the warehouse keeps (PostgreSQL cuts longer ones to 63 bytes, so a
    /// suffixed temporary name can become the name it stands beside); nil: no limit.
    public var maxIdentifierLength: Int? { box.fields.maxIdentifierLength }
    /// The dbt macros the adapter defines as `<name>__x` (each listed as `x`). dbt's dispatch
    /// takes the adapter's own before any `default__x`, so a project's `default__x` is never
    /// reached for these (see RenderWorker.reachesProjectMacro).
    public var adapterMacros: Set<String> { box.fields.adapterMacros }
    /// The adapter methods that run a dbt macro of the same name (dbt-postgres's
    /// get_columns_in_relation), so a project redefining the macro changes what they return;
    /// dbt-sqlite's run Python of their own.
    public var macroBackedAdapterMethods: Set<String> { box.fields.macroBackedAdapterMethods }
    /// The constraint types the adapter enforces (dbt's CONSTRAINT_SUPPORT `ENFORCED`; the base
    /// adapter's, which dbt-sqlite keeps, are not_null and foreign_key): removing one from a
    /// contracted model is a breaking change.
    public var enforcedConstraintTypes: Set<String> { box.fields.enforcedConstraintTypes }
    /// The adapter's behavior flags and their defaults (dbt-adapters' base flags, plus the
    /// adapter's own): `adapter.behavior.<name>`, set in the project file's `flags:`.
    public var behaviorFlags: [String: Bool] { box.fields.behaviorFlags }
    /// Whether two column names differing in case are two columns (PostgreSQL's quoted names);
    /// SQLite's names have no case. Derived: a warehouse that folds unquoted names keeps case.
    public var columnNamesHaveCase: Bool { foldsUnquotedNamesToLowerCase }
    public static let baseEnforcedConstraintTypes: Set<String> = ["not_null", "foreign_key"]

    /// `identifier` + `suffix` within `maxIdentifierLength`, the identifier cut to make room,
    /// as dbt-postgres's make_relation_with_suffix does (`__dbt_tmp`, `__dbt_backup`).
    public func suffixed(_ identifier: String, _ suffix: String) -> String {
        guard let limit = maxIdentifierLength else { return identifier + suffix }
        let keep = max(0, limit - suffix.unicodeScalars.count)
        let scalars = identifier.unicodeScalars
        guard scalars.count > keep else { return identifier + suffix }
        return String(String.UnicodeScalarView(scalars.prefix(keep))) + suffix
    }

    public func quote(_ identifier: String) -> String {
        let q = String(quoteCharacter)
        // Identifiers rarely hold the quote character; skip the (Foundation) search when not.
        // (over the contiguous bytes: `utf8.contains` steps an index at a time, 700 instructions
        // a call on 60,000 identifiers in a large project)
        if let byte = quoteCharacter.asciiValue,
           !(identifier.utf8.withContiguousStorageIfAvailable { $0.contains(byte) } ?? identifier.utf8.contains(byte)) {
            return q + identifier + q
        }
        return q + identifier.replacingOccurrences(of: q, with: q + q) + q
    }

    /// `database.schema.identifier` with this dialect's quoting and inclusion rules.
    public func renderRelation(database: String?, schema: String?, identifier: String?,
                               policy: QuotePolicy? = nil, includeDatabase: Bool = true,
                               includeSchema: Bool = true) -> String {
        let p = policy ?? quotePolicy
        // appended in place (an array of parts and joined() cost more than the rest: this
        // runs for every ref of every node)
        var out = ""
        out.reserveCapacity(64)
        func add(_ part: String) {
            if !out.isEmpty { out += "." }
            out += part
        }
        if includesDatabase && includeDatabase, let database, !database.isEmpty { add(p.database ? quote(database) : database) }
        if includeSchema, let schema, !schema.isEmpty { add(p.schema ? quote(schema) : schema) }
        if let identifier, !identifier.isEmpty { add(p.identifier ? quote(identifier) : identifier) }
        return out
    }

    public static let all: [Dialect] = [.sqlite, .postgres]

    public static func named(_ name: String) -> Dialect? { all.first { $0.name == name } }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        guard !target.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(target) { return i..<index(i, offsetBy: target.count) }
            i = index(after: i)
        }
        return nil
    }
}
