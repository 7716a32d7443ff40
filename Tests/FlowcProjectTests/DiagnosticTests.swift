// How diagnostics print: place, severity, message, the line with a caret, the hint.

import Testing
@testable import FlowcProject

@Suite struct DiagnosticTests {
    @Test func fullRendering() {
        let d = Diagnostic.error("'models' must be a list", at: SourceSpan(file: "models/s.yml", line: 2, column: 9),
                                 in: "version: 2\nmodels: {a: 1}\n", hint: "write `- name: a`")
        #expect(d.description == """
            models/s.yml:2:9: error: 'models' must be a list
                models: {a: 1}
                        ^
            hint: write `- name: a`
            """)
    }

    @Test func withoutPlaceOrText() {
        #expect(Diagnostic(.warning, "careful").description == "warning: careful")
        #expect(Diagnostic(.note, "n", span: SourceSpan(file: "a.yml", line: 3, column: 1)).description == "a.yml:3:1: note: n")
    }

    @Test func aLongLineIsShownAroundTheColumn() {
        // a generated line of 1,800 characters: the part around column 901 (c100), caret under it
        let line = (0..<200).map { String(format: "c%03d_pad,", $0) }.joined()
        for ascii in [false, true] {
            var d = Diagnostic(.error, "column 'c100_pad' does not exist", span: SourceSpan(file: "m.sql", line: 1, column: 901))
            if ascii { d.setSourceLine(ascii: line) } else { d.sourceLine = line }
            let shown = d.description.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(shown.count == 3)
            let text = shown[1], caret = shown[2]
            #expect(text.hasPrefix("    …") && text.hasSuffix("…"), "\(text)")
            #expect(text.count == 4 + Diagnostic.longestShownLine + 2)
            let under = text.index(text.startIndex, offsetBy: caret.count - 1)
            #expect(caret.last == "^")
            #expect(text[under...].hasPrefix("c100_pad,"), "\(text[under...].prefix(12))")
        }
        // near the start: no leading "…", caret at the column itself
        var start = Diagnostic(.error, "x", span: SourceSpan(file: "m.sql", line: 1, column: 3))
        start.sourceLine = line
        #expect(start.description.split(separator: "\n")[1].hasPrefix("    c000_pad,"))
        #expect(start.description.split(separator: "\n")[2] == "      ^")
        // short lines are kept whole
        var short = Diagnostic(.error, "x", span: SourceSpan(file: "m.sql", line: 1, column: 2))
        short.setSourceLine(ascii: "select 1")
        #expect(short.sourceLine == "select 1")
    }

    @Test func lineLookup() {
        #expect(lineText("a\nb\r\nc", 2) == "b")
        #expect(lineText("a\nb\r\nc", 3) == "c")
        #expect(lineText("a\n", 3) == nil)
        #expect(lineText("", 1) == "")
        #expect(lineText("x", 0) == nil)
    }
}
