// modules.datetime keeps Python's ranges: dates in years 1...9999, timedeltas within
// ±999,999,999 days. Past them a template gets Python's error, not a year 10000 printed as if
// valid or a trap converting a Double to Int (found by fuzzing: `timedelta(days=999999999)`
// and `datetime.fromtimestamp(1e15)` crashed). Expected texts are Python 3.11's.
import Foundation
import Testing

/// What `{{ expr }}` compiles to, or "error: " and the message.
private func outcome(_ expr: String) -> String {
    do {
        let p = try TestProject([
            "dbt_project.yml": minimalProjectFile,
            "profiles.yml": sqliteProfile,
            "models/m.sql": "{{ \(expr) }}",
        ])
        defer { p.remove() }
        return try p.compile()["m"] ?? ""
    } catch {
        // "models/m.sql:1:30: error: <message>" and the caret snippet below it
        let first = "\(error)".split(separator: "\n").first.map(String.init) ?? ""
        return "error: " + (first.range(of: "error: ").map { String(first[$0.upperBound...]) } ?? first)
    }
}

private func expand(_ expr: String) -> String {
    expr.replacingOccurrences(of: "DT.", with: "modules.datetime.")
        .replacingOccurrences(of: "TD(", with: "modules.datetime.timedelta(")
}

@Test(arguments: [
    // timedelta's own range
    ("TD(days=999999999)", "999999999 days, 0:00:00"),
    ("TD(days=-1, microseconds=-1)", "-2 days, 23:59:59.999999"),
    ("TD(microseconds=1.5)", "0:00:00.000002"),
    ("TD(days=1000000000)", "error: days=1000000000; must have magnitude <= 999999999"),
    ("TD(days=999999999) + TD(days=1)", "error: days=1000000000; must have magnitude <= 999999999"),
    ("TD(days=-999999999) - TD(days=1)", "error: days=-1000000000; must have magnitude <= 999999999"),
    ("TD(days=1e18)", "error: Python int too large to convert to C int"),
    ("TD(seconds=10**20)", "error: Python int too large to convert to C int"),
    ("TD(days='nan'|float)", "error: cannot convert float NaN to integer"),
    // timestamps
    ("DT.datetime.fromtimestamp(1700000000.25)", "2023-11-14 22:13:20.250000"),
    ("DT.datetime.fromtimestamp(1e15)", "error: year 31690708 is out of range"),
    ("DT.datetime.fromtimestamp(1700000000000)", "error: year 55840 is out of range"),
    ("DT.datetime.fromtimestamp(-62135596801)", "error: year 0 is out of range"),
    ("DT.datetime.fromtimestamp(-1e20)", "error: timestamp out of range for platform time_t"),
    ("DT.datetime.fromtimestamp('nan'|float)", "error: Invalid value NaN (not a number)"),
    // arithmetic that leaves years 1...9999
    ("DT.date(9999, 12, 31) + TD(days=1)", "error: date value out of range"),
    ("DT.date(1, 1, 1) - TD(days=1)", "error: date value out of range"),
    ("DT.date(1, 1, 1) - TD(hours=1)", "0001-01-01"),  // a date moves by whole days only
    ("DT.datetime(9999, 12, 31, 23) + TD(hours=1)", "error: date value out of range"),
    ("DT.datetime(2024, 1, 1) + TD(days=999999999)", "error: date value out of range"),
    ("TD(days=999999999) + DT.datetime(2020, 1, 1)", "error: date value out of range"),
    ("DT.datetime(9999, 12, 31, 23, 59, 59, 999999) + TD(microseconds=0)", "9999-12-31 23:59:59.999999"),
])
func datetimeRangesAreEnforcedAsPythonDoes(_ expr: String, _ expected: String) {
    #expect(outcome(expand(expr)) == expected, "\(expr)")
}
