// Maps a place in a node's compiled SQL back to its template file, so a static-check finding
// points at the line the user wrote. Jinja changes the text, so the mapping is by content:
// the k-th occurrence of the offending name in the compiled SQL is the k-th occurrence in the
// template outside Jinja tags, when both have the same number; otherwise the occurrence on a
// line that reads the same. When the name only exists after rendering (a macro wrote it), the
// finding points at the compiled file instead.

import FlowcGraph
import FlowcLineage
import FlowcProject
import FlowcSQLParser

/// One per node. What every finding's mapping needs (the texts' bytes, where the inlined
/// ephemeral models are, the template's Jinja mask, each word's occurrences, lines) is computed
/// on the node's first finding and kept, since a model can have thousands of findings and
/// recomputing per finding was quadratic in the SQL's size.
final class TemplateSpanMapper {
    let raw: String
    let compiled: CompiledNode
    let rawFile: String
    private var prepared: Prepared?
    private var compiledWords: WordOccurrences?
    private var rawWords: WordOccurrences?
    private var compiledLines: [Int: String] = [:]
    private var rawLines: [Int: String] = [:]

    private struct Prepared {
        let compiledBytes: [UInt8]
        let injected: [Range<Int>]
        let rawBytes: [UInt8]
        let mask: [Bool]
        let rawText: SQLSourceText
    }

    init(raw: String, compiled: CompiledNode, rawFile: String) {
        self.raw = raw
        self.compiled = compiled
        self.rawFile = rawFile
    }

    private func prepare() -> Prepared {
        if let prepared { return prepared }
        let bytes = Array(compiled.sql.utf8)
        let injected = compiled.extraCTEs.compactMap { cte -> Range<Int>? in
            let needle = Array(cte.sql.utf8)
            guard let start = Self.find(needle, in: bytes) else { return nil }
            return start..<(start + needle.count)
        }
        let rawBytes = Array(raw.utf8)
        let made = Prepared(compiledBytes: bytes, injected: injected, rawBytes: rawBytes, mask: Self.jinjaMask(rawBytes),
                            rawText: SQLSourceText(raw))
        prepared = made
        return made
    }

    /// A diagnostic for a finding, or nil when it lies in an inlined ephemeral model (that
    /// model's own analysis reports it).
    func diagnostic(_ severity: Diagnostic.Severity, _ finding: LineageDiagnostic, text: SQLSourceText) -> Diagnostic? {
        let p = prepare()
        if p.injected.contains(where: { $0.contains(finding.span.start) }) { return nil }
        let token = text.slice(finding.span)
        if let rawOffset = mapToRaw(token, at: finding.span.start, p, compiledText: text) {
            let loc = p.rawText.location(of: rawOffset)
            return Self.made(Diagnostic(severity, finding.message, span: SourceSpan(file: rawFile, line: loc.line, column: loc.column),
                                        hint: finding.hint), line: rawLine(loc.line, p), ascii: p.rawText.isASCII)
        }
        let loc = text.location(of: finding.span.start)
        return Self.made(Diagnostic(severity, finding.message + " (in SQL written by a macro)",
                                    span: SourceSpan(file: compiled.compiledPath, line: loc.line, column: loc.column),
                                    hint: finding.hint), line: compiledLine(loc.line, text), ascii: text.isASCII)
    }

    private static func made(_ diagnostic: Diagnostic, line: String, ascii: Bool) -> Diagnostic {
        var d = diagnostic
        if ascii { d.setSourceLine(ascii: line) } else { d.sourceLine = line }
        return d
    }

    private func rawLine(_ line: Int, _ p: Prepared) -> String {
        if let known = rawLines[line] { return known }
        let text = p.rawText.line(line)
        rawLines[line] = text
        return text
    }

    private func compiledLine(_ line: Int, _ text: SQLSourceText) -> String {
        if let known = compiledLines[line] { return known }
        let made = text.line(line)
        compiledLines[line] = made
        return made
    }

    private var trimmedLines: [Int: String] = [:]

    /// A line without its leading and trailing blanks; compiled lines are keyed negative.
    private func trimmed(_ line: Int, compiled: Bool, _ text: (Int) -> String) -> String {
        let key = compiled ? -line : line
        if let known = trimmedLines[key] { return known }
        let made = text(line).trimmingSpaces()
        trimmedLines[key] = made
        return made
    }

