// modules.itertools builds its results as lists (Python's are lazy), so a result too large to
// build is refused up front with a clear error instead of eating memory, or crashing on a
// huge `repeat` (found by fuzzing); what does fit comes out in Python's order. Expected texts
// are Python 3.11's.
import Foundation
import Testing

/// What `{{ expr }}` compiles to, or "error: " and the message.
private func outcome(_ expr: String) -> String {
    do {
        let p = try TestProject([
            "dbt_project.yml": minimalProjectFile,
            "profiles.yml": sqliteProfile,
            "models/m.sql": "{{ \(expr.replacingOccurrences(of: "I.", with: "modules.itertools.")) }}",
        ])
        defer { p.remove() }
        return try p.compile()["m"] ?? ""
    } catch {
        // "models/m.sql:1:30: error: <message>" and the caret snippet below it
        let first = "\(error)".split(separator: "\n").first.map(String.init) ?? ""
        return "error: " + (first.range(of: "error: ").map { String(first[$0.upperBound...]) } ?? first)
    }
}

private let tooLarge = " result too large (more than 10000000 values)"

@Test(arguments: [
    ("I.product([1], repeat=9223372036854775807)|list", "error: itertools.product()" + tooLarge),
    ("I.product(range(3), range(3), repeat=9223372036854775807)|first", "error: repeat argument too large"),
    ("I.product(range(10), repeat=9)|first", "error: itertools.product()" + tooLarge),
    ("I.combinations(range(60), 8)|first", "error: itertools.combinations()" + tooLarge),
    ("I.permutations(range(12))|first", "error: itertools.permutations()" + tooLarge),
    ("I.product([1], repeat=-1)", "error: repeat argument cannot be negative"),
    ("I.combinations([1], -1)", "error: r must be non-negative"),
    ("I.permutations([1], -1)", "error: r must be non-negative"),
    // empty and edge cases, as Python gives them
    ("I.product([], repeat=9223372036854775807)|list", "[]"),
    ("I.product([1, 2], [], [3])", "[]"),
    ("I.product(repeat=3)", "[()]"),
    ("I.combinations([1, 2], 0)", "[()]"),
    ("I.combinations([1, 2], 5)", "[]"),
    ("I.permutations([1, 2], 3)", "[]"),
    ("I.permutations([], 0)", "[()]"),
    // just inside the limit, and the order of the tuples
    ("I.combinations(range(30), 5)|length", "142506"),
    ("I.product('ab', range(2), repeat=2)|length", "16"),
    ("(I.product('ab', range(2), repeat=2))[:3]", "[('a', 0, 'a', 0), ('a', 0, 'a', 1), ('a', 0, 'b', 0)]"),
    ("I.combinations(range(5), 3)",
     "[(0, 1, 2), (0, 1, 3), (0, 1, 4), (0, 2, 3), (0, 2, 4), (0, 3, 4), (1, 2, 3), (1, 2, 4), (1, 3, 4), (2, 3, 4)]"),
    ("I.permutations(range(4))",
     "[(0, 1, 2, 3), (0, 1, 3, 2), (0, 2, 1, 3), (0, 2, 3, 1), (0, 3, 1, 2), (0, 3, 2, 1), (1, 0, 2, 3), (1, 0, 3, 2), "
     + "(1, 2, 0, 3), (1, 2, 3, 0), (1, 3, 0, 2), (1, 3, 2, 0), (2, 0, 1, 3), (2, 0, 3, 1), (2, 1, 0, 3), (2, 1, 3, 0), "
     + "(2, 3, 0, 1), (2, 3, 1, 0), (3, 0, 1, 2), (3, 0, 2, 1), (3, 1, 0, 2), (3, 1, 2, 0), (3, 2, 0, 1), (3, 2, 1, 0)]"),
])
func itertoolsResultsAreBoundedAndInPythonsOrder(_ expr: String, _ expected: String) {
    #expect(outcome(expr) == expected, "\(expr)")
}
