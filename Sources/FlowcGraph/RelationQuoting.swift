// How relation names are quoted, as dbt's BaseRelation.create_from decides: the adapter's
// default policy, overridden by the root project's `quoting:` (dbt's RuntimeConfig.quoting), and
// for a source by its own and its table's `quoting:`. A project that sets `quoting: {identifier:
// false}` compiles `main.orders` where the default is `"main"."orders"`.
import FlowcSQL

extension Dialect {
    /// The dialect with the project file's `quoting:` over its relation quoting policy.
    public func withProjectQuoting(_ quoting: JSONObject?) -> Dialect {
        guard let quoting else { return self }
        var d = self
        d.quotePolicy = QuotePolicy.overlay(quotePolicy, quoting)
        return d
    }
}

extension QuotePolicy {
    /// `base` with the booleans `quoting` sets for database, schema and identifier.
    static func overlay(_ base: QuotePolicy, _ quoting: JSONObject) -> QuotePolicy {
        var p = base
        if let b = quoting["database"]?.boolValue { p.database = b }
        if let b = quoting["schema"]?.boolValue { p.schema = b }
        if let b = quoting["identifier"]?.boolValue { p.identifier = b }
        return p
    }
}

extension SourceTable {
    /// The source's quoting over the dialect's (project-adjusted) policy.
    public func quotePolicy(_ dialect: Dialect) -> QuotePolicy {
        QuotePolicy.overlay(dialect.quotePolicy, quoting)
    }

    /// How `source()` quotes it: the source's quoting over the adapter's own policy, not over the
    /// project's `quoting:`, which dbt's source() deliberately ignores (a table `MyTable` stays
    /// `"MyTable"` under `quoting: {identifier: false}`).
    public func sourceCallPolicy(_ dialect: Dialect) -> QuotePolicy {
        QuotePolicy.overlay((Dialect.named(dialect.name) ?? dialect).quotePolicy, quoting)
    }

    /// The source's relation as SQL names it: `"raw"."payments"`, or `raw.payments` unquoted.
    public func relationName(_ dialect: Dialect) -> String {
        dialect.renderRelation(database: database, schema: schema, identifier: identifier, policy: quotePolicy(dialect))
    }
}
