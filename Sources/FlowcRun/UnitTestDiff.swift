// The table a failing unit test prints, as dbt 1.11 prints it: dbt sorts both sides (NULLs last),
// compares them with the `daff` library (1.4.2, `ordered = false`) and renders the highlighter
// table with `TerminalDiffRender` (colours stripped here, as with `--no-use-colors`).
//
// This is a reimplementation of the observable behaviour, checked against the reference renderer
// docs/research/dbt-unit-tests/tools/daff_render.py on hand-written and randomly generated tables.
// The steps, each a small function below:
//  1. Pairing rows (`pairRows`): which expected row and actual row make one `→` (modified) row.
//     Both tables keep their header as row 0. daff picks up to five candidate key columns: all
//     columns when there are at most five, else the five with the most distinct values (distinct
//     in expected plus distinct in actual, header included; ties to the leftmost), most distinct
//     first. It walks the non-empty subsets of the candidates in binary order ({k0}, {k1},
//     {k0,k1}, {k2}, ...) and stops as soon as every expected row is paired. For a subset, a row's
//     key is its values on those columns joined by " // " (NULL, "", "null" and "undefined" add no
//     text; the header's key starts with "_"). An expected row pairs with an actual row when their
//     key occurs exactly once on each side and is not "", unless that actual row is already
//     paired. A subset is skipped when its most frequent key occurs at least (rows + 20) / 10 times
//     (rows: the taller side, header included), except the last subset when none was used yet.
//     So a row pairs by the first candidate column (usually the first column) when that value is
//     unique on both sides, else by the first combination of candidate columns that is unique; the
//     pair is "modified" however many columns differ, even the key-ish first column ({"1","a"} vs
//     {"2","a"} is `1→2`), as long as some subset matches uniquely. If the walk ran through every
//     subset, rows still unpaired (duplicates) pair with the row next to an already paired pair
//     when their keys on all candidate columns are equal (a walk down then up, from the expected
//     side then from the actual side); this is how duplicate rows pair up one for one.
//  2. Row order (`orderRows`): actual rows in order (paired or `+++`), each `---` expected row
//     placed just before the first paired row whose expected row comes after it, else at the end.
//  3. What is shown: changed rows (`→` modified, `+++` only in actual, `---` only in expected) and
//     one unchanged row either side; an unchanged row two rows away from a change becomes a `...`
//     line, and further rows are dropped (consecutive `...` lines merge). Columns shown are the
//     candidate columns of the subsets daff walked (so at least the first candidate: the first
//     column, plus its neighbour as context, with at most five columns), the columns with a
//     changed cell, and one neighbour either side of those; a run of hidden columns becomes one
//     `...` column. Any `+++` row shows every column (a `---` row does not).
//  4. Cell text: unchanged cells as CSV (NULL is `NULL`; quoted when they hold `,` `"` tab or a
//     line break, or start or end with a space); changed cells `expected→actual` (NULL is `NULL`,
//     a value that reads NULL after leading underscores gets one more `_`; when the two differ only
//     in spaces, the extra spaces of one side are shown as `␣`); `+++`/`---` rows spell NULL as
//     `null`. Cells that daff colours (header, `+++`, `---`, changed cells) are not quoted for
//     leading or trailing spaces, but column widths are measured on the uncoloured text, quotes
//     included, which is why such rows can be off by the quote characters.
//  5. Layout (`layout`): a column is as wide as its widest cell, ignoring cells longer than
//     mean + 2 standard deviations of the column's lengths, but never narrower than its header. When
//     the widths add up to more than 130 (with one per separator) nothing is padded. Padding goes
//     before the `,` separator and absorbs earlier overflow; lines end with "\r\n", the last too.
//
// Left out on purpose (simpler than daff, and only reachable with odd data): daff compares cells
// as Python `str()`, so NULL and the text 'None' are equal to it; here they differ, and 'None' is
// printed as given. Column names containing `+++` or `---` change daff's colouring; ignored here.
// Lengths are counted in Unicode scalars, as Python counts them, not in terminal columns.

import FlowcProject

