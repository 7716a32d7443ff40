// Adapter calls that dbt refuses, refused the same way (checked against dbt-postgres 1.11):
// a schema in another database than the target's, the columns of no relation, and a relation
// found only by a name that differs in case.
import FlowcRun
import Foundation
import Testing

@Suite("Adapter calls dbt refuses")
struct AdapterChecksTests {
    @Test("create_schema in another database is a cross-database error, and no schema is created")
    func crossDatabaseSchema() throws {
        let h = try RunHarness(.postgres, [
            "models/other_db.sql": "{% do adapter.create_schema(api.Relation.create(database='some_other_db', schema='x_schema')) %}\nselect 1 as id",
            "models/same_db.sql": "{% do adapter.create_schema(api.Relation.create(database=target.database, schema='y_schema')) %}\n"
                + "select '{{ adapter.verify_database(target.database) }}' as verified",
        ])
        let report = try h.run(.run)
        let other = try #require(report.result("other_db"))
        #expect(other.status == .error)
        // dbt-postgres raises a DbtRuntimeError: the heading says so, the message starts "ERROR: "
        #expect(other.message?.hasPrefix("Runtime Error in model other_db (models/other_db.sql)\n  models/other_db.sql:1:28: error: "
                                          + "ERROR: Cross-db references not allowed in postgres (some_other_db vs \(h.database))") == true,
                "\(other.message ?? "")")
        #expect(try h.int("select count(*) from pg_namespace where nspname = 'x_schema'") == 0)
        #expect(report.status("same_db") == .success)
        #expect(try h.int("select count(*) from pg_namespace where nspname = 'y_schema'") == 1)
    }

    @Test("get_columns_in_relation of no relation is an error, not an empty list")
    func columnsOfNone() throws {
        let h = try RunHarness(.postgres, [
            "models/cols.sql": """
                {% set rel = adapter.get_relation(database=target.database, schema='no_such_schema', identifier='no_such_table') %}
                {% set cols = adapter.get_columns_in_relation(rel) %}
                select {{ cols | length }} as n
                """,
        ])
        let report = try h.run(.run)
        let cols = try #require(report.result("cols"))
        #expect(cols.status == .error)
        #expect(cols.message?.contains("'None' has no attribute 'information_schema'") == true, "\(cols.message ?? "")")
    }

    /// dbt's BaseRelation.matches: a relation whose name differs only in case is an approximate
    /// match, which dbt refuses rather than answer None (snowplow's "is none" branches).
    @Test("get_relation of a name that differs only in case is dbt's approximate-match error")
    func approximateMatch() throws {
        let h = try RunHarness(.postgres, [
            "models/events.sql": "{{ config(materialized='table') }}\nselect 1 as id",
            "models/probe.sql": """
                {% set exact = adapter.get_relation(database=target.database, schema=target.schema, identifier='events') %}
                {% set other = adapter.get_relation(database=target.database, schema=target.schema, identifier='EVENTS') %}
                select '{{ exact.identifier }}' as found
                """,
        ])
        let report = try h.run(.run, select: ["events"])
        #expect(report.status("events") == .success)
        let probe = try h.run(.run, select: ["probe"])
        let r = try #require(probe.result("probe"))
        #expect(r.status == .error)
        let message = r.message ?? ""
        for line in ["models/probe.sql:2:36: error: When searching for a relation, dbt found an approximate match. Instead of guessing",
                     "which relation to use, dbt will move on. Please delete \"\(h.database)\".\"\(h.schema)\".\"events\", or rename it to be less ambiguous.",
                     "Searched for: \"\(h.database)\".\"\(h.schema)\".\"EVENTS\"", "Found: \"\(h.database)\".\"\(h.schema)\".\"events\""] {
            #expect(message.contains(line), "\(message)")
        }
    }
}
