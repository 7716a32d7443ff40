// dbt's `api.Column` class as dbt-postgres 1.11.0 behaves (values printed by dbt 1.11.16 for the
// same expressions): called to make a column, `create` from a type label, and its class
// methods. It used to be a table of two methods that could not be called.
import Testing

@Suite struct ColumnClassTests {
    @Test func columnsAreMadeAsDbtPostgresMakesThem() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile,
            "profiles.yml": sqliteProfile,
            "models/cols.sql": """
                {{ api.Column('a', 'numeric(10,2)').data_type }}|{{ api.Column('c', 'varchar').data_type }}|\
                {{ api.Column('d', 'numeric', numeric_precision=10, numeric_scale=2).data_type }}|\
                {{ api.Column('t', 'text').data_type }}|{{ api.Column('v', 'character varying').data_type }}|\
                {{ api.Column('w', 'character varying', char_size=12).data_type }}|{{ api.Column.string_type(20) }}|\
                {{ api.Column.create('e', 'STRING').data_type }}|{{ api.Column.create('b', 'text').quoted }}|\
                {{ api.Column('n', 'integer').is_number() }}|{{ api.Column.numeric_type('numeric', 5, 1) }}
                """,
        ])
        defer { p.remove() }
        let sql = try p.compile(target: "pg")
        #expect(sql["cols"] == "numeric(10,2)|character varying(256)|numeric(10,2)|text|character varying|character varying(12)|"
                + "character varying(20)|TEXT|\"b\"|True|numeric(5,1)")
    }

    /// dbt's Column is a dataclass without __str__: printed, it shows its repr (dbt 1.11.16 and
    /// dbt-postgres 1.11.0 printed exactly these).
    @Test func aPrintedColumnShowsItsRepr() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile,
            "profiles.yml": sqliteProfile,
            "models/cols.sql": """
                {{ api.Column('id', 'int') }}|{{ api.Column('d', 'numeric', numeric_precision=10, numeric_scale=2) }}|\
                {{ api.Column('w', 'character varying', char_size=12) }}
                """,
        ])
        defer { p.remove() }
        let sql = try p.compile(target: "pg")
        #expect(sql["cols"] == "PostgresColumn(column='id', dtype='int', char_size=None, numeric_precision=None, numeric_scale=None)|"
                + "PostgresColumn(column='d', dtype='numeric', char_size=None, numeric_precision=10, numeric_scale=2)|"
                + "PostgresColumn(column='w', dtype='character varying', char_size=12, numeric_precision=None, numeric_scale=None)")
    }

    @Test func aColumnNeedsANameAndAType() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile, "profiles.yml": sqliteProfile,
            "models/bad.sql": "{{ api.Column('a') }}",
        ])
        defer { p.remove() }
        #expect(throws: (any Error).self) { try p.compile(target: "pg") }
    }
}