/// The text of the table printed when a unit test's actual rows differ from its expected rows.
enum UnitTestDiff {
    /// rows are cell strings as read from the warehouse (nil = SQL NULL); returns nil when the two
    /// multisets of rows are equal (row order never matters, duplicates count), else the table text
    static func render(header: [String], expected: [[String?]], actual: [[String?]]) -> String? {
        let width = header.count
        let expectedRows = sortRows(expected.map { fit($0, width: width) })
        let actualRows = sortRows(actual.map { fit($0, width: width) })
        if sameRows(expectedRows, actualRows) { return nil }
        // daff sees each side as a table whose row 0 is the header; every index below counts it.
        let headerRow: [String?] = header.map { $0 }
        let a = [headerRow] + expectedRows
        let b = [headerRow] + actualRows
        let pairing = pairRows(a: a, b: b, width: width)
        let units = orderRows(pairing)
        let lines = buildLines(a: a, b: b, width: width, units: units, keyColumns: pairing.keyColumns)
        return layout(lines)
    }

    // MARK: - Rows as dbt hands them to daff

    /// A row cut or padded to the header's width: a missing cell is NULL, an extra one is ignored
    /// (daff reads a table's width from its header row).
    static func fit(_ row: [String?], width: Int) -> [String?] {
        (0..<width).map { cell(row, $0) }
    }

    /// A cell, or NULL when the row is too short: never traps on ragged rows.
    static func cell(_ row: [String?], _ column: Int) -> String? {
        row.indices.contains(column) ? row[column] : nil
    }

    /// dbt sorts each side by `[(v is None, v) for v in row]`: NULLs last, text by code point.
    static func sortRows(_ rows: [[String?]]) -> [[String?]] {
        rows.sorted { rowPrecedes($0, $1) }
    }

    static func rowPrecedes(_ x: [String?], _ y: [String?]) -> Bool {
        for (u, v) in zip(x, y) {
            switch (u, v) {
            case (nil, nil): continue
            case (nil, _): return false
            case (_, nil): return true
            case let (s?, t?):
                if same(s, t) { continue }
                // UTF-8 byte order is code-point order, which is how Python compares str.
                return utf8Precedes(s, t)
            }
        }
        return x.count < y.count
    }

    /// Exact text equality: Swift's `==` on String treats canonically equivalent text as equal,
    /// Python (and so dbt) does not.
    static func same(_ s: String, _ t: String) -> Bool {
        s.utf8.elementsEqual(t.utf8)
    }

    static func sameCell(_ u: String?, _ v: String?) -> Bool {
        switch (u, v) {
        case (nil, nil): return true
        case let (s?, t?): return same(s, t)
        default: return false
        }
    }

    static func sameRows(_ x: [[String?]], _ y: [[String?]]) -> Bool {
        x.count == y.count && zip(x, y).allSatisfy { r, s in zip(r, s).allSatisfy { sameCell($0, $1) } }
    }

    // MARK: - 1. Pairing expected rows with actual rows

    struct Pairing {
        /// For each expected row (0 = header), the actual row it pairs with.
        var aToB: [Int?]
        /// For each actual row (0 = header), the expected row it pairs with.
        var bToA: [Int?]
        /// Columns daff used as keys, in the order it first used them; they are always displayed.
        var keyColumns: [Int] = []

        init(aCount: Int, bCount: Int) {
            aToB = Array(repeating: nil, count: aCount)
            bToA = Array(repeating: nil, count: bCount)
        }

        mutating func link(_ a: Int, _ b: Int) {
            if aToB.indices.contains(a) { aToB[a] = b }
            if bToA.indices.contains(b) { bToA[b] = a }
        }
    }

    /// Keys are compared as bytes (see `same`).
    typealias Key = [UInt8]

    static func pairRows(a: [[String?]], b: [[String?]], width: Int) -> Pairing {
        var pairing = Pairing(aCount: a.count, bCount: b.count)
        let candidates = candidateColumns(a: a, b: b, width: width)
        let fullKeys = pairByUniqueKeys(a: a, b: b, candidates: candidates, pairing: &pairing)
        if let fullKeys {
            pairNeighbours(a: a, b: b, columns: fullKeys.columns, pending: fullKeys.pending, pairing: &pairing)
        }
        // The headers always pair.
        if !a.isEmpty && !b.isEmpty { pairing.link(0, 0) }
        return pairing
    }