    private func mapToRaw(_ token: String, at offset: Int, _ p: Prepared, compiledText: SQLSourceText) -> Int? {
        // Map by the first word of the finding (a column name, or the first word of a branch).
        let word = Array(token.utf8.prefix { Self.isWordByte($0) || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: ".") })
        guard !word.isEmpty else { return nil }
        if compiledWords == nil {
            compiledWords = WordOccurrences(p.compiledBytes) { i in p.injected.contains { $0.contains(i) } }
        }
        guard let inCompiled = compiledWords?.of(word), let k = Self.index(of: offset, in: inCompiled) else { return nil }
        if rawWords == nil { rawWords = WordOccurrences(p.rawBytes) { p.mask[$0] } }
        let inRaw = rawWords?.of(word) ?? []
        if inRaw.isEmpty { return nil }
        if inRaw.count == inCompiled.count { return inRaw[k] }
        // Counts differ (a loop or macro repeated it): prefer a line that reads the same.
        let line = trimmed(compiledText.location(of: offset).line, compiled: true) { compiledLine($0, compiledText) }
        if let same = inRaw.first(where: { trimmed(p.rawText.location(of: $0).line, compiled: false) { rawLine($0, p) } == line }) {
            return same
        }
        return inRaw[min(k, inRaw.count - 1)]
    }

    /// Where `value` is in the ascending `sorted`, by bisection.
    static func index(of value: Int, in sorted: [Int]) -> Int? {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == value ? lo : nil
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F || b >= 0x80
    }

    /// Start offsets of `word` as a whole word (ASCII case-insensitive), skipping masked ones.
    static func occurrences(of word: [UInt8], in bytes: [UInt8], skip: (Int) -> Bool) -> [Int] {
        var out: [Int] = []
        guard word.count <= bytes.count else { return out }
        var i = 0
        while i + word.count <= bytes.count {
            var match = true
            for j in 0..<word.count where bytes[i + j] | 0x20 != word[j] | 0x20 {
                match = false
                break
            }
            if match,
               i == 0 || !isWordByte(bytes[i - 1]),
               i + word.count == bytes.count || !isWordByte(bytes[i + word.count]),
               !skip(i) {
                out.append(i)
                i += word.count
            } else {
                i += 1
            }
        }
        return out
    }

    /// True for bytes inside `{{ }}`, `{% %}` and `{# #}`.
    static func jinjaMask(_ bytes: [UInt8]) -> [Bool] {
        var mask = [Bool](repeating: false, count: bytes.count)
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "{"),
                  let close: UInt8 = [UInt8(ascii: "{"): UInt8(ascii: "}"), UInt8(ascii: "%"): UInt8(ascii: "%"),
                                      UInt8(ascii: "#"): UInt8(ascii: "#")][bytes[i + 1]] else {
                i += 1
                continue
            }
            var j = i + 2
            while j + 1 < bytes.count && !(bytes[j] == close && bytes[j + 1] == UInt8(ascii: "}")) { j += 1 }
            let end = min(bytes.count, j + 2)
            for k in i..<end { mask[k] = true }
            i = end
        }
        return mask
    }

    static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard !needle.isEmpty, needle.count <= hay.count else { return nil }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}

/// Where each word occurs in a text (as `TemplateSpanMapper.occurrences` finds it). The first
/// few words are looked for by scanning; past that the text's words are indexed in one pass, as
/// a model with thousands of findings asks for thousands of words.
struct WordOccurrences {
    let bytes: [UInt8]
    let skip: (Int) -> Bool
    private var cache: [[UInt8]: [Int]] = [:]
    private var index: [[UInt8]: [Int]]?
    private var scans = 0

    init(_ bytes: [UInt8], skip: @escaping (Int) -> Bool) {
        self.bytes = bytes
        self.skip = skip
    }

    mutating func of(_ word: [UInt8]) -> [Int] {
        let key = word.map { $0 | 0x20 }
        if let known = cache[key] { return known }
        // a plain word (no quote or dot) is one of the text's maximal word runs
        if word.allSatisfy(TemplateSpanMapper.isWordByte) {
            if index == nil && scans >= 4 { index = indexWords() }
            if let index { return index[key] ?? [] }
        }
        scans += 1
        let found = TemplateSpanMapper.occurrences(of: word, in: bytes, skip: skip)
        cache[key] = found
        return found
    }

    private func indexWords() -> [[UInt8]: [Int]] {
        var out: [[UInt8]: [Int]] = [:]
        var i = 0
        while i < bytes.count {
            guard TemplateSpanMapper.isWordByte(bytes[i]) else {
                i += 1
                continue
            }
            var j = i
            while j < bytes.count && TemplateSpanMapper.isWordByte(bytes[j]) { j += 1 }
            if !skip(i) { out[bytes[i..<j].map { $0 | 0x20 }, default: []].append(i) }
            i = j
        }
        return out
    }
}
