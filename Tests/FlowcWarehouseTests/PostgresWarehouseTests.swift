// The PostgreSQL adapter against a real server (TestPostgres: initdb + pg_ctl in a temporary
// directory, one per test process). Each test works in its own database.
import Foundation
import FlowcTestSupport
import Testing
@testable import FlowcWarehouse

/// A fresh database named `flowc_<name>` and a connection to it.
private func connect(_ name: String) throws -> PostgresConnection {
    let config = try TestPostgres.shared().createDatabase("flowc_" + name)
    return try PostgresConnection(config: config)
}

@Suite("PostgreSQL adapter") struct PostgresWarehouseTests {
    @Test func connectsThroughTheWarehouse() throws {
        let server = try TestPostgres.shared()
        let config = try server.createDatabase("flowc_connect")
        let warehouse = PostgresWarehouse(config: config)
        #expect(warehouse.location == "postgres postgres@127.0.0.1:\(server.port)/flowc_connect")
        #expect(warehouse.dialect.name == "postgres")
        let conn = try warehouse.connect()
        defer { conn.close() }
        #expect(conn.dialect.name == "postgres")
        let table = try conn.query("select current_database() as db, current_user as who", limit: nil)
        #expect(table.columns.map(\.name) == ["db", "who"])
        #expect(table.rows == [[.text("flowc_connect"), .text("postgres")]])
    }

    @Test func executeReportsCommandTagsAndCounts() throws {
        let conn = try connect("tags")
        defer { conn.close() }
        #expect(try conn.execute("create table t (id int primary key, v text)") == ExecResult(code: "CREATE TABLE", rowsAffected: -1))
        let insert = try conn.execute("insert into t select g, 'v' || g from generate_series(1, 5) g")
        #expect(insert == ExecResult(code: "INSERT", rowsAffected: 5))
        #expect(insert.message == "INSERT 0 5")
        #expect(try conn.execute("update t set v = 'x' where id <= 3") == ExecResult(code: "UPDATE", rowsAffected: 3))
        #expect(try conn.execute("delete from t where id = 5") == ExecResult(code: "DELETE", rowsAffected: 1))
        #expect(try conn.execute("select * from t") == ExecResult(code: "SELECT", rowsAffected: 4))
        #expect(try conn.execute("create view tv as select * from t") == ExecResult(code: "CREATE VIEW", rowsAffected: -1))
        let merge = try conn.execute("""
            merge into t using (values (1, 'one'), (9, 'nine')) s(id, v) on t.id = s.id
            when matched then update set v = s.v
            when not matched then insert values (s.id, s.v)
            """)
        #expect(merge == ExecResult(code: "MERGE", rowsAffected: 2))
        #expect(try conn.execute("create table t2 as select * from t") == ExecResult(code: "SELECT", rowsAffected: 5))
        #expect(try conn.execute("") == ExecResult(code: "OK", rowsAffected: -1))
    }