    /// Up to five columns to key on: all of them when there are five or fewer, else the five with
    /// the most distinct values (distinct in expected plus distinct in actual, header included),
    /// ties to the leftmost, listed most distinct first.
    static func candidateColumns(a: [[String?]], b: [[String?]], width: Int) -> [Int] {
        let limit = 5
        guard width > limit else { return Array(0..<width) }
        func distinct(_ rows: [[String?]], _ column: Int) -> Int {
            Set(rows.map { Key((cell($0, column) ?? "").utf8) }).count
        }
        let scored = (0..<width).map { (column: $0, score: distinct(a, $0) + distinct(b, $0)) }
        let ranked = scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.column < $1.column }
        return ranked.prefix(limit).map(\.column)
    }

    /// The key of row `index` on `columns`, spelled as daff spells it: header rows start with "_",
    /// values are joined by " // ", and NULL, "", "null", "undefined" contribute no text.
    static func rowKey(_ rows: [[String?]], _ index: Int, columns: [Int]) -> Key {
        var key: Key = index == 0 ? Array("_".utf8) : []
        let row = rows.indices.contains(index) ? rows[index] : []
        for (position, column) in columns.enumerated() {
            if position > 0 { key += Array(" // ".utf8) }
            let text = cell(row, column) ?? ""
            if text.isEmpty || same(text, "null") || same(text, "undefined") { continue }
            key += Array(text.utf8)
        }
        return key
    }

    static func counts(_ keys: [Key]) -> [Key: Int] {
        keys.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// State left for the neighbour pass: the key columns of the last subset (all candidates), and
    /// daff's counts of unpaired rows. They only decide when a walk may stop early, and daff keeps
    /// them loosely: each side's count drops for pairs found by keys and by that side's own walk,
    /// not by the other side's walk. Kept the same way so the walks stop where daff's stop.
    struct NeighbourInput {
        var columns: [Int]
        var pending: (a: Int, b: Int)
    }

    /// Walks the subsets of the candidate columns, pairing rows whose key is unique on both sides.
    /// Returns nil when the walk stopped early because every expected row was paired (daff then
    /// skips the neighbour pass).
    static func pairByUniqueKeys(a: [[String?]], b: [[String?]], candidates: [Int],
                                 pairing: inout Pairing) -> NeighbourInput? {
        guard !candidates.isEmpty else { return nil }
        let last = (1 << candidates.count) - 1
        var pendingA = a.count
        var pendingB = b.count
        var usedSubsets = 0
        var result: NeighbourInput?
        let height = max(a.count, b.count, 1)
        for subset in 1...last {
            if pendingA == 0 { break }
            let columns = candidates.indices.filter { subset >> $0 & 1 == 1 }.map { candidates[$0] }
            for column in columns where !pairing.keyColumns.contains(column) {
                pairing.keyColumns.append(column)
            }
            let keysA = a.indices.map { rowKey(a, $0, columns: columns) }
            let keysB = b.indices.map { rowKey(b, $0, columns: columns) }
            let countsA = counts(keysA)
            let countsB = counts(keysB)
            if subset == last { result = NeighbourInput(columns: columns, pending: (0, 0)) }
            // A key shared by many rows makes a poor index: daff skips it (ratio >= 0.1).
            let topFrequency = max(countsA.values.max() ?? 0, countsB.values.max() ?? 0)
            if 10 * topFrequency >= height + 20 && (usedSubsets > 0 || subset < last) { continue }
            usedSubsets += 1
            var rowOfKeyB: [Key: Int] = [:]
            for (index, key) in keysB.enumerated() where rowOfKeyB[key] == nil { rowOfKeyB[key] = index }
            for (index, key) in keysA.enumerated() where pairing.aToB[index] == nil {
                guard !key.isEmpty, countsA[key] == 1, countsB[key] == 1,
                      let target = rowOfKeyB[key], pairing.bToA[target] == nil else { continue }
                pairing.link(index, target)
                pendingA -= 1
                pendingB -= 1
            }
        }
        result?.pending = (pendingA, pendingB)
        return result
    }

    /// Pairs leftover rows whose full key equals the key of the row right after (walking down) or
    /// right before (walking up) the partner of an already paired neighbour: duplicates pair up in
    /// sorted order. Done from the expected side, then from the actual side, as daff does.
    static func pairNeighbours(a: [[String?]], b: [[String?]], columns: [Int], pending: (a: Int, b: Int),
                               pairing: inout Pairing) {
        let keysA = a.indices.map { rowKey(a, $0, columns: columns) }
        let keysB = b.indices.map { rowKey(b, $0, columns: columns) }
        var left = pending.a
        for step in [1, -1] where left > 0 {
            walk(step: step, from: keysA, to: keysB, partners: { pairing.aToB[$0] },
                 isTaken: { pairing.bToA[$0] != nil }, link: { pairing.link($0, $1) }, left: &left)
        }
        left = pending.b
        for step in [1, -1] where left > 0 {
            walk(step: step, from: keysB, to: keysA, partners: { pairing.bToA[$0] },
                 isTaken: { pairing.aToB[$0] != nil }, link: { pairing.link($1, $0) }, left: &left)
        }
    }

    /// One neighbour walk over the `from` rows in direction `step`; `next` is the `to` row after
    /// the last paired one, and an unpaired row takes it when the keys are equal.
    static func walk(step: Int, from: [Key], to: [Key], partners: (Int) -> Int?, isTaken: (Int) -> Bool,
                     link: (Int, Int) -> Void, left: inout Int) {
        var next: Int? = step < 0 && !to.isEmpty ? to.count - 1 : nil
        let order = step > 0 ? Array(from.indices) : Array(from.indices.reversed())
        for row in order {
            if let partner = partners(row) {
                let candidate = partner + step
                if !to.indices.contains(candidate) { break }
                next = candidate
                continue
            }
            guard let target = next, from[row] == to[target], !isTaken(target) else { continue }
            link(row, target)
            left -= 1
            let candidate = target + step
            if !to.indices.contains(candidate) { break }
            next = candidate
            if left == 0 { break }
        }
    }

    // MARK: - 2. Row order

    /// A displayed row: the expected row `a` and/or the actual row `b` (row 0 is the header).
    struct RowUnit {
        var a: Int?
        var b: Int?
    }

    /// Actual rows in order; each expected-only row goes just before the first paired row whose
    /// expected row comes after it (actual-only rows never pull it forward), else at the end.
    static func orderRows(_ pairing: Pairing) -> [RowUnit] {
        var removed = pairing.aToB.indices.filter { $0 > 0 && pairing.aToB[$0] == nil }[...]
        var units: [RowUnit] = []
        for (b, a) in pairing.bToA.enumerated() {
            while let first = removed.first, let a, a > first {
                units.append(RowUnit(a: first, b: nil))
                removed = removed.dropFirst()
            }
            units.append(RowUnit(a: a, b: b))
        }
        units += removed.map { RowUnit(a: $0, b: nil) }
        return units
    }

    // MARK: - 3 and 4. Which rows and columns are shown, and their cells

    enum RowKind { case header, same, modified, added, removed }

    /// A cell as displayed, and the text daff measures it by (they differ for coloured cells).
    struct Cell {
        var shown: String
        var measured: String

        init(_ text: String) {
            shown = text
            measured = text
        }

        init(shown: String, measured: String) {
            self.shown = shown
            self.measured = measured
        }

        static let gap = Cell("...")
    }

    static func kind(of unit: RowUnit, a: [[String?]], b: [[String?]], width: Int) -> RowKind {
        switch (unit.a, unit.b) {
        case (0, 0): return .header
        case (nil, _): return .added
        case (_, nil): return .removed
        case let (x?, y?):
            let differs = (0..<width).contains { !sameCell(value(a, x, $0), value(b, y, $0)) }
            return differs ? .modified : .same
        }
    }

    static func value(_ rows: [[String?]], _ row: Int, _ column: Int) -> String? {
        rows.indices.contains(row) ? cell(rows[row], column) : nil
    }

    static func buildLines(a: [[String?]], b: [[String?]], width: Int, units: [RowUnit],
                           keyColumns: [Int]) -> [[Cell]] {
        let kinds = units.map { kind(of: $0, a: a, b: b, width: width) }
        let visibleRows = rowVisibility(kinds)
        let visibleColumns = columnVisibility(units: units, kinds: kinds, a: a, b: b, width: width,
                                              keyColumns: keyColumns)
        var lines: [[Cell]] = [headerLine(b: b, width: width)]
        var lastWasGap = false
        for (index, unit) in units.enumerated() {
            let kind = kinds[index]
            if kind == .header { continue }
            switch visibleRows[index] {
            case .hidden: continue
            case .gap:
                if !lastWasGap { lines.append(Array(repeating: .gap, count: width + 1)) }
                lastWasGap = true
            case .shown:
                lines.append(rowLine(unit, kind: kind, a: a, b: b, width: width))
                lastWasGap = false
            }
        }
        return lines.map { elideColumns($0, visible: visibleColumns) }
    }

    enum Visibility { case shown, gap, hidden }

    /// Changed rows and rows next to them are shown; a row two away from a change is a gap.
    /// (The header unit, first in the list, is never printed but counts as a position, as in daff.)
    static func rowVisibility(_ kinds: [RowKind]) -> [Visibility] {
        let isChange = kinds.map { $0 != .same && $0 != .header }
        // Distance to the nearest change, from a sweep down and a sweep up.
        var distance = Array(repeating: Int.max, count: kinds.count)
        var last: Int?
        for index in kinds.indices {
            if isChange[index] { last = index }
            if let last { distance[index] = index - last }
        }
        last = nil
        for index in kinds.indices.reversed() {
            if isChange[index] { last = index }
            if let last { distance[index] = min(distance[index], last - index) }
        }
        return distance.map { $0 <= 1 ? .shown : $0 == 2 ? .gap : .hidden }
    }

    /// Key columns, changed columns (all columns once a row is only in actual) and their neighbours.
    static func columnVisibility(units: [RowUnit], kinds: [RowKind], a: [[String?]], b: [[String?]],
                                 width: Int, keyColumns: [Int]) -> [Bool] {
        if kinds.contains(.added) { return Array(repeating: true, count: width) }
        var active = (0..<width).map { keyColumns.contains($0) }
        for (unit, kind) in zip(units, kinds) where kind == .modified {
            guard let x = unit.a, let y = unit.b else { continue }
            for column in 0..<width where !sameCell(value(a, x, column), value(b, y, column)) {
                active[column] = true
            }
        }
        return (0..<width).map { column in
            (max(0, column - 1)...min(width - 1, column + 1)).contains { active[$0] }
        }
    }

    /// Keeps the action column and the visible columns; each run of hidden columns becomes one
    /// `...` column.
    static func elideColumns(_ line: [Cell], visible: [Bool]) -> [Cell] {
        var result = Array(line.prefix(1))
        var inRun = false
        for (column, isVisible) in visible.enumerated() {
            if isVisible {
                result.append(line.indices.contains(column + 1) ? line[column + 1] : Cell(""))
                inRun = false
            } else if !inRun {
                result.append(.gap)
                inRun = true
            }
        }
        return result
    }

    static func headerLine(b: [[String?]], width: Int) -> [Cell] {
        [Cell("@@")] + (0..<width).map { colouredCell(value(b, 0, $0)) }
    }

    static func rowLine(_ unit: RowUnit, kind: RowKind, a: [[String?]], b: [[String?]], width: Int) -> [Cell] {
        let x = unit.a ?? -1
        let y = unit.b ?? -1
        switch kind {
        case .added:
            return [Cell("+++")] + (0..<width).map { colouredCell(daffSpelling(value(b, y, $0))) }
        case .removed:
            return [Cell("---")] + (0..<width).map { colouredCell(daffSpelling(value(a, x, $0))) }
        case .modified:
            return [Cell("→")] + (0..<width).map { column in
                let old = value(a, x, column)
                let new = value(b, y, column)
                return sameCell(old, new) ? Cell(csv(old)) : changedCell(old, new)
            }
        case .same, .header:
            return [Cell("")] + (0..<width).map { Cell(csv(value(a, x, $0))) }
        }
    }

    /// daff prints a boolean in an added or removed row its own way (`true`), where the other rows
    /// have Python's `True`; the warehouse's booleans arrive here as "True"/"False".
    static func daffSpelling(_ text: String?) -> String? {
        switch text {
        case "True": return "true"
        case "False": return "false"
        default: return text
        }
    }

    /// Cells daff colours (header, `+++`, `---`): NULL prints as `null`; the colour codes around
    /// the text hide leading and trailing spaces from the CSV quoting rule.
    static func colouredCell(_ text: String?) -> Cell {
        Cell(shown: csv(text ?? "null", quoteSpaces: false), measured: csv(text))
    }

    /// `expected→actual`, as daff's flat cell builder and renderer spell it.
    static func changedCell(_ old: String?, _ new: String?) -> Cell {
        let left = markSpaces(nullSpelling(old), against: nullSpelling(new))
        // daff marks the second side against the already marked first one, so at most one side
        // gets marks (the one with the extra spaces, the expected side when both have some).
        let right = markSpaces(nullSpelling(new), against: left)
        let text = left + "→" + right
        return Cell(shown: csv(text, quoteSpaces: false), measured: csv(text))
    }

    /// NULL is `NULL` in a changed cell; a value that would read as NULL gets one more underscore.
    static func nullSpelling(_ text: String?) -> String {
        guard let text else { return "NULL" }
        let rest = String(String.UnicodeScalarView(text.unicodeScalars.drop(while: { $0 == "_" })))
        return same(rest, "NULL") ? "_" + text : text
    }

    /// When `text` and `other` differ only in spaces, the spaces of `text` that `other` lacks are
    /// shown as `␣` (otherwise the change would be invisible).
    static func markSpaces(_ text: String, against other: String) -> String {
        if same(text, other) { return text }
        let mine = Array(text.unicodeScalars)
        let theirs = Array(other.unicodeScalars)
        if mine.filter({ $0 != " " }) != theirs.filter({ $0 != " " }) { return text }
        // Walk both: equal characters pass, the other side's extra spaces are skipped, and any
        // other character of this side (one of its extra spaces) is marked.
        var result = String.UnicodeScalarView()
        var j = 0
        for scalar in mine {
            while theirs.indices.contains(j), theirs[j] != scalar, theirs[j] == " " { j += 1 }
            if theirs.indices.contains(j), theirs[j] == scalar {
                result.append(scalar)
                j += 1
            } else {
                result.append("\u{2423}")
            }
        }
        return String(result)
    }

    /// A cell as daff's CSV writer prints it: NULL is `NULL`; quoted (with `"` doubled) when it
    /// holds `"`, `,`, a tab or a line break, or starts or ends with a space (`quoteSpaces`).
    static func csv(_ text: String?, quoteSpaces: Bool = true) -> String {
        guard let text else { return "NULL" }
        let scalars = text.unicodeScalars
        let special: Set<Unicode.Scalar> = ["\"", "\r", "\n", "\t", ","]
        let spaced = quoteSpaces && (scalars.first == " " || scalars.last == " ")
        guard spaced || scalars.contains(where: { special.contains($0) }) else { return text }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in scalars {
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    // MARK: - 5. Layout

    /// Python's `len`: Unicode scalars.
    static func length(_ text: String) -> Int {
        text.unicodeScalars.count
    }

    /// daff's column widths: the widest cell not longer than mean + 2 standard deviations (rounded),
    /// at least the header's width; nil (no padding at all) when the table would exceed 130.
    static func columnWidths(_ lines: [[Cell]]) -> [Int]? {
        let columnCount = lines.map(\.count).max() ?? 0
        guard columnCount > 0, !lines.isEmpty else { return nil }
        let widths = (0..<columnCount).map { column in
            let lengths = lines.map { $0.indices.contains(column) ? length($0[column].measured) : 0 }
            return columnWidth(lengths)
        }
        return widths.reduce(columnCount - 1, +) > 130 ? nil : widths
    }

    static func columnWidth(_ lengths: [Int]) -> Int {
        guard let headerLength = lengths.first else { return 0 }
        let count = Double(lengths.count)
        let mean = Double(lengths.reduce(0, +)) / count
        let variance = Double(lengths.reduce(0) { $0 + $1 * $1 }) / count - mean * mean
        let deviation = max(variance, 0).squareRoot()
        let most = Int(mean + deviation * 2 + 0.5)
        let widest = lengths.filter { $0 <= most }.max() ?? 0
        return max(widest, headerLength)
    }

    /// Joins cells with `,`, padding before each separator to where the column should start (so a
    /// long cell pushes only until the padding of later columns absorbs it).
    static func layout(_ lines: [[Cell]]) -> String {
        let widths = columnWidths(lines)
        var text = ""
        for line in lines {
            var written = 0
            var target = 0
            for (column, cell) in line.enumerated() {
                if widths != nil {
                    if target > written { text += String(repeating: " ", count: target - written) }
                    written = max(written, target)
                }
                if column > 0 { text += "," }
                text += cell.shown
                written += length(cell.measured)
                if let widths, widths.indices.contains(column) { target += widths[column] }
            }
            text += "\r\n"
        }
        return text
    }
}
