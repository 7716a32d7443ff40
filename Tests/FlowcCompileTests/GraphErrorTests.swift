// Every graph error a user can make is reported with its file:line:column, a message saying
// what is wrong, and a hint; all errors of a project are reported together.
import FlowcCompile
@testable import FlowcProject
import Foundation
import Testing

private func project(_ files: [String: String]) throws -> TestProject { try TestProject.sqlite(files) }

@Test func unknownRefSaysWhereAndSuggests() throws {
    let p = try project([
        "models/orders.sql": "select 1",
        "models/report.sql": "-- report\nselect *\nfrom {{ ref('ordres') }}",
    ])
    defer { p.remove() }
    let errors = p.errors()
    #expect(errors.count == 1)
    let e = try #require(errors.first)
    #expect(e.message == "ref('ordres') names no model, seed or snapshot")
    #expect(e.hint == "did you mean 'orders'?")
    #expect(e.span == SourceSpan(file: "models/report.sql", line: 3, column: 13))
}

@Test func unknownSourceIsAnError() throws {
    let p = try project([
        "models/src.yml": "version: 2\nsources:\n  - name: shop\n    tables:\n      - name: orders\n",
        "models/a.sql": "select * from {{ source('shop', 'order') }}",
    ])
    defer { p.remove() }
    let e = try #require(p.errors().first)
    #expect(e.message == "source('shop', 'order') is not defined in any properties file")
    #expect(e.hint == "did you mean 'shop.orders'?")
}

@Test func cyclesPrintTheWholePath() throws {
    let p = try project([
        "models/a.sql": "select * from {{ ref('c') }}",
        "models/b.sql": "select * from {{ ref('a') }}",
        "models/c.sql": "select * from {{ ref('b') }}",
    ])
    defer { p.remove() }
    let e = try #require(p.errors().first)
    #expect(e.message == "dependency cycle: a -> c -> b -> a" || e.message == "dependency cycle: a -> b -> c -> a")
}

@Test func duplicateNamesAndDisabledParentsAndAllErrorsTogether() throws {
    let p = try project([
        "models/x/orders.sql": "select 1",
        "models/y/orders.sql": "select 2",
        "models/old.sql": "{{ config(enabled=false) }}select 1",
        "models/uses_old.sql": "select * from {{ ref('old') }}",
        "models/bad_jinja.sql": "select 1\n{% if true %}\nselect 2",
    ])
    defer { p.remove() }
    let messages = p.errors().map(\.message)
    #expect(messages.contains("two resources are named 'orders': models/x/orders.sql and models/y/orders.sql"))
    #expect(messages.contains("model 'uses_old' depends on 'old', which is disabled"))
    #expect(messages.contains { $0.hasPrefix("unexpected end of template; expected 'elif' or 'else' or 'endif' to close 'if' opened at models/bad_jinja.sql:2:1") })
    #expect(messages.count == 3)
}

@Test func twoSingularTestsOfOneNameAreAnError() throws {
    let p = try project([
        "models/orders.sql": "select 1 as id",
        "tests/finance/check_totals.sql": "select * from {{ ref('orders') }} where id < 0",
        "tests/ops/check_totals.sql": "select * from {{ ref('orders') }} where id > 9",
    ])
    defer { p.remove() }
    let messages = p.errors().map(\.message)
    #expect(messages == ["two resources are named 'check_totals': tests/finance/check_totals.sql and tests/ops/check_totals.sql"])
}

@Test func aDisabledModelMayShareAnEnabledOnesName() throws {
    // as in dbt: one copy per environment, the other disabled (either order of files)
    for (first, second) in [("a", "b"), ("b", "a")] {
        let p = try project([
            "models/\(first)/orders.sql": "select 1 as live",
            "models/\(second)/orders.sql": "{{ config(enabled=false) }}\nselect 2 as retired",
            "models/report.sql": "select * from {{ ref('orders') }}",
        ])
        defer { p.remove() }
        #expect(p.errors().isEmpty)
        let sql = try p.compile()
        #expect(sql["orders"] == "select 1 as live")
        let m = try p.build().manifest
        #expect(m.nodes["model.shop.orders"]?.originalFilePath == "models/\(first)/orders.sql")
        #expect(m.disabled["model.shop.orders"]?.originalFilePath == "models/\(second)/orders.sql")
    }
    // both disabled is no error either; both enabled is
    let both = try project([
        "models/a/orders.sql": "{{ config(enabled=false) }}\nselect 1",
        "models/b/orders.sql": "{{ config(enabled=false) }}\nselect 2",
    ])
    defer { both.remove() }
    #expect(both.errors().isEmpty)
}

