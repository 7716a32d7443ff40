// Model contracts (`contract: {enforced: true}`) on real warehouses: the preflight check fails a
// model whose columns or types differ from its YAML before anything is built, and a contracted
// table is created with the YAML's columns, order and constraints.
import FlowcProject
import FlowcRun
import FlowcWarehouse
import Foundation
import Testing

private func contractProject(_ yamlColumns: String, model: String, constraints: String = "") -> [String: String] {
    [
        "seeds/raw.csv": "id,name\n1,a\n2,b\n",
        "models/customers.sql": model,
        "models/schema.yml": """
            version: 2
            models:
              - name: customers
                config:
                  materialized: table
                  contract: {enforced: true}
            \(constraints)
                columns:
            \(yamlColumns)
            """,
    ]
}

@Test(arguments: WarehouseKind.allCases)
func aContractedTableHasTheContractsColumnsOrderAndConstraints(_ kind: WarehouseKind) throws {
    // (not a primary key here: SQLite's `integer primary key` is the rowid and takes a null as "the next one")
    let h = try RunHarness(kind, contractProject("""
              - name: id
                data_type: integer
                constraints: [{type: not_null}, {type: unique}]
              - name: name
                data_type: text
                constraints: [{type: check, expression: "name <> ''"}]
        """, model: "select name, id from {{ ref('raw') }}"))
    try h.runOK(.seed)
    try h.runOK(.run)
    // the YAML's order, not the query's
    let columns = try h.conn().columns(schema: h.schema, name: "customers")
    #expect(columns.map(\.name) == ["id", "name"])
    #expect(try h.column("select name from \(h.rel("customers")) order by id") == ["a", "b"])
    // the constraints hold in the table: a null id or an empty name is refused
    #expect(throws: WarehouseError.self) { try h.execute("insert into \(h.rel("customers")) (id, name) values (null, 'x')") }
    #expect(throws: WarehouseError.self) { try h.execute("insert into \(h.rel("customers")) (id, name) values (3, '')") }
    // a model breaking a constraint fails, and the previous table stays
    try h.write("models/customers.sql", "select name, case when id = 2 then null else id end as id from {{ ref('raw') }}")
    let broken = try h.run(.run)
    #expect(broken.status("customers") == .error, "\(broken.summary)")
    #expect(try h.column("select count(*) from \(h.rel("customers"))") == ["2"])
}

@Test(arguments: WarehouseKind.allCases)
func aContractMismatchFailsBeforeAnythingIsBuilt(_ kind: WarehouseKind) throws {
    let h = try RunHarness(kind, contractProject("""
              - name: id
                data_type: text
              - name: email
                data_type: text
        """, model: "select id, name from {{ ref('raw') }}"))
    try h.runOK(.seed)
    let r = try h.run(.run)
    let result = try #require(r.result("customers"))
    #expect(result.status == .error)
    let message = result.message ?? ""
    #expect(message.hasPrefix("Compilation Error in model customers (models/customers.sql)\n  This model has an enforced contract that failed."),
            "\(message)")
    #expect(message.contains("| column_name | definition_type | contract_type | mismatch_reason       |"), "\(message)")
    // PostgreSQL's types as dbt-postgres labels them (psycopg2's names)
    let (integer, text) = kind == .postgres ? ("INTEGER", "TEXT   ") : ("integer", "text   ")
    #expect(message.contains("| id          | \(integer)         | \(text)       | data type mismatch    |"), "\(message)")
    #expect(message.contains("| email       |                 | \(text)       | missing in definition |"), "\(message)")
    #expect(message.contains("| name        | \(text)         |               | missing in contract   |"), "\(message)")
    #expect(try h.conn().relation(schema: h.schema, name: "customers") == nil)
}

