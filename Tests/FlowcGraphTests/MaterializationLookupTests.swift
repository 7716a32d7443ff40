// Which materialization macro builds a model, by dbt's precedence: the adapter's before
// `default`, the root project before packages; flowc's own table, view and incremental only
// the root project replaces, and its snapshot and materialized_view nothing does.
import FlowcGraph
import Testing

@Suite("Materialization lookup")
struct MaterializationLookupTests {
    static func find(_ name: String, _ defined: [String: Set<String>]) -> String? {
        MaterializationLookup.find(name, adapter: "postgres", root: "proj", packages: Array(defined.keys.filter { $0 != "proj" }),
                                   defines: { defined[$0]?.contains($1) == true })
            .map { "\($0.package).\($0.macro)" }
    }

    @Test func precedence() {
        // the adapter's own, even a package's, before the root project's default
        #expect(Self.find("m", ["proj": ["materialization_m_default"], "pkg": ["materialization_m_postgres"]])
                == "pkg.materialization_m_postgres")
        // at the same specificity the root project wins
        #expect(Self.find("m", ["proj": ["materialization_m_default"], "pkg": ["materialization_m_default"]])
                == "proj.materialization_m_default")
        #expect(Self.find("m", ["pkg": ["materialization_m_default", "materialization_m_sqlite"]]) == "pkg.materialization_m_default")
        #expect(Self.find("m", ["pkg": ["materialization_m_sqlite"]]) == nil)
        // built-in ones: the root project may replace table and view, a package may not
        #expect(Self.find("table", ["pkg": ["materialization_table_default"]]) == nil)
        #expect(Self.find("view", ["proj": ["materialization_view_default"]]) == "proj.materialization_view_default")
        #expect(Self.find("incremental", ["proj": ["materialization_incremental_default"]]) == "proj.materialization_incremental_default")
        #expect(Self.find("snapshot", ["proj": ["materialization_snapshot_default"]]) == nil)
        #expect(MaterializationLookup.ignoredOverride("snapshot", adapter: "postgres", root: "proj",
                                                      defines: { $0 == "proj" && $1 == "materialization_snapshot_default" })
                == "materialization_snapshot_default")
    }
}
