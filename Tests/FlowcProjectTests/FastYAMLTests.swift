// The fast YAML path must agree exactly (values, types, key order, every place) with the Yams
// path on every document it accepts, and must step aside for everything outside its subset.

import Testing
@testable import FlowcProject

/// The first difference between two values, places included, or nil when identical.
func difference(_ a: YAMLValue?, _ b: YAMLValue?, at path: String = "$") -> String? {
    guard let a, let b else { return (a == nil) == (b == nil) ? nil : "\(path): one side is nil" }
    if a.span != b.span { return "\(path): span \(a.span) vs \(b.span)" }
    switch (a, b) {
    case (.list(let x, _), .list(let y, _)):
        guard x.count == y.count else { return "\(path): \(x.count) items vs \(y.count)" }
        for (k, (p, q)) in zip(x, y).enumerated() {
            if let d = difference(p, q, at: "\(path)[\(k)]") { return d }
        }
        return nil
    case (.map(let x, _), .map(let y, _)):
        guard x.count == y.count else { return "\(path): \(x.map(\.key)) vs \(y.map(\.key))" }
        for (p, q) in zip(x, y) {
            if p.key != q.key { return "\(path): key \(p.key) vs \(q.key)" }
            if p.keySpan != q.keySpan { return "\(path).\(p.key): key span \(p.keySpan) vs \(q.keySpan)" }
            if let d = difference(p.value, q.value, at: "\(path).\(p.key)") { return d }
        }
        return nil
    default:
        if case .double(let x, _) = a, case .double(let y, _) = b, x.isNaN && y.isNaN { return nil }
        return a.sameValue(as: b) ? nil : "\(path): \(a) (\(a.kindName)) vs \(b) (\(b.kindName))"
    }
}

@Suite struct FastYAMLTests {
    /// Documents the fast path must accept, and read exactly as the Yams path does.
    static let accepted: [String] = [
        "a: 1\n",
        "a: 1",
        "# only\na: 1 # trailing\n\n\nb: two words  \n",
        "a:\nb: ~\nc: null\nd: ''\ne: \"\"\n",
        "top:\n  nested:\n    deeper: x\n  back: y\nout: z\n",
        "list:\n  - a\n  - 'b'\n  - \"c\"\n  -\n  - 5\n",
        "list:\n- a\n- b\nnext: 1\n",
        "models:\n  - name: orders\n    description: \"x\"\n    columns:\n      - name: id\n        data_tests: [unique, not_null]\n  - name: b\n",
        "models:\n- name: orders\n  config:\n    materialized: table\n- name: x\n",
        "- a\n- b: 1\n  c: 2\n-\n  d: 3\n-   e: 4\n    f: 5\n",
        "flow: [a, 'b', \"c\", 1, 2.5, true, ~, [x, y], {k: v, k2: [1]}]\nempty: []\nem: {}\n",
        "m: {a: 1, b: 'two', \"c\": [3]}\n",
        "q1: 'it''s'\nq2: \"tab\\there \\\"q\\\" \\\\ \\u00e9 \\x41 \\/\"\nq3: 'a # not a comment'\n",
        "url: http://example.com/a#b\nneg: -5\ncolon: a:b\nopt: ?x\nweird: -x-\n",
        "jinja: \"{{ env_var('X', 'y') }}\"\nsql: \"select * from {{ ref('a') }}\"\n",
        "text: |\n  line one\n  line two\n\n  after blank\nnext: 1\n",
        "strip: |-\n  a\n  b\n\n\nkeep: |+\n  a\n\n\nclip: |\n  x\n\n",
        "fold: >\n  one\n  two\n\n  three\nfs: >-\n  a\n  b\n",
        "text: |\n    indented\n      more\n    back\n",
        "- |\n  in a list\n- >\n  folded\n  in list\n",
        "a: |\n  # not a comment\n  x\n# a comment\nb: 1\n",
        "unicode: \"héllo → wörld\"\nkéy: välue\n'ü': [ä, ö]\n",
        "bools: [yes, No, on, OFF, True, false]\nnums: [0x1F, 017, 1_000, 1.5, .5, 1e3, .inf, -.inf, .nan, -0, +7]\nsexagesimal: 190:20:30\n",
        "date: 2018-01-01\nversion: 1.0\nstr: 1.0.0\n",
        "key with spaces: v\n\"quoted key\": v2\n'single': v3\n",
        "a:\n  # comment inside\n  b: 1\n\n  # another\n  c: 2\n",
        "seq:\n  - [a, b]\n  - {x: 1}\n  - 'q'\n",
        "  indented: root\n  second: 2\n",
        "a: x   # comment after spaces\n",
        "---\na: 1\n",
        "a: \"\"\nb: ''\n",
        "deep:\n  - name: x\n    tests:\n      - accepted_values:\n          values: ['a', 'b']\n          config:\n            severity: warn\n",
    ]