@Test func twoMacrosOfOneNameAreAnError() throws {
    let p = try project([
        "models/a.sql": "select 100 * {{ tax_rate() }} as tax",
        "macros/finance.sql": "{% macro tax_rate() %}0.20{% endmacro %}",
        "macros/legacy.sql": "-- old rate\n{% macro tax_rate() %}0.07{% endmacro %}\n{% macro other() %}1{% endmacro %}",
        "macros/pos.sql": "{% test positive(model, column_name) %}select 1 where false{% endtest %}",
        "tests/generic/positive.sql": "{% test positive(model, column_name) %}select 1{% endtest %}",
    ])
    defer { p.remove() }
    let errors = p.errors()
    #expect(errors.map(\.message).sorted() == [
        "two definitions of generic test 'positive' in package 'shop': macros/pos.sql and tests/generic/positive.sql",
        "two definitions of macro 'tax_rate' in package 'shop': macros/finance.sql and macros/legacy.sql",
    ])
    let tax = try #require(errors.first { $0.message.contains("tax_rate") })
    #expect(tax.span == SourceSpan(file: "macros/legacy.sql", line: 2, column: 4))
}

@Test func aMacroDefinedTwiceInOneFileIsAnError() throws {
    // dbt: "dbt found multiple macros named "rate" ... macros/m.sql, macros/m.sql"; flowc took
    // the later silently
    let p = try project([
        "models/a.sql": "select {{ rate() }} as r",
        "macros/m.sql": "{% macro rate() %}1{% endmacro %}\n\n  {% macro rate() %}2{% endmacro %}\n{% test rate_ok(model) %}select 1{% endtest %}\n{% test rate_ok(model) %}select 2{% endtest %}",
        "macros/other.sql": "{% macro fine() %}1{% endmacro %}",
    ])
    defer { p.remove() }
    let placed = p.errors().map { "\($0.span?.description ?? "-") \($0.message)" }.sorted()
    #expect(placed == [
        "macros/m.sql:3:3 macro 'rate' is defined twice in macros/m.sql",
        "macros/m.sql:5:1 generic test 'rate_ok' is defined twice in macros/m.sql",
    ], "\(placed)")
}

/// dbt 1.11 reads a macro file's blocks leniently: a stray `{%- endmacro %}` (dbt_artifacts'
/// insert_into_metadata_table.sql had one) is its UnexpectedJinjaBlockDeprecation warning, and
/// the macros around it are defined. Other stray tags stay errors.
@Test func aStrayEndTagInAMacroFileIsAWarning() throws {
    let p = try project([
        "models/a.sql": "select {{ a() }} as id, {{ b() }} as id2",
        "macros/m.sql": "{% macro a() -%}\n    1\n{%- endmacro %}\n\n{%- endmacro %}\n\n{% macro b() -%}\n    2\n{%- endmacro %}\n",
    ])
    defer { p.remove() }
    let build = try p.build()
    let warnings = build.diagnostics.filter { !$0.isError }.map { "\($0.span?.description ?? "-") \($0.message)" }
    #expect(warnings == ["macros/m.sql:5:1 Found unexpected 'endmacro' block tag in file `macros/m.sql` (deprecated in dbt; the tag is ignored)"],
            "\(warnings)")
    #expect(try p.compile()["a"] == "select 1 as id, 2 as id2")
    let bad = try project(["models/a.sql": "select 1", "macros/m.sql": "{% macro a() %}1{% endmacro %}{% endif %}"])
    defer { bad.remove() }
    #expect(bad.errors().map(\.message) == ["unexpected 'endif'"])
}

@Test func malformedAndDuplicateDocsBlocksAreErrors() throws {
    let p = try project([
        "models/a.sql": "select 1 as id",
        "models/docs.md": "{% docs a %}Alpha docs\n{% enddoc %}\n\n{% docs b %}Beta{% enddocs %}\n{% docs %}x{% enddocs %}",
        "models/dup.md": "{% docs c %}first c{% enddocs %}\n\n{%- docs c -%}second c{%- enddocs -%}\n{% docs open %}never closed",
    ])
    defer { p.remove() }
    let placed = p.errors().map { "\($0.span?.description ?? "-") \($0.message)" }.sorted()
    #expect(placed == [
        "models/docs.md:4:1 docs block 'a' is not closed before the next {% docs %} block",
        "models/docs.md:5:1 a docs block needs a name of letters, digits and underscores, found ''",
        "models/dup.md:3:1 two docs blocks are named 'c' in package 'shop': models/dup.md and models/dup.md",
        "models/dup.md:4:1 docs block 'open' is not closed",
    ], "\(placed)")
}

