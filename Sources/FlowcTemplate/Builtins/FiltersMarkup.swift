// HTML- and URL-oriented filters: escape/forceescape, safe, striptags, urlencode, xmlattr.
// Autoescaping is off (dbt's setting) and there is no Markup type, so `safe` only stringifies
// and escaping always escapes.

extension Builtins {
    static let markupFilters: [String: FilterFunction] = [
        "escape": escapeFilter,
        "e": escapeFilter,
        "forceescape": escapeFilter,
        "safe": { v, a, r in
            _ = try Params(a, "safe", [])
            return .string(try Support.text(v, r))
        },
        "striptags": { v, a, r in
            _ = try Params(a, "striptags", [])
            return .string(stripTags(try Support.text(v, r)))
        },
        "urlencode": urlencode,
        "xmlattr": xmlattr,
    ]

    @Sendable static func escapeFilter(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        _ = try Params(a, "escape", [])
        return .string(htmlEscape(try Support.text(v, r)))
    }

    /// markupsafe.escape: & < > " ' become entities (&#34; and &#39; for the quotes).
    static func htmlEscape(_ s: String) -> String {
        var needs = false
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                needs = true
            default: continue
            }
            break
        }
        guard needs else { return s }
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count + 16)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&#34;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// markupsafe's striptags: drop comments, then tags, collapse whitespace, unescape.
    static func stripTags(_ s: String) -> String {
        var bytes = Array(s.utf8)
        let open = Array("<!--".utf8), close = Array("-->".utf8)
        // markupsafe rescans from the beginning after each removal; resuming just before the
        // cut finds the same matches (a new "<!--" can only form across the junction).
        var from = 0
        while let start = PyStr.find(bytes, open, from: from) {
            guard let end = PyStr.find(bytes, close, from: start) else { break }
            bytes.removeSubrange(start..<(end + 3))
            from = Swift.max(0, start - 3)
        }
        from = 0
        while let start = PyStr.find(bytes, [UInt8(ascii: "<")], from: from) {
            guard let end = PyStr.find(bytes, [UInt8(ascii: ">")], from: start) else { break }
            bytes.removeSubrange(start...end)
            from = start
        }
        let collapsed = PyStr.splitWhitespace(String(decoding: bytes, as: UTF8.self)).joined(separator: " ")
        return htmlUnescape(collapsed)
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "copy": "\u{A9}", "reg": "\u{AE}", "hellip": "\u{2026}", "mdash": "\u{2014}",
        "ndash": "\u{2013}", "laquo": "\u{AB}", "raquo": "\u{BB}", "lsquo": "\u{2018}",
        "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "bull": "\u{2022}",
        "middot": "\u{B7}", "times": "\u{D7}", "euro": "\u{20AC}", "trade": "\u{2122}",
    ]

    /// Python's html.unescape for numeric references and the common named entities.
    static func htmlUnescape(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        let named = namedEntities
        let sc = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < sc.count {
            guard sc[i] == "&" else { out.append(sc[i]); i += 1; continue }
            var j = i + 1
            if j < sc.count, sc[j] == "#" {
                j += 1
                var hex = false
                if j < sc.count, sc[j] == "x" || sc[j] == "X" { hex = true; j += 1 }
                let digitsStart = j
                var value: UInt32 = 0
                while j < sc.count, let d = hexValue(sc[j]), hex || d < 10 {
                    value = value > 0x10FFFF ? value : value &* (hex ? 16 : 10) &+ d
                    j += 1
                }
                if j > digitsStart {
                    if j < sc.count, sc[j] == ";" { j += 1 }
                    let ok = value != 0 && value <= 0x10FFFF && !(0xD800...0xDFFF).contains(value)
                    out.append(ok ? Unicode.Scalar(value) ?? "\u{FFFD}" : "\u{FFFD}")
                    i = j
                    continue
                }
            } else {
                var name = ""
                while j < sc.count, sc[j].properties.isAlphabetic || (sc[j].value >= 0x30 && sc[j].value <= 0x39) {
                    name.unicodeScalars.append(sc[j])
                    j += 1
                }
                if j < sc.count, sc[j] == ";", let rep = named[name] {
                    out.append(contentsOf: rep.unicodeScalars)
                    i = j + 1
                    continue
                }
            }
            out.append(sc[i])
            i += 1
        }
        return String(out)
    }

    private static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c.value {
        case 0x30...0x39: return c.value - 0x30
        case 0x41...0x46: return c.value - 0x41 + 10
        case 0x61...0x66: return c.value - 0x61 + 10
        default: return nil
        }
    }

    /// urllib.parse.quote over UTF-8 with Werkzeug-era Jinja's choices: '/' is safe in plain
    /// strings, nothing is in query pairs, where spaces become '+'.
    static func urlQuote(_ s: String, forQuery: Bool) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "-"), UInt8(ascii: "~"):
                out.append(b)
            case UInt8(ascii: "/") where !forQuery:
                out.append(b)
            case UInt8(ascii: " ") where forQuery:
                out.append(UInt8(ascii: "+"))
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Sendable static func urlencode(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        _ = try Params(a, "urlencode", [])
        let pairs: [Value]
        switch v {
        case .string(let s): return .string(urlQuote(s, forQuery: false))
        case .dict(let d): pairs = d.pairs.map { .tuple([$0.0, $0.1]) }
        case .list(let l): pairs = l.items
        case .tuple(let t): pairs = t
        case .undefined: return .string("")
        case .object:
            if let items = try? r.iterate(v) { pairs = items } else {
                return .string(urlQuote(try r.str(v), forQuery: false))
            }
        default: return .string(urlQuote(try r.str(v), forQuery: false))
        }
        var parts: [String] = []
        for p in pairs {
            let kv = try r.iterate(p)
            guard kv.count == 2 else {
                throw TemplateError(.value, kv.count < 2 ? "not enough values to unpack (expected 2, got \(kv.count))"
                                                         : "too many values to unpack (expected 2)")
            }
            parts.append(urlQuote(try Support.text(kv[0], r), forQuery: true) + "="
                         + urlQuote(try Support.text(kv[1], r), forQuery: true))
        }
        return .string(parts.joined(separator: "&"))
    }

    @Sendable static func xmlattr(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "xmlattr", ["autospace"])
        guard case .dict(let d) = v else {
            try Support.requireDefined(v)
            throw TemplateError(.attribute, "'\(v.typeName)' object has no attribute 'items'")
        }
        var items: [String] = []
        for (k, x) in d.pairs {
            if x.isNone || x.isUndefined { continue }
            guard case .string(let key) = k else {
                throw TemplateError(.type, "expected string or bytes-like object, got '\(k.typeName)'")
            }
            for sc in key.unicodeScalars {
                // Characters that would move an HTML parser from the attribute name to its value.
                if sc == "/" || sc == ">" || sc == "=" || (sc.value >= 0x09 && sc.value <= 0x0D) || sc == " " {
                    throw TemplateError(.value, "Invalid character in attribute name: \(pythonStringRepr(key))")
                }
            }
            items.append(htmlEscape(key) + "=\"" + htmlEscape(try Support.text(x, r)) + "\"")
        }
        var out = items.joined(separator: " ")
        if Support.flag(p[0], default: true) && !out.isEmpty { out = " " + out }
        return .string(out)
    }
}
