// A list or dict that contains itself prints as Python prints it (`[[...]]`, `{'a': {...}}`),
// and comparisons that Python cannot finish raise its RecursionError, instead of recursing
// until the stack overflows (found by fuzzing: `{% do l.append(l) %}{{ l }}` crashed).
import Testing
@testable import FlowcTemplate

private let cycles = "{% set l = [] %}{% do l.append(l) %}{% set m = [] %}{% do m.append(m) %}"
    + "{% set d = {} %}{% do d.update({'a': d}) %}{% set e = {} %}{% do e.update({'a': e}) %}"

private func render(_ body: String) throws -> String {
    try Environment().render(cycles + body)
}

private func failure(_ body: String) -> String? {
    do {
        _ = try render(body)
        return nil
    } catch {
        return (error as? TemplateError)?.message ?? "\(error)"
    }
}

/// Expected outputs are Jinja2 3.1's for the same templates.
@Test func containersInsideThemselvesPrintAsPythonDoes() throws {
    #expect(try render("{{ l }}") == "[[...]]")
    #expect(try render("{{ d }}") == "{'a': {...}}")
    #expect(try render("{{ l|join(',') }}") == "[[...]]")
    #expect(try render("{% do l.append(l) %}{{ l|sort }}") == "[[[...], [...]], [[...], [...]]]")
    #expect(try render("{{ (l,) }}|{{ [d] }}|{{ l|string }}|{{ '%r'|format(l) }}") == "([[...]],)|[{'a': {...}}]|[[...]]|[[...]]")
    // Python compares items by identity first
    #expect(try render("{{ l == l }} {{ d == d }} {{ l in [l] }} {{ l != [1] }} {{ d == {'a': d} }}")
            == "True True True True True")
}

@Test func comparingDistinctCyclesIsPythonsRecursionError() {
    let message = "RecursionError: maximum recursion depth exceeded in comparison"
    for body in ["{{ l == m }}", "{{ l != m }}", "{{ d == e }}", "{{ l < m }}", "{{ l in [m] }}",
                 "{{ [m].index(l) }}", "{{ l is eq(m) }}"] {
        #expect(failure(body) == message, "\(body)")
    }
}

@Test func pprintMarksTheRecursion() throws {
    let out = try render("{{ l|pprint }} {{ d|pprint }}")
    #expect(out.hasPrefix("[<Recursion on list with id="))
    #expect(out.contains("] {'a': <Recursion on dict with id="))
}

/// Nesting past Python's recursion limit (no cycle) is the same error when printed or compared.
@Test func nestingPastTheRecursionLimitIsAnError() throws {
    let deep = "{% set ns = namespace(a=[], b=[]) %}{% for i in range(2000) %}"
        + "{% set ns.a = [ns.a] %}{% set ns.b = [ns.b] %}{% endfor %}"
    #expect(failure(deep + "{{ ns.a }}") == "RecursionError: maximum recursion depth exceeded while getting the repr of an object")
    #expect(failure(deep + "{{ ns.a == ns.b }}") == "RecursionError: maximum recursion depth exceeded in comparison")
    #expect(try render(deep + "{{ ns.a|length }}") == "1")
}
