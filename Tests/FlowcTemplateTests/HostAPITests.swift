// The host API the compile stage builds on: Swift functions and objects in the context,
// macros called from Swift, `return()` ending a macro with a value, macro-defining tags, and
// templates parsed once and rendered many times.
import Testing
@testable import FlowcTemplate

/// A stand-in for a host object such as dbt's `this` relation.
private final class Relation: TemplateObject {
    let schema: String
    let name: String
    init(schema: String, name: String) {
        self.schema = schema
        self.name = name
    }
    var typeName: String { "Relation" }
    func attribute(_ attr: String, renderer: Renderer) throws -> Value? {
        switch attr {
        case "schema": return .string(schema)
        case "identifier": return .string(name)
        case "include":
            return .callable(Callable(name: "include") { [self] args, _ in
                let withSchema = args.keyword("schema")?.truthy ?? true
                return .object(Relation(schema: withSchema ? self.schema : "", name: self.name))
            })
        default: return nil
        }
    }
    func render(renderer: Renderer) throws -> String {
        schema.isEmpty ? "\"\(name)\"" : "\"\(schema)\".\"\(name)\""
    }
}

@Test func hostFunctionsTakePositionalAndKeywordArguments() throws {
    let env = Environment()
    env.globals["ref"] = .callable(Callable(name: "ref") { args, _ in
        let slots = try args.bind("ref", ["name", "version"])
        let name = slots[0]?.stringValue ?? "?"
        if let v = slots[1] { return .string("main.\(name)_v\(v.pythonString)") }
        return .string("main.\(name)")
    })
    #expect(try env.render("{{ ref('orders') }} {{ ref('orders', version=2) }}") == "main.orders main.orders_v2")
    #expect(throws: TemplateError.self) { try env.render("{{ ref('a', nope=1) }}") }
}

@Test func hostObjectsHaveAttributesMethodsAndRendering() throws {
    let env = Environment()
    let this: Value = .object(Relation(schema: "analytics", name: "orders"))
    let out = try env.render("{{ this }} {{ this.schema }} {{ this.include(schema=false) }} [{{ this.nope }}]",
                             ["this": this])
    #expect(out == "\"analytics\".\"orders\" analytics \"orders\" []")
}

@Test func returnEndsAMacroWithAValue() throws {
    let env = Environment()
    env.globals["return"] = .callable(Callable(name: "return") { args, _ in
        throw MacroReturn(args.positional.first ?? .none)
    })
    let text = """
        {% macro cols() %}ignored output{% do return(['a', 'b']) %}never{% endmacro %}
        {{ cols() | join(',') }}|{{ cols() | length }}
        """
    #expect(try env.render(text) == "\na,b|2")
}

/// dbt: a `return(…)` in a call block's body ends the macro that called `caller()` (dbt's
/// macro call catches it), not `caller()`; a host function that calls `caller()` (dbt's
/// `statement`) ends with the value, so its SQL never runs (dbt-utils' get_column_values).
@Test func returnInACallBlockEndsTheMacroThatCalledCaller() throws {
    let env = Environment()
    env.globals["return"] = .callable(Callable(name: "return") { args, _ in
        throw MacroReturn(args.positional.first ?? .none)
    })
    var ran: [String] = []
    env.globals["statement"] = .callable(Callable(name: "statement") { args, r in
        guard let caller = args.keyword("caller") else { return .string("") }
        let sql = try r.call(caller, Arguments())
        ran.append(sql.pythonString)
        return .string("")
    })
    let text = """
        {% macro wrap() %}{%- set body = caller() -%}{{ return('wrapped:' ~ body) }}{% endmacro %}
        {% macro outer() %}{%- set r -%}{% call wrap() %}{{ return('early') }}{% endcall %}{%- endset -%}{{ return(r | trim) }}{% endmacro %}
        {% macro probe(stop) %}{%- call statement() -%}{% if stop %}{{ return('early') }}{% endif %}select 1{%- endcall -%}{{ return('after') }}{% endmacro %}
        {{ outer() }}|{{ probe(true) }}|{{ probe(false) }}|{% call wrap() %}plain{% endcall %}
        """
    #expect(try env.render(text) == "\n\n\nearly|after|after|wrapped:plain")
    #expect(ran == ["select 1"])
}