@Test func aNulOrAByteThatIsNotUTF8IsAnErrorAtItsPlace() throws {
    let p = try project([
        "models/pay.sql": "select 1 as amount",
        "models/ok.sql": "select 'caf\u{E9} \u{FFFD}' as name",  // valid UTF-8, a U+FFFD spelled out included
    ])
    defer { p.remove() }
    try Data(Array("select * from {{ ref('pay') }}\n  ".utf8) + [0] + Array(" where amount > 0".utf8))
        .write(to: URL(fileURLWithPath: p.root + "/models/positive.sql"))
    try Data(Array("select 'caf".utf8) + [0xE9] + Array("' as name".utf8))
        .write(to: URL(fileURLWithPath: p.root + "/models/latin1.sql"))
    let placed = p.errors().map { "\($0.span?.description ?? "-") \($0.message)" }.sorted()
    #expect(placed == [
        "models/latin1.sql:1:12 the file is not valid UTF-8 (byte 0xE9)",
        "models/positive.sql:2:3 a NUL byte (\\0) in the file",
    ], "\(placed)")
}

@Test func firstBadByteKnowsUTF8() {
    #expect(TextFileCheck.firstBadByte(Array("plain ascii".utf8)) == nil)
    #expect(TextFileCheck.firstBadByte(Array("é € 😀".utf8)) == nil)
    #expect(TextFileCheck.firstBadByte([0x61, 0xC0, 0x80])?.0 == 1)  // overlong
    #expect(TextFileCheck.firstBadByte([0xED, 0xA0, 0x80])?.0 == 0)  // a surrogate
    #expect(TextFileCheck.firstBadByte([0x61, 0x62, 0xE2, 0x82])?.0 == 2)  // cut short
    #expect(TextFileCheck.firstBadByte([0xF5, 0x80, 0x80, 0x80])?.0 == 0)
    #expect(TextFileCheck.firstBadByte([0x61, 0x00])?.0 == 1)
}

@Test func aFreshnessPeriodOrCountDbtRejectsIsAnError() throws {
    let p = try project([
        "models/a.sql": "select 1 as id",
        "models/sources.yml": """
            sources:
              - name: raw
                loaded_at_field: ts
                freshness:
                  warn_after: {count: 1, period: fortnight}
                tables:
                  - name: t
                    freshness:
                      error_after: {count: lots, period: day}
                  - name: u
                    freshness:
                      warn_after: {count: "{{ var('hours', 12) }}", period: hour}
            """,
    ])
    defer { p.remove() }
    let placed = p.errors().map { "\($0.span?.description ?? "-") \($0.message)" }.sorted()
    #expect(placed == [
        "models/sources.yml:5:38 freshness warn_after period 'fortnight' is not minute, hour or day",
        "models/sources.yml:9:32 freshness error_after count 'lots' is not a whole number",
    ], "\(placed)")
}

@Test func aGenericTestWithoutAMacroIsAnErrorUnlessDisabled() throws {
    let files = { (enabled: String) in [
        "models/a.sql": "select 1 as id",
        "models/a.yml": """
            models:
              - name: a
                columns:
                  - name: id
                    data_tests:
                      - no_such_check:
                          config:
                            enabled: \(enabled)
            """,
    ] }
    let on = try project(files("true"))
    defer { on.remove() }
    #expect(on.errors().map(\.message) == ["no generic test named 'no_such_check'"])
    let off = try project(files("false"))
    defer { off.remove() }
    #expect(off.errors().isEmpty)
}

@Test func jinjaErrorsPointAtTheFileLineEvenAfterLeadingBlankLines() throws {
    let p = try project(["models/a.sql": "\n\n\nselect {{ 1 + }}"])
    defer { p.remove() }
    let e = try #require(p.errors().first)
    #expect(e.span == SourceSpan(file: "models/a.sql", line: 4, column: 15))
}

@Test func propertiesForAMissingModelWarnWithASuggestion() throws {
    let p = try project([
        "models/orders.sql": "select 1",
        "models/props.yml": "version: 2\nmodels:\n  - name: order\n    description: typo\n",
    ])
    defer { p.remove() }
    let build = try p.build()
    let w = try #require(build.diagnostics.first { $0.severity == .warning })
    #expect(w.message == "models/props.yml describes model 'order', but no such model exists")
    #expect(w.hint == "did you mean 'orders'?")
    #expect(w.span?.line == 3)
}

/// As in dbt, the parser reads a missing var as None and lets an undefined macro be called:
/// compiling the node that needs them fails, with a hint, and nothing else does.
@Test func missingVarOrMacroIsAnErrorWhenTheNodeCompiles() throws {
    let p = try project(["models/a.sql": "select {{ var('nope') }}", "models/b.sql": "select {{ nope_macro(ref('a')) }}",
                         "models/c.sql": "select 1 as x"])
    defer { p.remove() }
    #expect(try p.errors().isEmpty)
    let build = try p.build()
    #expect(build.manifest.nodes["model.shop.b"]?.dependsOnNodes == ["model.shop.a"])
    let result = Compiler.compile(build, nodes: ["model.shop.a", "model.shop.b", "model.shop.c"], threads: 1)
    #expect(result.nodes["model.shop.c"]?.sql == "select 1 as x")
    let errors = result.diagnostics.map { "\($0.span?.description ?? "-") \($0.message) \($0.hint ?? "")" }
    #expect(errors == ["models/a.sql:1:14 Required var 'nope' not found in config define it under `vars:` in the project file or pass --vars '{\"nope\": …}'",
                       "models/b.sql:1:21 'nope_macro' is undefined no macro named 'nope_macro' is defined: check the name, or install the package that defines it (list it in packages.yml, then run `flowc deps`)"], "\(errors)")
}

