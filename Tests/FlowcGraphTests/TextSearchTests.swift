// The byte searches that decide whether a text needs the template engine at all.
@testable import FlowcGraph
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