@Test func aContractNeedsEveryColumnsDataType() throws {
    let h = try RunHarness(.sqlite, contractProject("""
              - name: id
                data_type: integer
              - name: name
        """, model: "select id, name from {{ ref('raw') }}"))
    try h.runOK(.seed)
    let r = try h.run(.run)
    #expect(r.status("customers") == .error)
    #expect(r.result("customers")?.message?.contains(
        "Contracted models require data_type to be defined for each column. Please ensure that the column name and data_type "
        + "are defined within the YAML configuration for the ['name'] column(s).") == true, "\(r.summary)")
}

@Test func modelLevelConstraintsAndSynonymousTypes() throws {
    // int and integer are one type to PostgreSQL, as the contract check sees it
    let h = try RunHarness(.postgres, contractProject("""
              - name: id
                data_type: int
              - name: name
                data_type: varchar(10)
        """, model: "select id, cast(name as varchar(10)) as name from {{ ref('raw') }}",
        constraints: "    constraints:\n      - {type: primary_key, columns: [id]}\n      - {type: unique, columns: [name], name: one_name}"))
    try h.runOK(.seed)
    try h.runOK(.run)
    #expect(throws: WarehouseError.self) { try h.execute("insert into \(h.rel("customers")) values (1, 'z')") }
    #expect(throws: WarehouseError.self) { try h.execute("insert into \(h.rel("customers")) values (9, 'a')") }
    let types = try h.conn().columns(schema: h.schema, name: "customers").map(\.dataType)
    #expect(types == ["integer", "character varying(10)"])
}

/// dbt-postgres compares a contract's types by psycopg2's names for them: `char(2)` meets
/// `varchar(3)`, `smallint` meets `integer` and `real` meets `double precision`, where `bigint`
/// does not meet `integer`; a column-level constraint's name is not used, a model-level one's is.
@Test func postgresContractTypesAndConstraintNamesAsDbtPostgres() throws {
    let h = try RunHarness(.postgres, contractProject("""
              - name: id
                data_type: integer
                constraints: [{type: check, expression: "id > 0", name: id_positive}]
              - name: code
                data_type: varchar(3)
              - name: small
                data_type: integer
              - name: ratio
                data_type: double precision
        """, model: "select id::smallint as id, 'ab'::char(2) as code, 1::smallint as small, 0.5::real as ratio from {{ ref('raw') }}",
        constraints: "    constraints:\n      - {type: check, expression: \"small < 10\", name: small_limit}"))
    try h.runOK(.seed)
    try h.runOK(.run)
    let names = try h.column("""
        select conname from pg_constraint where conrelid = '\(h.schema).customers'::regclass order by conname
        """)
    #expect(names == ["customers__dbt_tmp_id_check", "small_limit"], "\(names)")

    try h.write("models/customers.sql", "select id::bigint as id, 'ab'::char(2) as code, 1 as small, 0.5 as ratio from {{ ref('raw') }}")
    let r = try h.run(.run)
    let message = r.result("customers")?.message ?? ""
    #expect(message.contains("| id          | LONGINTEGER     | INTEGER       | data type mismatch |"), "\(message)")
    #expect(message.contains("| ratio       | DECIMAL         | FLOAT         | data type mismatch |"), "\(message)")
    #expect(!message.contains("| code"), "\(message)")
    #expect(!message.contains("| small"), "\(message)")
}

/// dbt creates an incremental model's first build as the target itself (only a full refresh goes
/// through `__dbt_tmp`), so its constraints are named for the model (dbt 1.11: `ci_pkey`).
@Test func anIncrementalModelsFirstBuildNamesItsConstraintsForTheModel() throws {
    var files = contractProject("""
              - name: id
                data_type: integer
                constraints: [{type: primary_key}]
              - name: name
                data_type: text
        """, model: "select id, name from {{ ref('raw') }}")
    files["models/schema.yml"] = files["models/schema.yml"]?.replacingOccurrences(of: "materialized: table", with: "materialized: incremental\n      on_schema_change: fail")
    let h = try RunHarness(.postgres, files)
    try h.runOK(.seed)
    try h.runOK(.run)
    #expect(try h.column("select conname from pg_constraint where conrelid = '\(h.schema).customers'::regclass") == ["customers_pkey"])
    try h.runOK(.run, fullRefresh: true)
    #expect(try h.column("select conname from pg_constraint where conrelid = '\(h.schema).customers'::regclass") == ["customers__dbt_tmp_pkey"])
}