@Test func macrosCanBeCalledFromSwift() throws {
    let env = Environment()
    let lib = try env.parse("{% macro cents_to_dollars(col, scale=2) %}round({{ col }} / 100.0, {{ scale }}){% endmacro %}",
                            name: "macros/money.sql")
    let renderer = Renderer(environment: env)
    let out = try renderer.callMacro(lib, "cents_to_dollars", Arguments([.string("amount")], keywords: [("scale", .int(4))]))
    #expect(out.stringValue == "round(amount / 100.0, 4)")
    #expect(lib.macros["cents_to_dollars"]?.parameterNames == ["col", "scale"])
    // and macros of one file are callable from another template through the context
    let model = try env.parse("select {{ cents_to_dollars('x') }}", name: "models/m.sql")
    let r2 = Renderer(environment: env)
    if let m = r2.macro(lib, "cents_to_dollars") { r2.root.set("cents_to_dollars", m) }
    #expect(try r2.render(model) == "select round(x / 100.0, 2)")
}

@Test func macroTagsDefinePrefixedMacros() throws {
    let env = Environment()
    env.macroTags = ["test": "test_"]
    let t = try env.parse("{% test positive(model, column_name) %}select * from {{ model }} where {{ column_name }} < 0{% endtest %}")
    #expect(t.macros["test_positive"] != nil)
    let r = Renderer(environment: env)
    let out = try r.callMacro(t, "test_positive", Arguments([.string("orders"), .string("amount")]))
    #expect(out.stringValue == "select * from orders where amount < 0")
}

@Test func aParsedTemplateRendersManyTimesWithDifferentContexts() throws {
    let env = Environment()
    let t = try env.parse("{% set xs = [] %}{% for i in range(n) %}{% do xs.append(i * i) %}{% endfor %}{{ xs }}")
    #expect(try env.render(t, ["n": .int(3)]) == "[0, 1, 4]")
    #expect(try env.render(t, ["n": .int(5)]) == "[0, 1, 4, 9, 16]")
    #expect(try env.render(t, ["n": .int(0)]) == "[]")
}

@Test func jsonReaderKeepsOrderAndNumberKinds() throws {
    let v = try Value.fromJSON(#"{"b": 1, "a": [1.5, 2, true, null, "x\u00e9"]}"#)
    #expect(v.pythonRepr == "{'b': 1, 'a': [1.5, 2, True, None, 'xé']}")
    #expect(throws: TemplateError.self) { try Value.fromJSON("{\"a\": }") }
}

/// Python's repr of strings that need escapes or the other quote, as python3 printed them.
@Test func stringReprMatchesPython() {
    #expect(pythonStringRepr("ref('x')") == "\"ref('x')\"")
    #expect(pythonStringRepr("it's \"q\"") == "'it\\'s \"q\"'")
    #expect(pythonStringRepr("a\\b\n\t\r") == "'a\\\\b\\n\\t\\r'")
    #expect(pythonStringRepr("\u{7f}\u{1}") == "'\\x7f\\x01'")
    #expect(pythonStringRepr("é\u{85}x") == "'é\\x85x'")
    #expect(pythonStringRepr("'\u{9f}'") == "\"'\\x9f'\"")
    #expect(pythonStringRepr("ü'") == "\"ü'\"")
    #expect(pythonStringRepr("plain") == "'plain'")
}

/// A return() that no macro catches (in a top-level call block's body, dbt-core issue 7144)
/// fails the render with its value as the message, as dbt's, not the Swift type's name.
@Test func anUncaughtReturnSaysItsValue() throws {
    let env = Environment()
    env.globals["return"] = .callable(Callable(name: "return") { args, _ in
        throw MacroReturn(args.positional.first ?? .none)
    })
    let text = """
        {% macro keep(o) %}{% do o.update({'f': caller}) %}{% endmacro %}
        {% set o = {} %}{% call(a) keep(o) %}{{ return('ret:' ~ a) }}{% endcall %}{{ o.f(1) }}
        """
    do {
        _ = try env.render(text)
        Issue.record("rendered")
    } catch {
        #expect("\(error)" == "ret:1")
    }
}
