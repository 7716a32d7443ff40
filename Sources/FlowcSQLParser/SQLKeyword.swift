// The words the parser asks for by name (`acceptWord(.union)`), numbered: the lexer sets a
// word token's keyword from its word table, so asking is comparing a byte, not comparing
// Strings at every token. A word's text is its case name.

enum SQLKeyword: UInt8, CaseIterable, Sendable {
    case notKeyword = 0
    case all, and, any, `as`, asc, asymmetric, between, by, cross, cube, current, desc, distinct, `else`, end
    case escape, except, exclude, `false`, fetch, filter, first, following, `for`, from, full, group, grouping
    case groups, having, `in`, indexed, inner, intersect, join, last, lateral, left, limit, materialized
    case natural, next, no, not, null, nulls, offset, on, only, order, ordinality, others, outer, over
    case partition, placing, preceding, qualify, range, recursive, right, rollup, row, rows, select, sets
    case some, symmetric, then, ties, time, to, `true`, unbounded, union, unknown, using, values, view, when
    case `where`, window, with, within, zone

    /// The word as written in SQL (lower case).
    var text: String { String(describing: self) }

    /// The keyword a lower-case word is, if the parser asks for it by name.
    static let byText: [String: SQLKeyword] = Dictionary(
        uniqueKeysWithValues: allCases.dropFirst().map { ($0.text, $0) })
}
