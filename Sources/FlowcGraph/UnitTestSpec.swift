// What a dbt unit test (`unit_tests:` in a properties file) declares, normalised at parse time
// the way dbt stores it in the manifest: csv fixtures become rows of strings, sql fixtures stay
// text, fixture files are read in.
import FlowcProject

public struct UnitTestSpec: Sendable {
    /// One `given` entry, or the `expect` block (whose `input` is empty).
    public struct Fixture: Sendable {
        /// "ref('stg_orders')", "source('raw', 'payments')" or "this", as written.
        public var input: String
        /// dict, csv or sql.
        public var format: String
        /// dict and csv rows, keys in the order written (csv cells are strings, empty = null).
        public var rows: [JSONObject]
        /// format sql: the query that yields the rows.
        public var sql: String?
        /// `fixture: name` (a file under `<test-path>/fixtures/`).
        public var fixture: String?
        /// Where the entry is written.
        public var span: SourceSpan?

        public init(input: String, format: String, rows: [JSONObject] = [], sql: String? = nil, fixture: String? = nil,
                    span: SourceSpan? = nil) {
            self.input = input
            self.format = format
            self.rows = rows
            self.sql = sql
            self.fixture = fixture
            self.span = span
        }
    }

    /// The tested model's name, as written.
    public var model: String
    public var given: [Fixture]
    public var expect: Fixture
    /// `overrides:` with `macros`, `vars`, `env_vars` (each an object), or nil.
    public var overrides: JSONObject?
    /// `versions: {include: [..]}` / `{exclude: [..]}` as written, or nil.
    public var versions: JSONObject?

    public init(model: String, given: [Fixture], expect: Fixture, overrides: JSONObject? = nil,
                versions: JSONObject? = nil) {
        self.model = model
        self.given = given
        self.expect = expect
        self.overrides = overrides
        self.versions = versions
    }

    /// `overrides.macros`, `overrides.vars`, `overrides.env_vars`.
    public func override(_ kind: String) -> JSONObject {
        if case .object(let o)? = overrides?[kind] { return o }
        return JSONObject()
    }
}

extension Node {
    /// A data test or a unit test: it builds no relation.
    public var isAnyTest: Bool { resourceType == .test || resourceType == .unitTest }

    /// "dim_customers::ut_failing" (with `_v2` for a versioned model's test): how dbt names a
    /// unit test in progress lines.
    public var unitTestSubject: String { "\(unitTest?.model ?? "")::\(alias.isEmpty ? name : alias)" }
}
