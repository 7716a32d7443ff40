// The byte searches that decide whether a text needs the template engine at all.
import FlowcProject
import Testing

@Test func jinjaTagsAreFoundAnywhereAndOnlyThere() {
    for text in ["{{ x }}", "a {% if %}", "ends with {{", "{%", "}{{", "{ {{", "ü{{ref('x')}}", String(repeating: "{ ", count: 40) + "{%"] {
        #expect(text.holdsJinjaTag, "\(text)")
        #expect(text[...].holdsJinjaTag, "substring \(text)")
    }
    for text in ["", "{", "plain", "{ {", "ends with {", "{#", "}}", "%}", "{ %", String(repeating: "{ ", count: 40), "ü{"] {
        #expect(!text.holdsJinjaTag, "\(text)")
    }
    // the same answer as the two searches it replaces, over every split of a mixed text
    let sample = "a{b{{c{%d{"
    for start in sample.indices {
        let part = sample[start...]
        #expect(part.holdsJinjaTag == (part.containsBytes("{{") || part.containsBytes("{%")), "\(part)")
    }
}

@Test func byteSearchFindsWhatAByteComparisonFinds() {
    // every needle of up to three bytes from a small alphabet, in every suffix of a text that
    // has matches at its start, middle and very end, a NUL and a character outside ASCII
    let text = Array("ab\u{0}aab{{é}ba".utf8)
    let alphabet: [UInt8] = Array("ab{}\u{0}".utf8) + Array("é".utf8)
    var needles: [[UInt8]] = [[]]
    for a in alphabet {
        needles.append([a])
        for b in alphabet {
            needles.append([a, b])
            for c in alphabet { needles.append([a, b, c]) }
        }
    }
    for start in 0...text.count {
        let hay = Array(text[start...])
        let hayText = String(decoding: hay, as: UTF8.self)
        for needle in needles {
            // only needles and texts that are whole UTF-8 compare as the same bytes
            guard let needleText = String(validating: needle, as: UTF8.self),
                  Array(hayText.utf8) == hay else { continue }
            let expected = needle.isEmpty || (hay.count >= needle.count
                && (0...(hay.count - needle.count)).contains { Array(hay[$0..<($0 + needle.count)]) == needle })
            #expect(hayText.containsBytes(needleText) == expected, "\(hay) \(needle)")
        }
    }
}
