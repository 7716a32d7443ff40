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

    @Test func lineLookup() {
        #expect(lineText("a\nb\r\nc", 2) == "b")
        #expect(lineText("a\nb\r\nc", 3) == "c")
        #expect(lineText("a\n", 3) == nil)
        #expect(lineText("", 1) == "")
        #expect(lineText("x", 0) == nil)
    }
}