    @Test func queryConvertsValuesByType() throws {
        let conn = try connect("values")
        defer { conn.close() }
        let table = try conn.query("""
            select 42::int4 as i, 9000000000::int8 as big, 7::int2 as small, 12.50::numeric(10,2) as num,
                   1.5::float8 as dbl, 2.25::float4 as flt, true as yes, false as no, 'héllo'::text as txt,
                   date '2024-01-02' as d, timestamp '2024-01-02 03:04:05' as ts, 'ab'::varchar(5) as vc,
                   null::int as nothing, '{"a": 1}'::jsonb as doc, 'NaN'::numeric as nan
            """, limit: nil)
        #expect(table.columns == [
            ResultColumn(name: "i", type: "integer"), ResultColumn(name: "big", type: "bigint"),
            ResultColumn(name: "small", type: "smallint"), ResultColumn(name: "num", type: "numeric(10,2)"),
            ResultColumn(name: "dbl", type: "double precision"), ResultColumn(name: "flt", type: "real"),
            ResultColumn(name: "yes", type: "boolean"), ResultColumn(name: "no", type: "boolean"),
            ResultColumn(name: "txt", type: "text"), ResultColumn(name: "d", type: "date"),
            ResultColumn(name: "ts", type: "timestamp without time zone"),
            // with their modifiers, as format_type prints them
            ResultColumn(name: "vc", type: "character varying(5)"), ResultColumn(name: "nothing", type: "integer"),
            ResultColumn(name: "doc", type: "jsonb"), ResultColumn(name: "nan", type: "numeric"),
        ])
        let row = try #require(table.rows.first)
        #expect(Array(row.prefix(14)) == [
            .int(42), .int(9_000_000_000), .int(7), .double(12.5), .double(1.5), .double(2.25),
            .bool(true), .bool(false), .text("héllo"), .text("2024-01-02"), .text("2024-01-02 03:04:05"),
            .text("ab"), .null, .text(#"{"a": 1}"#),
        ])
        guard case .double(let nan) = row[14] else {
            Issue.record("NaN numeric read as \(row[14])")
            return
        }
        #expect(nan.isNaN)
    }

    /// numeric is exact: a whole number is an int (sum(bigint) is numeric), a short decimal a
    /// Double (exact at 15 significant digits), a longer one PostgreSQL's own digits, never rounded.
    @Test func numericValuesAreNeverRounded() throws {
        let conn = try connect("numerics")
        defer { conn.close() }
        let table = try conn.query("""
            select sum(x) as total, 9007199254740993::numeric as whole, 123456789012.345::numeric as fifteen,
                   123456789.123456789::numeric as long, 100000000000000000000::numeric as huge,
                   -0.000120::numeric as small, 0::numeric(10,2) as zero
            from (values (9007199254740992::bigint), (1::bigint)) v(x)
            """, limit: nil)
        #expect(table.rows.first == [
            .int(9_007_199_254_740_993), .int(9_007_199_254_740_993), .double(123456789012.345),
            .text("123456789.123456789"), .text("100000000000000000000"), .double(-0.00012), .double(0),
        ])
    }

    @Test func queryLimitCapsRowsWithoutRewritingSQL() throws {
        let conn = try connect("limit")
        defer { conn.close() }
        let sql = "select g as n from generate_series(1, 10) g order by g"
        #expect(try conn.query(sql, limit: nil).rows.count == 10)
        let three = try conn.query(sql, limit: 3)
        #expect(three.rows == [[.int(1)], [.int(2)], [.int(3)]])
        let none = try conn.query(sql, limit: 0)
        #expect(none.rows.isEmpty)
        #expect(none.columns == [ResultColumn(name: "n", type: "integer")])
        // A statement without rows gives an empty table.
        let created = try conn.query("create table x (a int)", limit: nil)
        #expect(created.columns.isEmpty && created.rows.isEmpty)
    }

    @Test func multipleStatementsReportTheLast() throws {
        let conn = try connect("multi")
        defer { conn.close() }
        let result = try conn.execute("create table a (x int); insert into a values (1), (2); update a set x = x + 1")
        #expect(result == ExecResult(code: "UPDATE", rowsAffected: 2))
        #expect(try conn.query("select 1 as one; select sum(x) as total from a", limit: nil).rows == [[.int(5)]])
        // A failing statement stops the rest (one implicit transaction: nothing of it stays).
        #expect(throws: WarehouseError.self) {
            try conn.execute("insert into a values (10); select * from nope; insert into a values (20)")
        }
        #expect(try conn.query("select count(*) from a", limit: nil).rows == [[.int(2)]])
    }

    @Test func sqlErrorsCarryMessageDetailHintAndSQLState() throws {
        let conn = try connect("errors")
        defer { conn.close() }
        let missing = try #require(throws: WarehouseError.self) {
            try conn.query("select * from missing_table", limit: nil)
        }
        #expect(missing.kind == .query)
        #expect(missing.sqlState == "42P01")
        // psycopg2's (and so dbt's) text: the statement's line with a caret under the error
        #expect(missing.message == #"relation "missing_table" does not exist"# + "\nLINE 1: select * from missing_table\n"
                + String(repeating: " ", count: 22) + "^")

        try conn.execute("create table u (id int primary key)")
        try conn.execute("insert into u values (1)")
        let duplicate = try #require(throws: WarehouseError.self) { try conn.execute("insert into u values (1)") }
        #expect(duplicate.sqlState == "23505")
        #expect(duplicate.message.hasSuffix("\nDETAIL:  Key (id)=(1) already exists."))

        let noFunction = try #require(throws: WarehouseError.self) { try conn.query("select no_such_fn(1)", limit: nil) }
        #expect(noFunction.sqlState == "42883")
        #expect(noFunction.message.contains("\nHINT:  "))

        let syntax = try #require(throws: WarehouseError.self) { try conn.execute("selec 1") }
        #expect(syntax.kind == .query && syntax.sqlState == "42601")
        // The session is still usable.
        #expect(try conn.query("select 1", limit: nil).rows == [[.int(1)]])
    }

    @Test func relationsAndColumnsInANonDefaultSchema() throws {
        let conn = try connect("catalog")
        defer { conn.close() }
        let schema = "Analytics Mart"
        try conn.createSchema(schema)
        try conn.execute("""
            create table "Analytics Mart".orders (id integer, code varchar(20), gone int, amount numeric(10,2), at timestamp);
            alter table "Analytics Mart".orders drop column gone;
            create index orders_idx on "Analytics Mart".orders (id);
            create view "Analytics Mart"."Order View" as select id, amount from "Analytics Mart".orders;
            create materialized view "Analytics Mart".totals as select sum(amount) as total from "Analytics Mart".orders;
            create table public.orders (other text);
            """)
        #expect(try conn.relation(schema: schema, name: "orders") == WarehouseRelation(schema: schema, name: "orders", kind: .table))
        #expect(try conn.relation(schema: schema, name: "Order View") == WarehouseRelation(schema: schema, name: "Order View", kind: .view))
        #expect(try conn.relation(schema: schema, name: "totals")?.kind == .materializedView)
        #expect(try conn.relation(schema: schema, name: "missing") == nil)
        #expect(try conn.relation(schema: schema, name: "orders_idx") == nil)
        #expect(try conn.relation(schema: "no_schema", name: "orders") == nil)
        #expect(try conn.relations(schema: schema).map(\.name) == ["Order View", "orders", "totals"])
        #expect(try conn.relations(schema: "no_schema").isEmpty)

        #expect(try conn.columns(schema: schema, name: "orders") == [
            // precision and scale as information_schema.columns reports them (dbt reads those)
            WarehouseColumn(name: "id", dataType: "integer", numericPrecision: 32, numericScale: 0, catalogType: "integer"),
            WarehouseColumn(name: "code", dataType: "character varying(20)", catalogType: "character varying", charSize: 20),
            WarehouseColumn(name: "amount", dataType: "numeric(10,2)", numericPrecision: 10, numericScale: 2, catalogType: "numeric"),
            WarehouseColumn(name: "at", dataType: "timestamp without time zone", catalogType: "timestamp without time zone"),
        ])
        // information_schema's data_type and length, which dbt-postgres's Column is made of
        // (dbt-expectations' type tests compare them), also for a materialized view's columns
        try conn.execute("""
            create domain "Analytics Mart".cents as integer;
            create type "Analytics Mart".mood as enum ('ok');
            create table "Analytics Mart".typed (ts3 timestamp(3), arr text[], ch char(3), b3 bit(3), bp bpchar,
                                                 c "Analytics Mart".cents, m "Analytics Mart".mood);
            """)
        let typed = try conn.columns(schema: schema, name: "typed").map { "\($0.name) \($0.dataType) \($0.catalogType ?? "-") \($0.charSize ?? -1)" }
        #expect(typed == ["ts3 timestamp(3) without time zone timestamp without time zone -1", "arr text[] ARRAY -1",
                          "ch character(3) character 3", "b3 bit(3) bit 3", "bp bpchar character -1",
                          "c \"Analytics Mart\".cents integer -1", "m \"Analytics Mart\".mood USER-DEFINED -1"], "\(typed)")
        #expect(try conn.columns(schema: schema, name: "totals").map(\.catalogType) == ["numeric"])
        #expect(try conn.columns(schema: schema, name: "Order View").map(\.name) == ["id", "amount"])
        #expect(try conn.columns(schema: schema, name: "missing").isEmpty)
        #expect(try conn.columns(schema: schema, name: "orders_idx").isEmpty)

        // Names are parameters, never spliced into SQL.
        #expect(try conn.relation(schema: "x' or '1'='1", name: "orders") == nil)
    }

    @Test func createSchemaIsIdempotent() throws {
        let conn = try connect("schema")
        defer { conn.close() }
        try conn.createSchema(#"we"ird"#)
        try conn.createSchema(#"we"ird"#)
        let found = try conn.query(#"select nspname from pg_namespace where nspname = 'we"ird'"#, limit: nil)
        #expect(found.rows == [[.text(#"we"ird"#)]])
        #expect(try conn.relations(schema: #"we"ird"#).isEmpty)
    }

    @Test func loadRoundTripsAwkwardText() throws {
        let conn = try connect("load")
        defer { conn.close() }
        try conn.createSchema("seeds")
        try conn.execute(#"create table seeds."my seed" (id int, a text, "B col" text)"#)
        let rows: [[String?]] = [
            ["1", nil, ""],
            ["2", #"say "hi""#, "a,b,c"],
            ["3", "line one\nline two\r\nthree", "\\N"],
            ["4", "\\.", "tab\there"],
            ["5", "héllo ✓", "'single' \"double\""],
            ["6", "", nil],
            ["7", "   padded  ", "NULL"],
        ]
        let count = try conn.load(into: "seeds", table: "my seed", columns: ["id", "a", "B col"], rows: rows)
        #expect(count == rows.count)
        let back = try conn.query(#"select id::text, a, "B col" from seeds."my seed" order by id"#, limit: nil)
        let texts: [[String?]] = back.rows.map { row in
            row.map { value -> String? in
                if case .null = value { return nil }
                return value.text
            }
        }
        #expect(texts == rows)

        // Many rows go out in several chunks.
        let many = (1...20_000).map { i -> [String?] in [String(i), String(repeating: "x", count: 60), nil] }
        #expect(try conn.load(into: "seeds", table: "my seed", columns: ["id", "a", "B col"], rows: many) == many.count)
        #expect(try conn.query(#"select count(*) from seeds."my seed""#, limit: nil).rows == [[.int(20_007)]])
        #expect(try conn.load(into: "seeds", table: "my seed", columns: ["id"], rows: []) == 0)
    }

    @Test func loadErrorsLeaveTheSessionUsable() throws {
        let conn = try connect("loaderr")
        defer { conn.close() }
        try conn.execute("create table t (id int not null, v text)")
        let shortRow = try #require(throws: WarehouseError.self) {
            try conn.load(into: "public", table: "t", columns: ["id", "v"], rows: [["1", "a"], ["2"]])
        }
        #expect(shortRow.kind == .query && shortRow.message.contains("row 2 has 1 values for 2 columns"))
        let missing = try #require(throws: WarehouseError.self) {
            try conn.load(into: "public", table: "nope", columns: ["id"], rows: [["1"]])
        }
        #expect(missing.kind == .query && missing.sqlState == "42P01")
        let badValue = try #require(throws: WarehouseError.self) {
            try conn.load(into: "public", table: "t", columns: ["id", "v"], rows: [["1", "a"], ["x", "b"]])
        }
        #expect(badValue.kind == .query && badValue.sqlState == "22P02")
        let nullInNotNull = try #require(throws: WarehouseError.self) {
            try conn.load(into: "public", table: "t", columns: ["id", "v"], rows: [[nil, "a"]])
        }
        #expect(nullInNotNull.sqlState == "23502")
        #expect(try conn.query("select count(*) from t", limit: nil).rows == [[.int(0)]])
        #expect(try conn.load(into: "public", table: "t", columns: ["id", "v"], rows: [["1", "a"]]) == 1)
    }

    @Test func rolledBackTransactionLeavesNothing() throws {
        let conn = try connect("txn")
        defer { conn.close() }
        try conn.begin()
        try conn.execute("create table gone (x int); insert into gone values (1)")
        #expect(try conn.load(into: "public", table: "gone", columns: ["x"], rows: [["2"]]) == 1)
        try conn.rollback()
        #expect(try conn.relation(schema: "public", name: "gone") == nil)

        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try conn.transaction {
                try conn.execute("create table also_gone (x int)")
                throw Boom()
            }
        }
        #expect(try conn.relation(schema: "public", name: "also_gone") == nil)

        try conn.transaction { _ = try conn.execute("create table kept (x int)") }
        #expect(try conn.relation(schema: "public", name: "kept") != nil)
    }

    @Test func cancelStopsARunningStatement() throws {
        let conn = try connect("cancel")
        defer { conn.close() }
        let canceller = conn.canceller
        let started = ContinuousClock.now
        // A plain thread, not a task: the statement blocks this thread, and Swift's cooperative
        // pool is only as wide as the machine has cores.
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.3)
            canceller.cancel()
        }
        let error = try #require(throws: WarehouseError.self) { try conn.execute("select pg_sleep(30)") }
        let elapsed = ContinuousClock.now - started
        #expect(error.kind == .cancelled)
        #expect(error.sqlState == "57014")
        #expect(elapsed < .seconds(10))
        #expect(elapsed >= .milliseconds(250))
        // The session carries on.
        #expect(try conn.query("select 1", limit: nil).rows == [[.int(1)]])
        // Cancelling when nothing runs, or after close, does nothing.
        canceller.cancel()
        conn.close()
        canceller.cancel()
    }

    @Test func closedConnectionThrowsAndCloseIsIdempotent() throws {
        let conn = try connect("closed")
        conn.close()
        conn.close()
        let error = try #require(throws: WarehouseError.self) { try conn.execute("select 1") }
        #expect(error.kind == .connection)
        #expect(error.message.contains("closed"))
    }

    @Test func deadServerGivesAConnectionError() throws {
        let port = try TestPostgres.freeLoopbackPort()
        let config = PostgresConfig(host: "127.0.0.1", port: port, user: "postgres", dbname: "nowhere", connectTimeout: 3)
        let started = ContinuousClock.now
        let error = try #require(throws: WarehouseError.self) { try PostgresWarehouse(config: config).connect() }
        #expect(error.kind == .connection)
        #expect(error.message.hasPrefix("could not connect to PostgreSQL at 127.0.0.1:\(port)/nowhere: "))
        #expect(error.message.contains("Connection refused"))
        #expect(error.message == error.message.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func missingDatabaseGivesAConnectionError() throws {
        let server = try TestPostgres.shared()
        let error = try #require(throws: WarehouseError.self) {
            try PostgresConnection(config: server.config(dbname: "no_such_db"))
        }
        #expect(error.kind == .connection)
        #expect(error.message.contains(#"database "no_such_db" does not exist"#))
    }

    @Test func passwordsWithQuotesAndSpacesNeedNoEscaping() throws {
        let server = try TestPostgres.shared()
        // The test server trusts every login, so the password is not checked; what this shows is
        // that it reaches libpq as one value, with no conninfo parsing to trip over.
        var config = server.config(dbname: "postgres")
        config.password = #"p a's\s "w" = d"#
        config.applicationName = "flowc tests 'quoted'"
        #expect(config.libpqParameters.contains { $0 == ("password", #"p a's\s "w" = d"#) })
        let conn = try PostgresConnection(config: config)
        defer { conn.close() }
        #expect(try conn.query("select current_setting('application_name')", limit: nil).rows == [[.text("flowc tests 'quoted'")]])
    }
}

