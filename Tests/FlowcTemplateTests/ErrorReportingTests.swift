// Errors name file:line:column, show the line with a caret, and say what was expected.
import Testing
@testable import FlowcTemplate

private func renderError(_ text: String, name: String = "models/a.sql", _ context: [String: Value] = [:]) -> TemplateError? {
    do {
        _ = try Environment().render(text, name: name, context)
        return nil
    } catch let e as TemplateError {
        return e
    } catch {
        return nil
    }
}

@Test func unclosedIfNamesTheOpeningTag() throws {
    let e = try #require(renderError("select 1\n{% if x %}\nfoo\n"))
    #expect(e.kind == .syntax)
    #expect(e.message == "unexpected end of template; expected 'elif' or 'else' or 'endif' to close 'if' opened at models/a.sql:2:1")
    #expect(e.location == SourceLocation(file: "models/a.sql", line: 2, column: 11))
}

@Test func caretPointsAtTheColumn() throws {
    let e = try #require(renderError("select\n  {{ 1 + }}"))
    #expect(e.location?.line == 2)
    #expect(e.location?.column == 10)
    #expect(e.description == """
        models/a.sql:2:10: error: unexpected end of print statement
              {{ 1 + }}
                     ^
        """)
}

@Test func strayEndTagSaysWhatIsOpen() throws {
    let e = try #require(renderError("{% for x in y %}{% endif %}{% endfor %}"))
    #expect(e.message == "unexpected 'endif'; the innermost open block is 'for' opened at models/a.sql:1:1")
    #expect(e.location?.column == 17)
}

@Test func unknownFilterIsAParseErrorWithPlace() throws {
    let e = try #require(renderError("{{ x }}\n{{ x | nosuch }}"))
    #expect(e.message == "no filter named 'nosuch'")
    #expect(e.location?.line == 2)
    #expect(e.location?.column == 8)
}

@Test func undefinedAttributeNamesTheVariableAndPlace() throws {
    let e = try #require(renderError("a\n  {{ orders.amount }}"))
    #expect(e.kind == .undefined)
    #expect(e.message == "'orders' is undefined")
    #expect(e.location?.line == 2)
}

@Test func anUnknownMacroOrPackageHintsAtPackagesAndDeps() throws {
    // dbt: "… This can happen when calling a macro that does not exist. Check for typos and/or
    // install package dependencies with "dbt deps"."
    let call = try #require(renderError("{{ my_macro(1) }}"))
    #expect(call.message == "'my_macro' is undefined")
    #expect(call.hint?.contains("no macro named 'my_macro' is defined") == true, "\(call.hint ?? "")")
    #expect(call.hint?.contains("flowc deps") == true)
    let package = try #require(renderError("{{ dbt_utils.star('x') }}"))
    #expect(package.message == "'dbt_utils' is undefined")
    #expect(package.hint?.contains("packages.yml") == true, "\(package.hint ?? "")")
    // a missing attribute of a real value keeps Jinja's message and no package hint
    let attribute = try #require(renderError("{{ 'a'.nope() }}"))
    #expect(attribute.message == "'str object' has no attribute 'nope'")
    #expect(attribute.hint == nil)
}

@Test func missingKeyThenAttributeSaysWhichKey() throws {
    let e = try #require(renderError("{{ cfg.schema.name }}", ["cfg": .dict([("db", .string("x"))])]))
    #expect(e.message == "'dict object' has no attribute 'schema'")
}

@Test func errorsInsideMacrosPointIntoTheMacro() throws {
    let text = "{% macro m(x) %}\n  {{ x.y.z }}\n{% endmacro %}\n{{ m(none) }}"
    let e = try #require(renderError(text))
    #expect(e.location?.line == 2)
}

@Test func runawayRecursionIsAnErrorNotACrash() throws {
    let e = try #require(renderError("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"))
    #expect(e.message.contains("maximum macro call depth"))
}

@Test func deeplyNestedExpressionsAreRefused() throws {
    let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
    let e = try #require(renderError("{{ \(deep) }}"))
    #expect(e.kind == .syntax)
    #expect(e.message == "expression nested too deeply")
}

/// The nesting limit sits at the same depth whether or not the innermost item is a lone literal
/// (which the parser takes by a shortcut that skips the precedence levels).
@Test func nestingLimitIsTheSameForLoneLiterals() throws {
    func nested(_ depth: Int, _ leaf: String) -> String {
        "{{ " + String(repeating: "[", count: depth) + leaf + String(repeating: "]", count: depth) + " }}"
    }
    for leaf in ["1", "'a'", "1 + 1"] {
        #expect(renderError(nested(99, leaf)) == nil)
        #expect(renderError(nested(100, leaf))?.message == "expression nested too deeply")
    }
}

@Test func hugeRepetitionIsRefused() throws {
    let e = try #require(renderError("{{ 'x' * 10000000000 }}"))
    #expect(e.kind == .overflow)
}

@Test func integerOverflowDoesNotTrap() throws {
    let out = try Environment().render("{{ 9223372036854775807 + 1 }}|{{ -9223372036854775807 - 10 }}")
    #expect(out == "9.223372036854776e+18|-9.223372036854776e+18")
}

@Test func deeplyNestedBlocksAreRefused() throws {
    let deep = String(repeating: "{% if true %}", count: 5000) + "x" + String(repeating: "{% endif %}", count: 5000)
    let e = try #require(renderError(deep))
    #expect(e.kind == .syntax)
    #expect(e.message == "blocks nested too deeply (more than 200 levels)")
}