@Test func contractDefinitionErrorsAndDbtsRules() throws {
    // a duplicate output column fails the model, as in dbt
    let files: [String: String] = [
        "seeds/raw.csv": "id,name\n1,a\n",
        "models/twice.sql": "select r.id, s.id from {{ ref('raw') }} r join {{ ref('raw') }} s on r.id = s.id",
        "models/aliased.sql": "select id, name from {{ ref('raw') }}",
        "models/schema.yml": """
            version: 2
            models:
              - name: twice
                config: {materialized: table, contract: {enforced: true}}
                columns: [{name: id, data_type: integer}]
              - name: aliased
                config: {materialized: table, contract: {enforced: true}}
                columns: [{name: id, data_type: integer}, {name: name, data_type: string}]
            """,
    ]
    let h = try RunHarness(.sqlite, files)
    try h.runOK(.seed)
    let r = try h.run(.run)
    func message(_ name: String) -> String { r.result(name)?.message ?? "" }
    // (SQLite renames the second `id` to `id:1`, which the contract then lacks)
    #expect(message("twice").contains("This model has an enforced contract that failed."), "\(message("twice"))")
    #expect(message("twice").contains("| id:1        | integer         |               | missing in contract |"))
    // dbt's alias_types: `string` is the text type
    #expect(r.status("aliased") == .success, "\(r.summary)")
    #expect(try h.conn().columns(schema: h.schema, name: "aliased").map(\.dataType) == ["integer", "text"])
}

@Test func aForeignKeysTargetIsBuiltFirstAndTheKeyHolds() throws {
    let h = try RunHarness(.postgres, [
        "models/customers.sql": "select 1 as id",
        "models/orders.sql": "select 10 as order_id, 1 as customer_id",
        "models/schema.yml": """
            version: 2
            models:
              - name: customers
                config: {materialized: table, contract: {enforced: true}}
                columns: [{name: id, data_type: integer, constraints: [{type: primary_key}]}]
              - name: orders
                config: {materialized: table, contract: {enforced: true}}
                columns:
                  - name: order_id
                    data_type: integer
                  - name: customer_id
                    data_type: integer
                    constraints:
                      - type: foreign_key
                        to: ref('customers')
                        to_columns: [id]
            """,
    ], threads: 4)
    let (build, _, _) = try h.load()
    // the foreign key's target is a parent, so the run orders them
    #expect(build.manifest.nodes["model.shop.orders"]?.dependsOnNodes == ["model.shop.customers"])
    let r = try h.runOK(.run, threads: 4)
    #expect(r.startOrder == ["customers", "orders"])
    #expect(throws: WarehouseError.self) { try h.execute("insert into \(h.rel("orders")) values (11, 99)") }
}

@Test func aForeignKeyToNothingIsAnErrorAtItsColumn() throws {
    let h = try RunHarness(.sqlite, [
        "models/orders.sql": "select 1 as customer_id",
        "models/schema.yml": """
            version: 2
            models:
              - name: orders
                config: {contract: {enforced: true}}
                columns:
                  - name: customer_id
                    data_type: integer
                    constraints: [{type: foreign_key, to: "ref('customrs')"}]
            """,
    ])
    do {
        _ = try h.load()
        Issue.record("the project loaded")
    } catch let e as ProjectErrors {
        let d = try #require(e.errors.first)
        #expect(d.message == "the foreign key of model 'orders' points `to: ref('customrs')`, which names no model, seed, snapshot or source")
        #expect(d.span?.file == "models/schema.yml" && d.span?.line == 6)
    }
}

