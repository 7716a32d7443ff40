// The text of each macro definition in a macro file, `{% macro name(...) %}` through its
// `{% endmacro %}` (also `{% test %}` and `{% materialization %}` blocks), as dbt writes it in
// the manifest's `macro_sql`. State comparison compares these bodies, so a change to one macro
// of a file does not mark the users of its neighbours modified.
//
// A scan of the tags only (the file already parsed as a template); nested definitions stay
// inside their outer macro's text. As dbt's block lexer reads it, a `{%-` opening tag takes
// the whitespace before it with it, and a `-%}` closing tag the whitespace after it.

import Foundation

enum MacroSource {
    /// `{% materialization name, adapter='postgres', supported_languages=['sql'] %}`'s macro
    /// name and languages, from the text after the tag's keyword.
    static func materialization(_ tag: String) -> (name: String, languages: [String]) {
        let parts = tag.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let declared = parts.first ?? ""
        let rest = parts.count > 1 ? parts[1] : ""
        let adapter = rest.firstMatch(of: #/adapter\s*=\s*['"]([^'"]*)['"]/#).map { String($0.1) } ?? "default"
        let languages = rest.firstMatch(of: #/supported_languages\s*=\s*\[([^\]]*)\]/#).map { m in
            m.1.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '\"")) }.filter { !$0.isEmpty }
        } ?? ["sql"]
        return ("materialization_\(declared)_\(adapter)", languages)
    }

    /// Macro name → source text (`texts`). Test blocks are keyed `test_<name>`, as the template
    /// names them; materialization blocks `materialization_<name>_<adapter or default>`, with
    /// their `supported_languages` (dbt's default: `['sql']`) in `languages`.
    static func scan(_ text: String) -> (texts: [String: String], languages: [String: [String]]) {
        // dbt reads a macro file stripped of its leading and trailing whitespace
        var b = Array(text.utf8)
        while let last = b.last, isSpace(last) { b.removeLast() }
        if let first = b.firstIndex(where: { !isSpace($0) }), first > 0 { b.removeFirst(first) }
        var out: [String: String] = [:]
        var languages: [String: [String]] = [:]
        var open: [(name: String, kind: String, start: Int)] = []
        var consumed = 0  // where the last definition (with its trailing whitespace) ended
        var i = 0
        while i + 1 < b.count {
            guard b[i] == UInt8(ascii: "{"), b[i + 1] == UInt8(ascii: "%") else { i += 1; continue }
            var start = i
            var j = i + 2
            let trimsBefore = j < b.count && b[j] == UInt8(ascii: "-")
            if j < b.count, b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: "+") { j += 1 }
            while j < b.count, b[j] == 0x20 || b[j] == 0x09 || b[j] == 0x0A || b[j] == 0x0D { j += 1 }
            let wordStart = j
            while j < b.count, isWord(b[j]) { j += 1 }
            let word = String(decoding: b[wordStart..<j], as: UTF8.self)
            // the tag ends at the next "%}"
            var end = j
            while end + 1 < b.count, !(b[end] == UInt8(ascii: "%") && b[end + 1] == UInt8(ascii: "}")) { end += 1 }
            let tagEnd = min(end + 2, b.count)
            switch word {
            case "macro", "test", "materialization":
                if open.isEmpty && trimsBefore {
                    while start > consumed, isSpace(b[start - 1]) { start -= 1 }
                }
                while j < b.count, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
                let nameStart = j
                while j < b.count, isWord(b[j]) { j += 1 }
                var name = String(decoding: b[nameStart..<j], as: UTF8.self)
                if word == "test" { name = "test_" + name }
                if word == "materialization" {
                    let tag = String(decoding: b[nameStart..<max(nameStart, end)], as: UTF8.self)
                        .trimmingCharacters(in: CharacterSet(charactersIn: " \t\n\r-"))
                    let found = materialization(tag)
                    name = found.name
                    if open.isEmpty { languages[name] = found.languages }
                }
                open.append((name, word, start))
            case "endmacro", "endtest", "endmaterialization":
                if let last = open.popLast(), open.isEmpty {
                    var stop = tagEnd
                    if end > 0, b[end - 1] == UInt8(ascii: "-") {
                        while stop < b.count, isSpace(b[stop]) { stop += 1 }
                    }
                    out[last.name] = String(decoding: b[last.start..<stop], as: UTF8.self)
                    consumed = stop
                }
            default:
                break
            }
            i = tagEnd
        }
        return (out, languages)
    }

    /// Python's `\s`, as far as ASCII goes.
    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    private static func isWord(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }
}