@Suite("PostgreSQL URLs and command tags") struct PostgresConfigTests {
    @Test func parsesFullURL() throws {
        let c = try PostgresConfig(url: "postgres://alice:s%40cr%2Ft%20pw@db.example.com:6543/analytics?sslmode=require&connect_timeout=5&application_name=my%20app&keepalives_idle=30")
        #expect(c == PostgresConfig(host: "db.example.com", port: 6543, user: "alice", password: "s@cr/t pw",
                                    dbname: "analytics", sslmode: "require", connectTimeout: 5,
                                    keepalivesIdle: 30, applicationName: "my app"))
        #expect(PostgresWarehouse(config: c).location == "postgres alice@db.example.com:6543/analytics")
    }

    @Test func parsesMinimalURLsWithDefaults() throws {
        let c = try PostgresConfig(url: "postgresql://bob@localhost")
        #expect(c.host == "localhost" && c.port == 5432 && c.user == "bob" && c.password == nil)
        #expect(c.dbname == "bob")
        #expect(c.connectTimeout == 10 && c.sslmode == nil && c.applicationName == "flowc")
        let v6 = try PostgresConfig(url: "POSTGRES://u:p:with:colons@[::1]:5433/d")
        #expect(v6.host == "::1" && v6.port == 5433 && v6.password == "p:with:colons" && v6.dbname == "d")
        #expect(v6.display == "u@[::1]:5433/d")
        let at = try PostgresConfig(url: "postgres://u:p@ss@h/d")
        #expect(at.password == "p@ss" && at.host == "h")
    }

    @Test(arguments: [
        ("mysql://u@h/d", "scheme"),
        ("u@h/d", "postgres://"),
        ("postgres://h/d", "no user"),
        ("postgres://u@/d", "no host"),
        ("postgres://u@h:0/d", "port"),
        ("postgres://u@h:99999/d", "port"),
        ("postgres://u@h:abc/d", "port"),
        ("postgres://u@::1/d", "IPv6"),
        ("postgres://u@[::1/d", "IPv6"),
        ("postgres://u:p%zz@h/d", "percent"),
        ("postgres://u@h/d?sslmode=sometimes", "sslmode"),
        ("postgres://u@h/d?connect_timeout=soon", "connect_timeout"),
        ("postgres://u@h/d?options=-c", "unsupported parameter"),
        ("postgres://u@h/d?sslmode", "no value"),
        ("postgres://u@h/d/e", "database name"),
        ("postgres://u:secret@h/d#frag", "fragment"),
    ])
    func rejectsBadURLs(url: String, reason: String) throws {
        let error = try #require(throws: WarehouseError.self) { try PostgresConfig(url: url) }
        #expect(error.kind == .connection)
        #expect(error.message.hasPrefix("invalid PostgreSQL URL"))
        #expect(error.message.contains(reason))
        #expect(!error.message.contains("secret"))
    }

    @Test func commandTags() {
        #expect(CommandTag.parse(tag: "INSERT 0 5", tuples: "5") == ExecResult(code: "INSERT", rowsAffected: 5))
        #expect(CommandTag.parse(tag: "CREATE TABLE", tuples: "") == ExecResult(code: "CREATE TABLE", rowsAffected: -1))
        #expect(CommandTag.parse(tag: "SELECT 120", tuples: "120") == ExecResult(code: "SELECT", rowsAffected: 120))
        #expect(CommandTag.parse(tag: "MERGE 2", tuples: "") == ExecResult(code: "MERGE", rowsAffected: 2))
        #expect(CommandTag.parse(tag: "", tuples: "") == ExecResult(code: "OK", rowsAffected: -1))
    }

    @Test func csvQuotesEveryValueAndLeavesNullBare() {
        var buffer: [UInt8] = []
        CopyCSV.append(["a", nil, "", #"q"q"#, "x,y\nz"], to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "\"a\",,\"\",\"q\"\"q\",\"x,y\nz\"\n")
    }
}
