// The JSON writer scans strings sixteen bytes a step (SSE2) for the next byte to escape; these
// compare it with a byte-by-byte reference on strings where the special byte sits at every
// offset of the first two steps and of the byte-by-byte tail.
import FlowcGraph
import Foundation
import Testing

@Suite struct JSONWriterTests {
    /// JSON string escaping one byte at a time, the way the writer did before the fast path.
    static func reference(_ s: String) -> String {
        var out: [UInt8] = [34]
        for b in s.utf8 {
            switch b {
            case 34: out += Array("\\\"".utf8)
            case 92: out += Array("\\\\".utf8)
            case 10: out += Array("\\n".utf8)
            case 13: out += Array("\\r".utf8)
            case 9: out += Array("\\t".utf8)
            case 0..<32: out += Array(String(format: "\\u%04x", b).utf8)
            default: out.append(b)
            }
        }
        out.append(34)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func escapesEverySpecialByteAtEveryOffset() {
        let specials: [String] = ["\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1f}", "\u{0}"]
        for special in specials {
            for length in 0..<40 {
                for at in 0...length {
                    let plain = String(repeating: "a", count: length)
                    let s = String(plain.prefix(at)) + special + String(plain.dropFirst(at))
                    #expect(JSONWriter.string(.string(s)) == Self.reference(s), "\(special.debugDescription) at \(at) of \(length)")
                    let twice = s + special
                    #expect(JSONWriter.string(.string(twice)) == Self.reference(twice))
                }
            }
        }
    }

    @Test func leavesMultiByteTextAndPlainRunsAlone() {
        let cases = ["select * from \"orders\" -- Grüße, 金\n", String(repeating: "é", count: 33),
                     "~~~~~~~~ ~~~~~~~~\u{7f}\u{7f}", "  where x = '\\\\'  ", ""]
        for s in cases {
            #expect(JSONWriter.string(.string(s)) == Self.reference(s))
            let decoded = try? JSONSerialization.jsonObject(with: Data(JSONWriter.string(.string(s)).utf8), options: .fragmentsAllowed)
            #expect(decoded as? String == s)
        }
    }

    /// Object keys go through their own one-step path: escaped as strings are, with the
    /// separators around them, in objects written with and without indentation.
    @Test func keysAreEscapedAndSeparatedAsStringsAre() {
        let keys = ["plain", "", "with \"quote\"", "back\\slash", "tab\tand\nnewline", "\u{01}", "Grüße 金",
                    String(repeating: "k", count: 40) + "\""]
        let object = JSONObject(keys.enumerated().map { ($0.element, JSON.int($0.offset)) })
        let flat = "{" + keys.enumerated().map { "\(Self.reference($0.element)): \($0.offset)" }.joined(separator: ", ") + "}"
        #expect(JSONWriter.string(.object(object)) == flat)
        let indented = "{\n" + keys.enumerated().map { "  \(Self.reference($0.element)): \($0.offset)" }.joined(separator: ",\n") + "\n}"
        #expect(JSONWriter.string(.object(object), indent: 2) == indented)
        // a writer with no room left grows for a key whose escaped form is six times its bytes
        var w = JSONWriter(indent: 0, reserve: 1)
        w.write(.object(JSONObject([(String(repeating: "\u{02}", count: 50), .null)])), depth: 0)
        #expect(String(decoding: w.bytes, as: UTF8.self) == "{" + Self.reference(String(repeating: "\u{02}", count: 50)) + ": null}")
    }

    /// A writer with little room grows for strings whose escaped form is far longer than
    /// their bytes, and copies keep their own bytes.
    @Test func growsForStringsLongerThanItsRoomAndCopiesStayApart() {
        var w = JSONWriter(indent: 0, reserve: 1)
        var expected = ""
        for (i, s) in [String(repeating: "\u{01}", count: 100), String(repeating: "a\"", count: 70), "plain"].enumerated() {
            if i > 0 {
                w.raw(", ")
                expected += ", "
            }
            w.writeString(s)
            expected += Self.reference(s)
        }
        #expect(String(decoding: w.bytes, as: UTF8.self) == expected)
        var copy = w
        copy.writeString("more")
        #expect(String(decoding: w.bytes, as: UTF8.self) == expected)
        #expect(String(decoding: copy.bytes, as: UTF8.self) == expected + "\"more\"")
    }
}
