// The entry point: the lineage of one parsed query against a catalog of input relations.

import FlowcSQLParser

public enum ColumnLineage {
    /// Traces every output column of `query` to the catalog columns it reads, and runs the
    /// static checks. `text` is the SQL the query was parsed from (SQLite names unaliased
    /// expression columns by their text).
    public static func analyze(_ query: SQLQuery, text: SQLSourceText, syntax: SQLSyntax,
                               catalog: some LineageCatalog) -> QueryLineage {
        let resolver = Resolver(syntax: syntax, catalog: catalog, text: text)
        let shape = resolver.resolveQuery(query, env: nil, outer: nil)
        // Out of stack: part of the query was skipped, so nothing is certain and nothing is
        // reported (a skipped FROM item could have held the "unknown" column).
        let partial = resolver.exhausted
        return QueryLineage(
            columns: shape.columns.map {
                LineageColumn(name: $0.name, kind: $0.kind, sources: $0.sources.sorted(), span: $0.span,
                              resolved: $0.resolved && !partial)
            },
            complete: shape.isClosed && !partial,
            filters: resolver.filters.sorted(),
            joins: resolver.joins.sorted(),
            relations: resolver.relationsRead.sorted(),
            diagnostics: partial ? [] : resolver.diagnostics.sorted { $0.span.start < $1.span.start }
        )
    }

    /// Parses and analyzes in one step; a parse error is returned, not thrown, because SQL the
    /// parser cannot handle only makes lineage unknown.
    public static func analyze(sql: String, syntax: SQLSyntax,
                               catalog: some LineageCatalog) -> Result<QueryLineage, SQLParseError> {
        do {
            let q = try SQLParser.parse(sql, syntax: syntax)
            return .success(analyze(q, text: SQLSourceText(sql), syntax: syntax, catalog: catalog))
        } catch {
            return .failure(error)
        }
    }
}