@Test func unknownRefInDoubleQuotesIsPlacedToo() throws {
    let p = try project(["models/a.sql": "select 1\nfrom {{ ref(\"missing\") }}"])
    defer { p.remove() }
    let e = try #require(p.errors().first)
    #expect(e.span == SourceSpan(file: "models/a.sql", line: 2, column: 13))
}

/// An error rendering a YAML value (a source's schema or identifier, a generic test's argument)
/// is placed at that value in the properties file, not at the template's own line 1.
@Test func renderErrorsInPropertiesValuesArePlacedAtTheValue() throws {
    let p = try project([
        "models/a.sql": "select 1 as id from {{ source('raw', 't') }}",
        "models/props.yml": """
            version: 2

            sources:
              - name: raw
                schema: "{{ var('no_schema') }}"
                tables:
                  - name: t
                    identifier: "{{ var('no_identifier') }}"
            models:
              - name: a
                columns:
                  - name: id
                    tests:
                      - relationships:
                          to: "{{ var('no_parent') }}"
                          field: id
            """,
    ])
    defer { p.remove() }
    let errors = try p.errors()
    let placed = errors.map { "\($0.span?.description ?? "-") \($0.message) \($0.sourceLine == nil)" }
    #expect(placed.contains("models/props.yml:5:13 Required var 'no_schema' not found in config true"), "\(placed)")
    #expect(placed.contains("models/props.yml:8:21 Required var 'no_identifier' not found in config true"), "\(placed)")
    #expect(placed.contains("models/props.yml:14:13 Required var 'no_parent' not found in config true"), "\(placed)")
}

/// A dbt Python model is reported at its file and left out (flowc builds SQL only); a ref to it
/// says so instead of "did you mean".
@Test func pythonModelsAreReportedAndLeftOut() throws {
    let p = try project(["models/scores.py": "def model(dbt, session):\n    return dbt.ref('a')\n",
                         "models/a.sql": "select 1 as id", "models/b.sql": "select * from {{ ref('scores') }}"])
    defer { p.remove() }
    let errors = try p.errors()
    let e = try #require(errors.first { $0.message == "ref('scores') names no model, seed or snapshot" })
    #expect(e.hint == "'scores' is a Python model (models/scores.py), which flowc does not build")
    try "select 2 as id".write(toFile: p.root + "/models/b.sql", atomically: false, encoding: .utf8)
    let build = try p.build()
    let w = try #require(try ProjectLoader.load(root: p.root).diagnostics.first { $0.severity == .warning })
    #expect(w.message == "models/scores.py is a Python model, which flowc does not build; it is left out of the project")
    #expect(w.span == SourceSpan(file: "models/scores.py", line: 1, column: 1))
    #expect(build.manifest.nodes["model.shop.scores"] == nil)
}

/// A test argument its macro has no parameter for stops the parse, as dbt's does ("takes no
/// keyword argument"), at the test's entry and with the arguments it does take; a test macro
/// that reads `kwargs` takes any.
@Test func misspeltTestArgumentIsAnErrorAtItsEntry() throws {
    let p = try project([
        "models/orders.sql": "select 'a' as status, 1 as amount",
        "macros/tests.sql": """
            {% test at_least(model, column_name, min_value) %}select 1 where false{% endtest %}
            {% test anything(model) %}select 1 where false {{ kwargs }}{% endtest %}
            """,
        "models/props.yml": """
            version: 2
            models:
              - name: orders
                data_tests:
                  - anything: {whatever: 1}
                columns:
                  - name: status
                    data_tests:
                      - accepted_values: {value: [a]}
                  - name: amount
                    data_tests:
                      - at_least:
                          min_valu: 0
            """,
    ])
    defer { p.remove() }
    let errors = p.errors()
    #expect(errors.count == 2, "\(errors)")
    let values = try #require(errors.first { $0.message == "test 'accepted_values' takes no argument 'value'" })
    #expect(values.span == SourceSpan(file: "models/props.yml", line: 9, column: 13))
    #expect(values.hint == "did you mean 'values'? its arguments are values, quote")
    let custom = try #require(errors.first { $0.message == "test 'at_least' takes no argument 'min_valu'" })
    #expect(custom.hint == "did you mean 'min_value'? its arguments are min_value")
}