@Test func constraintMistakesStopTheParseAsInDbt() throws {
    // dbt's parse errors: an unknown constraint type (a column's, a contracted model's), a
    // contracted model whose YAML lists no columns, and a primary key declared twice
    let h = try RunHarness(.sqlite, [
        "models/typo.sql": "select 1 as id",
        "models/model_typo.sql": "select 1 as id",
        "models/no_columns.sql": "select 1 as id",
        "models/two_keys.sql": "select 1 as a, 2 as b",
        "models/both_keys.sql": "select 1 as a",
        "models/schema.yml": """
            version: 2
            models:
              - name: typo
                columns: [{name: id, data_type: integer, constraints: [{type: primary-key}]}]
              - name: model_typo
                config: {materialized: table, contract: {enforced: true}}
                constraints: [{type: uniq, columns: [id]}]
                columns: [{name: id, data_type: integer}]
              - name: no_columns
                config: {contract: {enforced: true}}
              - name: two_keys
                columns:
                  - {name: a, constraints: [{type: primary_key}]}
                  - {name: b, constraints: [{type: primary_key}]}
              - name: both_keys
                constraints: [{type: primary_key, columns: [a]}]
                columns: [{name: a, constraints: [{type: primary_key}]}]
            """,
    ])
    do {
        _ = try h.load()
        Issue.record("the project loaded")
    } catch let e as ProjectErrors {
        let errors = e.errors.filter(\.isError)
        #expect(errors.map(\.message) == [
            "Primary key constraint error: (models/both_keys.sql)\nPrimary key constraints defined at the model level and the "
                + "columns level. Primary keys can be defined at the model level or the column level, not both.",
            "Invalid constraint type on model model_typo: Type must be one of "
                + "['check', 'not_null', 'unique', 'primary_key', 'foreign_key', 'custom']",
            "Contract enforcement failed for: (models/no_columns.sql)\n"
                + "Constraints must be defined in a `yml` schema configuration file like `schema.yml`.",
            "Primary key constraint error: (models/two_keys.sql)\nFound 2 columns (['a', 'b']) with primary key constraints "
                + "defined. Primary keys for multiple columns must be defined as a model level constraint.",
            "Invalid constraint type on column id",
        ], "\(errors.map(\.message))")
        // each at its properties entry (a column's at the column)
        #expect(errors.map { $0.span?.file } == Array(repeating: "models/schema.yml", count: 5))
        #expect(errors.map { $0.span?.line } == [15, 5, 9, 11, 4])
    }
}

@Test func constraintsOnAContractedViewWarnAndAContractWithoutYAMLFailsTheModel() throws {
    let h = try RunHarness(.sqlite, [
        "models/v.sql": "select 1 as id, 'x' as name",
        "models/quiet.sql": "select 1 as id",
        "models/bare.sql": "{{ config(materialized='table', contract={'enforced': true}) }} select 1 as id",
        "models/schema.yml": """
            version: 2
            models:
              - name: v
                config: {contract: {enforced: true}}
                columns:
                  - {name: id, data_type: integer, constraints: [{type: not_null}]}
                  - {name: name, data_type: text}
              - name: quiet
                config: {contract: {enforced: true}}
                columns: [{name: id, data_type: integer, constraints: [{type: not_null, warn_unsupported: false}]}]
            """,
    ])
    let (build, _, _) = try h.load()
    // dbt's UnsupportedConstraintMaterialization, for the view whose constraint did not opt out
    let warned = build.diagnostics.filter { $0.event == "UnsupportedConstraintMaterialization" }
    #expect(warned.map(\.message) == ["Constraint types are not supported for view materializations and will be ignored.  "
                                      + "Set 'warn_unsupported: false' on this constraint to ignore this warning."])
    #expect(warned.first?.span?.line == 3)
    let r = try h.run(.run)
    #expect(r.status("v") == .success && r.status("quiet") == .success, "\(r.summary)")
    #expect(r.status("bare") == .error)
    let message = r.result("bare")?.message ?? ""
    #expect(message.contains("This model has an enforced contract, and its 'columns' specification is missing"), "\(message)")
}
