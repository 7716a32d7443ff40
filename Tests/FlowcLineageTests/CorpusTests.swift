import Foundation
import Testing
import FlowcLineage
import FlowcSQLParser

/// The conformance corpus (Fixtures/lineage_vectors.json, generated with sqlglot by
/// scripts/gen_lineage_vectors.py and reviewed): every case's output columns, kinds, sources,
/// filter and join columns, and no static-check findings on these valid queries.
@Suite struct CorpusTests {
    struct Corpus: Decodable {
        var generator: String
        var cases: [Case]
    }

    struct Case: Decodable {
        var name: String
        var dialect: String
        var sql: String
        var schema: [String: [[String]]]
        var columns: [Column]
        var filters: [String]?
        var joins: [String]?
    }

    struct Column: Decodable {
        var name: String
        var kind: String
        var sources: [String]
    }

    static func load() throws -> Corpus {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/lineage_vectors", withExtension: "json"))
        return try JSONDecoder().decode(Corpus.self, from: Data(contentsOf: url))
    }

    /// Differences between flowc's lineage and the expected one, as readable lines (empty when equal).
    static func differences(_ c: Case) -> [String] {
        guard let syntax = SQLSyntax.named(c.dialect) else { return ["unknown dialect \(c.dialect)"] }
        var relations: [String: LineageRelation] = [:]
        for (name, cols) in c.schema { relations[name] = LineageRelation(id: name, columns: cols.compactMap(\.first)) }
        let lineage: QueryLineage
        switch ColumnLineage.analyze(sql: c.sql, syntax: syntax, catalog: DictionaryCatalog(relations)) {
        case .failure(let e): return ["parse error: \(e)"]
        case .success(let l): lineage = l
        }
        var out: [String] = []
        for d in lineage.diagnostics { out.append("unexpected finding: \(d.message)") }
        if !lineage.complete { out.append("column list incomplete") }
        let got = lineage.columns.map { "\($0.name.lowercased()) \($0.kind.rawValue) \($0.sources.map(\.description))" }
        let want = c.columns.map { "\($0.name.lowercased()) \($0.kind) \($0.sources)" }
        if got != want { out.append("columns\n    got:  \(got)\n    want: \(want)") }
        if let f = c.filters, f != lineage.filters.map(\.description) {
            out.append("filters got \(lineage.filters.map(\.description)) want \(f)")
        }
        if let j = c.joins, j != lineage.joins.map(\.description) {
            out.append("joins got \(lineage.joins.map(\.description)) want \(j)")
        }
        return out
    }

    @Test func corpusHasEnoughCasesInBothDialects() throws {
        let corpus = try Self.load()
        #expect(corpus.cases.count >= 150)
        #expect(corpus.cases.filter { $0.dialect == "sqlite" }.count >= 50)
        #expect(corpus.cases.filter { $0.dialect == "postgres" }.count >= 50)
    }

    @Test func everyCaseMatches() throws {
        let corpus = try Self.load()
        var failures: [String] = []
        for c in corpus.cases {
            let diff = Self.differences(c)
            if !diff.isEmpty { failures.append("\(c.name) [\(c.dialect)]: \(c.sql)\n  " + diff.joined(separator: "\n  ")) }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(corpus.cases.count) cases differ:\n\(failures.joined(separator: "\n"))")
    }
}

extension CorpusTests {
    /// The comparison itself must be able to fail: a wrong kind, a missing source, a wrong
    /// filter and an unknown column each show up as differences.
    @Test func comparisonDetectsWrongExpectations() throws {
        let corpus = try Self.load()
        let base = try #require(corpus.cases.first { $0.name == "join_using_basic" })
        #expect(Self.differences(base).isEmpty)
        var wrongKind = base
        wrongKind.columns[1].kind = "transform"
        #expect(!Self.differences(wrongKind).isEmpty)
        var missingSource = base
        missingSource.columns[0].sources = ["events.user_id"]
        #expect(!Self.differences(missingSource).isEmpty)
        var wrongJoins = base
        wrongJoins.joins = ["events.user_id"]
        #expect(!Self.differences(wrongJoins).isEmpty)
        var badSQL = base
        badSQL.sql = "select nope from events"
        #expect(Self.differences(badSQL).contains { $0.contains("unexpected finding") })
    }
}
