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

struct TemplateSpanMapper {
    let raw: String
    let compiled: CompiledNode
    let rawFile: String

    /// A diagnostic for a finding, or nil when it lies in an inlined ephemeral model (that
    /// model's own analysis reports it).
    func diagnostic(_ severity: Diagnostic.Severity, _ finding: LineageDiagnostic, text: SQLSourceText) -> Diagnostic? {
        let injected = injectedRanges()
        if injected.contains(where: { $0.contains(finding.span.start) }) { return nil }
        let token = text.slice(finding.span)
        let rawText = SQLSourceText(raw)
        if let rawOffset = mapToRaw(token, at: finding.span.start, injected: injected, compiledText: text) {
            let loc = rawText.location(of: rawOffset)
            return Diagnostic(severity, finding.message, span: SourceSpan(file: rawFile, line: loc.line, column: loc.column),
                              hint: finding.hint, sourceLine: rawText.line(loc.line))
        }
        let loc = text.location(of: finding.span.start)
        return Diagnostic(severity, finding.message + " (in SQL written by a macro)",
                          span: SourceSpan(file: compiled.compiledPath, line: loc.line, column: loc.column),
                          hint: finding.hint, sourceLine: text.line(loc.line))
    }

    private func injectedRanges() -> [Range<Int>] {
        let bytes = Array(compiled.sql.utf8)
        return compiled.extraCTEs.compactMap { cte in
            let needle = Array(cte.sql.utf8)
            guard let start = Self.find(needle, in: bytes) else { return nil }
            return start..<(start + needle.count)
        }
    }

    private func mapToRaw(_ token: String, at offset: Int, injected: [Range<Int>], compiledText: SQLSourceText) -> Int? {
        // Map by the first word of the finding (a column name, or the first word of a branch).
        let word = Array(token.utf8.prefix { Self.isWordByte($0) || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: ".") })
        guard !word.isEmpty else { return nil }
        let compiledBytes = Array(compiled.sql.utf8)
        let inCompiled = Self.occurrences(of: word, in: compiledBytes, skip: { i in injected.contains { $0.contains(i) } })
        guard let k = inCompiled.firstIndex(of: offset) else { return nil }
        let rawBytes = Array(raw.utf8)
        let mask = Self.jinjaMask(rawBytes)
        let inRaw = Self.occurrences(of: word, in: rawBytes, skip: { mask[$0] })
        if inRaw.isEmpty { return nil }
        if inRaw.count == inCompiled.count { return inRaw[k] }
        // Counts differ (a loop or macro repeated it): prefer a line that reads the same.
        let line = compiledText.line(compiledText.location(of: offset).line).trimmingSpaces()
        let rawText = SQLSourceText(raw)
        if let same = inRaw.first(where: { rawText.line(rawText.location(of: $0).line).trimmingSpaces() == line }) {
            return same
        }
        return inRaw[min(k, inRaw.count - 1)]
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
