// Randomised agreement check between the fast YAML path and the Yams path: generated
// documents full of the constructs dbt files use (and their near misses), plus random byte
// mutations of them. Whenever the fast path accepts a text, Yams must read it without error
// and to the identical tree, places included. Deterministic (seeded), so failures reproduce.

import Testing
@testable import FlowcProject

/// SplitMix64: small, seedable, good enough for test inputs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct YAMLGenerator {
    var rng: SeededGenerator

    static let scalars = [
        "a", "view", "table", "yes", "No", "on", "null", "~", "true", "False", "0", "-1", "017", "0x1F", "1_000",
        "1.5", ".5", "1e3", "1.0e+3", ".inf", "-.INF", ".NaN", "2018-01-01", "12:30", "190:20:30.15",
        "a b", "a  b", "a#b", "a #b", "http://x.y/z", "a:b", "-x", "--", "?x", ":x", "é", "日本", "x,y", "x]",
        "'q'", "'it''s'", "\"d\"", "\"e\\\"s\\\\c\\n\"", "\"\\u00e9\"", "\"\"", "''", "\"{{ var('x') }}\"",
        "'{{ ref(\"a\") }}'", "[a, b]", "[]", "{}", "{k: v}", "[x, [y, z], {a: 1}]", "{a: [1, 2], b: 'c'}",
        "[1,2]", "{a: }", "[a, ]", "&anchor v", "*alias", "!!str 1", "|", "\"a\nb\"", "x: y",
    ]
    static let keys = ["name", "description", "a", "b", "+materialized", "data_tests", "'quoted key'",
                       "\"dq\"", "key with space", "é", "x", "<<", "1", "true", "-k", "?k", "k#", "a:b"]

    mutating func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }

    mutating func comment() -> String { chance(15) ? pick(["  # c", " #x", "#bad", "   # é"]) : "" }

    mutating func blockScalar(indent: Int) -> String {
        let header = pick(["|", "|-", "|+", ">", ">-", ">+", "|2"])
        var out = header + comment() + "\n"
        let inner = indent + pick([2, 2, 4, 1])
        for _ in 0..<Int(rng.next() % 4) + 1 {
            if chance(20) { out += "\n"; continue }
            let extra = chance(15) ? "  " : ""
            out += String(repeating: " ", count: inner) + extra + pick(["text", "more text", "# hash", "a: b", "x"]) + "\n"
        }
        if chance(20) { out += "\n" }
        return out
    }

    mutating func value(indent: Int, depth: Int) -> String {
        if depth < 4 && chance(35) {
            let child = indent + pick([2, 2, 4, 1, 0])
            return comment() + "\n" + (chance(50) ? mapping(indent: child, depth: depth + 1)
                                                  : sequence(indent: child, depth: depth + 1))
        }
        if chance(8) { return blockScalar(indent: indent) }
        if chance(5) { return comment() + "\n" }
        return " " + pick(Self.scalars) + comment() + "\n"
    }

    mutating func mapping(indent: Int, depth: Int) -> String {
        var out = ""
        for _ in 0..<Int(rng.next() % 4) + 1 {
            if chance(10) { out += pick(["\n", "# comment\n", "   # indented comment\n"]) }
            out += String(repeating: " ", count: indent) + pick(Self.keys) + ":" + value(indent: indent, depth: depth)
        }
        return out
    }

    mutating func sequence(indent: Int, depth: Int) -> String {
        var out = ""
        for _ in 0..<Int(rng.next() % 4) + 1 {
            out += String(repeating: " ", count: indent) + "-"
            if depth < 4 && chance(30) {
                // compact mapping: "- key: v" with more keys aligned under the first
                let column = indent + 2
                out += " " + pick(Self.keys) + ":" + value(indent: column, depth: depth + 1)
                if chance(50) {
                    out += String(repeating: " ", count: column) + pick(Self.keys) + ":" + value(indent: column, depth: depth + 1)
                }
            } else {
                out += value(indent: indent, depth: depth)
            }
        }
        return out
    }

    mutating func document() -> String {
        var doc = chance(10) ? "---\n" : ""
        doc += chance(80) ? mapping(indent: 0, depth: 0) : sequence(indent: 0, depth: 0)
        return doc
    }

    /// A random small edit: delete, duplicate or insert a tricky byte.
    mutating func mutate(_ text: String) -> String {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return text }
        let at = Int(rng.next() % UInt64(bytes.count))
        switch rng.next() % 3 {
        case 0: bytes.remove(at: at)
        case 1: bytes.insert(bytes[at], at: at)
        default: bytes.insert(pick(Array(" :-#'\"[]{},|>&*!\n\t\\".utf8)), at: at)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

@Suite struct FastYAMLFuzzTests {
    @Test func fastPathAgreesWithYamsOnGeneratedDocuments() {
        var gen = YAMLGenerator(rng: SeededGenerator(seed: 20_240_601))
        var accepted = 0
        var failures: [String] = []
        for round in 0..<4000 {
            var text = gen.document()
            if round % 2 == 1 { text = gen.mutate(text) }
            guard let fast = FastYAML.parse(text, file: "g.yml") else { continue }
            accepted += 1
            let slow = YAMLReader.parseWithYams(text, file: "g.yml")
            if slow.diagnostics.contains(where: \.isError) {
                failures.append("fast accepted what Yams rejects (\(slow.diagnostics.first?.message ?? "")):\n\(text)")
            } else if !slow.diagnostics.isEmpty {
                failures.append("Yams warned (\(slow.diagnostics.first?.message ?? "")) but fast accepted:\n\(text)")
            } else if let d = difference(fast, slow.value) {
                failures.append("\(d):\n\(text)")
            }
            if failures.count >= 5 { break }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n-----\n"))")
        #expect(accepted > 500)
    }
}
