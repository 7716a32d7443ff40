// The YAML reader: PyYAML's typing of scalars, places, repeated keys, merge keys, aliases,
// and errors for what must not crash (syntax errors, alias bombs, absurd nesting).

import Testing
@testable import FlowcProject

@Suite struct YAMLReaderTests {
    @Test func scalarsAreTypedAsPyYAMLTypesThem() throws {
        let doc = try #require(yaml("""
            a: yes
            b: Off
            c: true
            d: ~
            e:
            f: null
            g: 42
            h: -0x1F
            i: 017
            j: 1_000
            k: 1.5
            l: 1e3
            m: 6.8e+3
            n: .inf
            o: '42'
            p: "true"
            q: 2018-01-01
            r: 0.10
            s: 190:20:30
            t: |
              multi
              line
            u: 09
            v: -.5
            w: !!str 12
            x: !!float 3
            """).value)
        #expect(doc["a"]?.bool == true)
        #expect(doc["b"]?.bool == false)
        #expect(doc["c"]?.bool == true)
        #expect(doc["d"]?.isNull == true)
        #expect(doc["e"]?.isNull == true)
        #expect(doc["f"]?.isNull == true)
        #expect(doc["g"]?.int == 42)
        #expect(doc["h"]?.int == -31)
        #expect(doc["i"]?.int == 15)
        #expect(doc["j"]?.int == 1000)
        #expect(doc["k"]?.double == 1.5)
        #expect(doc["l"]?.string == "1e3")
        #expect(doc["m"]?.double == 6800)
        #expect(doc["n"]?.double == .infinity)
        #expect(doc["o"]?.string == "42")
        #expect(doc["p"]?.string == "true")
        #expect(doc["q"]?.string == "2018-01-01")
        if case .double(let r, _)? = doc["r"] { #expect(r == 0.1) } else { Issue.record("r is not a float") }
        #expect(doc["s"]?.int == 685230)
        #expect(doc["t"]?.string == "multi\nline\n")
        #expect(doc["u"]?.string == "09")
        #expect(doc["v"]?.string == "-.5")
        #expect(doc["w"]?.string == "12")
        if case .double(let x, _)? = doc["x"] { #expect(x == 3) } else { Issue.record("x is not a float") }
    }

    @Test func placesOfKeysAndValues() throws {
        let doc = try #require(yaml("top:\n  - {a: 1, b: [x, y]}\n  - z\n", file: "f.yml").value)
        #expect(place(doc.span) == [1, 1])
        let top = try #require(doc.entry("top"))
        #expect(place(top.keySpan) == [1, 1])
        #expect(place(top.value.span) == [2, 3])
        let first = try #require(top.value.list?.first)
        #expect(place(first.span) == [2, 5])
        #expect(place(first.entry("b")?.keySpan) == [2, 12])
        #expect(place(first["b"]?.list?.last?.span) == [2, 19])
        #expect(place(top.value.list?.last?.span) == [3, 5])
        #expect(first.span.file == "f.yml")
    }

    @Test func repeatedKeysKeepTheLastValueWithAWarning() throws {
        let (value, diagnostics) = yaml("a: 1\nb: {x: 1, x: 2, y: 3}\na: 3\nc: [a, b]\n")
        let doc = try #require(value)
        #expect(doc.keys == ["a", "b", "c"])
        #expect(doc["a"]?.int == 3)
        #expect(doc["b"]?["x"]?.int == 2)
        #expect(doc["b"]?.keys == ["x", "y"])
        // Places after a repeated key on the same line are still right.
        #expect(place(doc["b"]?.entry("y")?.keySpan) == [2, 17])
        #expect(place(doc["c"]?.span) == [4, 4])
        #expect(diagnostics.count == 2)
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        let messages = Set(diagnostics.map(\.message))
        #expect(messages.contains("key 'a' repeats the one at line 1; this later value is used"))
        #expect(messages.contains("key 'x' repeats the one at line 2; this later value is used"))
        let a = try #require(diagnostics.first { $0.message.contains("'a'") })
        #expect(place(a.span) == [3, 1])
        let x = try #require(diagnostics.first { $0.message.contains("'x'") })
        #expect(place(x.span) == [2, 11])
    }

    @Test func threeRepeats() throws {
        let (value, diagnostics) = yaml("k: 1\nk: 2\nk: 3\n")
        #expect(value?["k"]?.int == 3)
        #expect(diagnostics.count == 2)
    }

    @Test func anchorsAliasesAndMergeKeys() throws {
        let doc = try #require(yaml("""
            defaults: &defaults
              materialized: view
              tags: [a]
            staging:
              <<: *defaults
              tags: [b]
            both:
              <<: [*defaults, {schema: x, materialized: table}]
            copy: *defaults
            """).value)
        #expect(doc["staging"]?.keys == ["materialized", "tags"])
        #expect(doc["staging"]?["materialized"]?.string == "view")
        #expect(doc["staging"]?["tags"]?.list?.first?.string == "b")
        #expect(doc["both"]?["materialized"]?.string == "view")
        #expect(doc["both"]?["schema"]?.string == "x")
        #expect(doc["copy"]?["tags"]?.list?.count == 1)
    }

    @Test func syntaxErrorsHaveTheirPlace() throws {
        let (value, diagnostics) = yaml("a: 1\nb: [1, 2\nc: 3\n", file: "x.yml")
        #expect(value == nil)
        let e = try #require(diagnostics.first)
        #expect(e.isError)
        #expect(e.span?.file == "x.yml")
        #expect(e.message.hasPrefix("invalid YAML: "))
        #expect(e.span?.line == 3)

        let tab = yaml("a:\n\tb: 1\n").diagnostics.first
        #expect(tab?.isError == true)
        #expect(place(tab?.span) == [2, 1])

        let brace = yaml("a: {{ var('x') }}\n").diagnostics.first
        #expect(brace?.isError == true)

        let undefinedAlias = yaml("a: *nope\n").diagnostics.first
        #expect(undefinedAlias?.message.contains("undefined alias") == true)

        let twoDocs = yaml("a: 1\n---\nb: 2\n").diagnostics.first
        #expect(twoDocs?.isError == true)
    }

    @Test func unknownTagsAndNonScalarKeysAreErrors() throws {
        #expect(yaml("a: !python/object x\n").diagnostics.first?.message == "unknown YAML tag '!python/object'")
        #expect(yaml("? [a, b]\n: 1\n").diagnostics.first?.message
                == "a mapping key must be a plain value, not a list or mapping")
    }

    @Test func aliasBombIsRefused() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<12 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        let (value, diagnostics) = yaml(text)
        #expect(value == nil)
        #expect(diagnostics.first?.message == "YAML aliases expand to too many values")
    }

    @Test func absurdNestingIsRefusedNotACrash() throws {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let (value, diagnostics) = yaml("a: " + deep + "\n")
        #expect(value == nil)
        #expect(diagnostics.first?.message == "YAML nests deeper than 1000 levels")
        let dashes = String(repeating: "- ", count: 3000) + "x\n"
        #expect(yaml(dashes).diagnostics.first?.message == "YAML nests deeper than 1000 levels")
    }

    @Test func moderateNestingParsesOnWorkerThreads() throws {
        let depth = 900
        let text = "a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let result = Parallel.run { YAMLReader.parse(text, file: "deep.yml") }
        #expect(result?.diagnostics.isEmpty == true)
        var v = result?.value?["a"]
        var levels = 0
        while let inner = v?.list {
            levels += 1
            v = inner.first
        }
        #expect(levels == depth)
    }

    @Test func emptyDocumentIsNil() throws {
        let (value, diagnostics) = yaml("")
        #expect(value == nil)
        #expect(diagnostics.isEmpty)
    }

    @Test func aByteOrderMarkIsSkippedAsPyYAMLDoes() throws {
        let (doc, diags) = YAMLReader.parse("\u{FEFF}version: 2\nmodels:\n  - name: a\n", file: "m.yml")
        #expect(diags.isEmpty, "\(diags)")
        #expect(doc?["version"]?.int == 2)
        #expect(doc?["models"]?.list?.first?["name"]?.string == "a")
    }

    @Test func templateValueKeepsOrderAndTypes() throws {
        let doc = try #require(yaml("b: 1\na: [true, 1.5, ~, s]\n").value)
        let v = doc.templateValue
        guard case .dict(let box) = v else {
            Issue.record("not a dict")
            return
        }
        #expect(box.keys.compactMap(\.stringValue) == ["b", "a"])
    }
}

@Suite struct PublicYAMLParseTests {
    @Test func parsesAndThrows() throws {
        let vars = try #require(try YAMLText.parse("{start_date: 2024-01-01, n: 3}", file: "--vars"))
        #expect(vars["n"]?.int == 3)
        #expect(vars.span.file == "--vars")
        #expect(try YAMLText.parse("", file: "x") == nil)
        #expect(throws: ProjectErrors.self) { try YAMLText.parse("{a: [", file: "x") }
    }
}