    /// Documents outside the subset: the fast path must give up (the Yams path reads them).
    static let refused: [String] = [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "<<: {a: 1}\n",
        "a: 1\na: 2\n",
        "a: multi\n  line plain\n",
        "a: 'multi\n  line'\n",
        "a: [1,\n  2]\n",
        "a:\tb\n",
        "a: 1\r\nb: 2\r\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "---\n",
        "a: [x:y]\n",
        "a: b: c\n",
        "? complex\n: v\n",
        "- - nested\n",
        "just a scalar\n",
        "[1, 2]\n",
        "a: |2\n   x\n",
        "a: >\n  x\n    more indented\n  y\n",
        "a: [b, ]\n",
        "a: {b}\n",
        "a: \"\\q\"\n",
        "a: 1\n b: 2\n",
        "a: {{ x }}\n",
        "a: |\n  x",
        "\u{FEFF}a: 1\n",
        "a: \"x\"#c\n",
        "a:\n  b: 1\n c: 2\n",
    ]

    @Test(arguments: accepted)
    func acceptedDocumentsMatchTheYamsPath(_ text: String) throws {
        let fast = try #require(FastYAML.parse(text, file: "f.yml"), "fast path refused:\n\(text)")
        let slow = YAMLReader.parseWithYams(text, file: "f.yml")
        #expect(slow.diagnostics.isEmpty, "\(slow.diagnostics)")
        #expect(difference(fast, slow.value) == nil, "\(difference(fast, slow.value) ?? "")\n\(text)")
    }

    @Test(arguments: refused)
    func documentsOutsideTheSubsetAreLeftToYams(_ text: String) {
        #expect(FastYAML.parse(text, file: "f.yml") == nil, "fast path accepted:\n\(text)")
    }

    @Test func emptyDocuments() {
        for text in ["", "\n\n", "# c\n", "   \n# c"] {
            let fast = FastYAML.parse(text, file: "f.yml")
            #expect(fast != nil && fast! == nil)
            #expect(YAMLReader.parseWithYams(text, file: "f.yml").value == nil)
        }
    }

    /// A larger realistic properties file, generated: the paths must agree on it too.
    @Test func generatedPropertiesFileMatches() throws {
        var text = "version: 2\n\nmodels:\n"
        for i in 0..<200 {
            text += """
              - name: model_\(i)
                description: "Model number \(i) with {{ doc('x') }} and: colon"
                config:
                  materialized: \(i % 3 == 0 ? "table" : "view")
                  tags: ['t\(i % 5)', "u"]
                columns:
                  - name: id
                    description: Identifier   # trailing comment
                    data_tests:
                      - unique
                      - not_null
                      - relationships:
                          to: ref('model_\(max(0, i - 1))')
                          field: id
                  - name: amount
                    data_tests:
                      - accepted_values: {values: [1, 2, 3], quote: false}

            """
            text += "\n"
        }
        let fast = try #require(FastYAML.parse(text, file: "g.yml"))
        let slow = YAMLReader.parseWithYams(text, file: "g.yml")
        #expect(difference(fast, slow.value) == nil, "\(difference(fast, slow.value) ?? "")")
    }
}
