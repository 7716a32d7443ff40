// A relation named in YAML text — `ref('x')`, `ref('pkg', 'x', v=2)`, `source('s', 't')` or
// `this` — read without the template engine: a unit test's `input:`, a YAML snapshot's
// `relation:` and a foreign key's `to:` take only these call shapes.

public enum RelationReference: Sendable, Equatable {
    case this
    case ref(RefCall)
    case source(String, String)

    /// nil when the text is none of the three shapes.
    public static func parse(_ text: String) -> RelationReference? {
        let t = NodeFactory.stripped(text)
        if t == "this" { return .this }
        for function in ["ref", "source"] where t.hasPrefix(function) {
            var rest = Substring(t.dropFirst(function.count))
            while rest.first == " " { rest.removeFirst() }
            guard rest.first == "(", rest.last == ")" else { return nil }
            guard let args = arguments(rest.dropFirst().dropLast()) else { return nil }
            let positional = args.filter { $0.key == nil }.map(\.value)
            let keywords = args.filter { $0.key != nil }
            if function == "source" {
                guard positional.count == 2, keywords.isEmpty else { return nil }
                return .source(positional[0], positional[1])
            }
            guard (1...2).contains(positional.count), keywords.allSatisfy({ $0.key == "v" || $0.key == "version" }),
                  keywords.count <= 1, let name = positional.last else { return nil }
            return .ref(RefCall(name: name, package: positional.count == 2 ? positional.first : nil,
                                version: keywords.first?.value))
        }
        return nil
    }

    /// Comma-separated quoted strings, or `key=value` where value is quoted or a bare number.
    static func arguments(_ text: Substring) -> [(key: String?, value: String)]? {
        var out: [(key: String?, value: String)] = []
        var rest = text
        func skipSpaces() { while let c = rest.first, c == " " || c == "\t" || c == "\n" { rest.removeFirst() } }
        while true {
            skipSpaces()
            if rest.isEmpty { break }
            var key: String?
            if let eq = rest.firstIndex(of: "="), !rest[..<eq].contains(where: { $0 == "'" || $0 == "\"" || $0 == "," }) {
                key = NodeFactory.stripped(String(rest[..<eq]))
                rest = rest[rest.index(after: eq)...]
                skipSpaces()
            }
            guard let quote = rest.first else { return nil }
            if quote == "'" || quote == "\"" {
                rest.removeFirst()
                guard let close = rest.firstIndex(of: quote) else { return nil }
                out.append((key, String(rest[..<close])))
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                let bare = NodeFactory.stripped(String(rest[..<end]))
                guard key != nil, !bare.isEmpty, bare.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
                out.append((key, bare))
                rest = rest[end...]
            }
            skipSpaces()
            if rest.isEmpty { break }
            guard rest.first == "," else { return nil }
            rest.removeFirst()
        }
        return out
    }
}
