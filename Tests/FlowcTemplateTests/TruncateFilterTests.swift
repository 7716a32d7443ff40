// `truncate` with a length or leeway near Int.max renders as Jinja2 does instead of trapping
// on `length + leeway` (found by fuzzing: `'abc'|truncate(9223372036854775807)` was SIGILL).
import Testing
@testable import FlowcTemplate

@Test func truncateWithHugeLengthOrLeewayKeepsTheText() throws {
    let env = Environment()
    let max = "9223372036854775807"
    #expect(try env.render("{{ 'abc'|truncate(\(max)) }}") == "abc")
    #expect(try env.render("{{ 'abcdefghij'|truncate(3, leeway=\(max)) }}") == "abcdefghij")
    #expect(try env.render("{{ 'abcdefghij'|truncate(\(max), true, '...', \(max)) }}") == "abcdefghij")
    #expect(try env.render("{{ [1, 2, 3]|truncate(\(max), leeway=\(max))|length }}") == "3")
    // lengths that do cut are unchanged
    #expect(try env.render("{{ 'abcdefghij klmn'|truncate(9, true, '...', 0) }}") == "abcdef...")
}
