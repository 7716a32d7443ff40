// String filters: case, padding, trimming, truncation, wrapping, replacement and
// %-formatting. Most run the input through soft_str first, so an Undefined reads as ''.

extension Builtins {
    static let textFilters: [String: FilterFunction] = [
        "capitalize": { v, a, r in
            _ = try Params(a, "capitalize", [])
            return .string(PyStr.capitalize(try Support.text(v, r)))
        },
        "lower": { v, a, r in
            _ = try Params(a, "lower", [])
            return .string(PyStr.lower(try Support.text(v, r)))
        },
        "upper": { v, a, r in
            _ = try Params(a, "upper", [])
            return .string(PyStr.upper(try Support.text(v, r)))
        },
        "title": { v, a, r in
            _ = try Params(a, "title", [])
            return .string(jinjaTitle(try Support.text(v, r)))
        },
        "center": { v, a, r in
            let p = try Params(a, "center", ["width"])
            let width = try Support.index(p[0], default: 80)
            try Support.checkSize(width)
            return .string(PyStr.center(try Support.text(v, r), width))
        },
        "trim": { v, a, r in
            let p = try Params(a, "trim", ["chars"])
            var chars: String? = nil
            if let c = p[0], !c.isNone {
                guard case .string(let s) = c else { throw TemplateError(.type, "strip arg must be None or str") }
                chars = s
            }
            return .string(PyStr.strip(try Support.text(v, r), chars))
        },
        "string": { v, a, r in
            _ = try Params(a, "string", [])
            return .string(try Support.text(v, r))
        },
        "replace": replace,
        "truncate": truncate,
        "wordcount": { v, a, r in
            _ = try Params(a, "wordcount", [])
            return .int(wordCount(try Support.text(v, r)))
        },
        "wordwrap": wordwrap,
        "indent": indent,
        "format": { v, a, r in
            if !a.positional.isEmpty && !a.keywords.isEmpty {
                throw TemplateError(.runtime, "can't handle positional and keyword arguments at the same time")
            }
            let fmt = try Support.text(v, r)
            if !a.keywords.isEmpty {
                let d = DictBox()
                for (k, x) in a.keywords { d.set(.string(k), x) }
                return .string(try PyFormat.percent(fmt, .dict(d), renderer: r))
            }
            return .string(try PyFormat.percent(fmt, .tuple(a.positional), renderer: r))
        },
    ]

    /// Jinja's title: each run between `-`, whitespace, `(`, `{`, `[` or `<` gets its first
    /// character uppercased and the rest lowercased (unlike Python's str.title, which also
    /// restarts after digits and apostrophes).
    static func jinjaTitle(_ s: String) -> String {
        if PyStr.isASCII(s) {
            return PyStr.asciiMap(s) { buf in
                var atStart = true
                for i in buf.indices {
                    let b = buf[i]
                    switch b {
                    case 0x2D, 0x28, 0x7B, 0x5B, 0x3C, 0x09...0x0D, 0x1C...0x20:
                        atStart = true
                    default:
                        if atStart {
                            if PyStr.asciiIsLower(b) { buf[i] = b - 32 }
                            atStart = false
                        } else if PyStr.asciiIsUpper(b) {
                            buf[i] = b + 32
                        }
                    }
                }
            }
        }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var atStart = true
        for sc in s.unicodeScalars {
            let v = sc.value
            if v == 0x2D || v == 0x28 || v == 0x7B || v == 0x5B || v == 0x3C || PyStr.isSpace(v) {
                out.unicodeScalars.append(sc)
                atStart = true
            } else if atStart {
                PyStr.mapUpper(sc, into: &out)
                atStart = false
            } else {
                PyStr.mapLower(sc, into: &out)
            }
        }
        return out
    }

    /// Runs of `\w` characters, as `len(re.findall(r"\w+", s))`.
    static func wordCount(_ s: String) -> Int {
        var n = 0
        var inWord = false
        for sc in s.unicodeScalars {
            if PyStr.isWordChar(sc) {
                if !inWord { n += 1; inWord = true }
            } else {
                inWord = false
            }
        }
        return n
    }

    @Sendable static func replace(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "replace", ["old", "new", "count"])
        guard let old = p[0], let new = p[1] else {
            throw TemplateError(.type, "do_replace() missing required argument: '\(p[0] == nil ? "old" : "new")'")
        }
        let count = try Support.optionalIndex(p[2]) ?? -1
        return .string(PyStr.replace(try Support.text(v, r), try Support.text(old, r), try Support.text(new, r),
                                     count: count))
    }

    @Sendable static func truncate(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "truncate", ["length", "killwords", "end", "leeway"])
        let length = try Support.index(p[0], default: 255)
        let killwords = Support.flag(p[1])
        var end = "..."
        if let e = p[2] {
            guard case .string(let es) = e else {
                throw TemplateError(.type, "object of type '\(e.typeName)' has no len()")
            }
            end = es
        }
        let leeway = try Support.optionalIndex(p[3]) ?? 5
        let endLength = PyStr.length(end)
        if length < endLength { throw TemplateError(.value, "expected length >= \(endLength), got \(length)") }
        if leeway < 0 { throw TemplateError(.value, "expected leeway >= 0, got \(leeway)") }
        // both are non-negative here; their sum saturates, as Python's ints do not overflow
        let (sum, overflow) = length.addingReportingOverflow(leeway)
        let limit = overflow ? Int.max : sum
        let s: String
        switch v {
        case .string(let x): s = x
        case .undefined: return v
        default:
            let n = try Support.length(v, r)
            if n <= limit { return v }
            throw TemplateError(.type, "can only concatenate \(v.typeName) (not \"str\") to \(v.typeName)")
        }
        let n = PyStr.length(s)
        if n <= limit { return v }
        let head = PyStr.slice(s, 0, Swift.max(0, length - endLength))
        if killwords { return .string(head + end) }
        // `head.rsplit(" ", 1)[0]`
        let bytes = Array(head.utf8)
        if let sp = PyStr.rfind(bytes, [0x20]) { return .string(PyStr.string(bytes, 0..<sp) + end) }
        return .string(head + end)
    }

    @Sendable static func wordwrap(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "wordwrap", ["width", "break_long_words", "wrapstring", "break_on_hyphens"])
        guard case .string(let s) = v else {
            try Support.requireDefined(v)
            throw TemplateError(.attribute, "'\(v.typeName)' object has no attribute 'splitlines'")
        }
        let width = try Support.index(p[0], default: 79)
        var wrapstring = "\n"
        if let w = p[2], !w.isNone { wrapstring = try Support.text(w, r) }
        let wrapper = TextWrap(width: width, breakLongWords: Support.flag(p[1], default: true),
                               breakOnHyphens: Support.flag(p[3], default: true))
        var paragraphs: [String] = []
        for line in PyStr.splitlines(s) {
            paragraphs.append(try wrapper.wrap(line).joined(separator: wrapstring))
        }
        return .string(paragraphs.joined(separator: wrapstring))
    }

    @Sendable static func indent(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "indent", ["width", "first", "blank"])
        var indention = "    "
        if let w = p[0] {
            if case .string(let ws) = w {
                indention = ws
            } else {
                guard w.intValue != nil else {
                    try Support.requireDefined(w)
                    throw TemplateError(.type, "can't multiply sequence by non-int of type '\(w.typeName)'")
                }
                let n = try Support.index(w)
                try Support.checkSize(n)
                indention = n > 0 ? String(repeating: " ", count: n) : ""
            }
        }
        let first = Support.flag(p[1])
        let blank = Support.flag(p[2])
        guard case .string(let text) = v else {
            try Support.requireDefined(v)
            throw TemplateError(.type, "unsupported operand type(s) for +=: '\(v.typeName)' and 'str'")
        }
        // Jinja appends a newline before splitlines() so a trailing newline survives.
        let lines = PyStr.splitlines(text + "\n")
        var out = ""
        out.reserveCapacity(text.utf8.count + lines.count * indention.utf8.count)
        if blank {
            for (i, line) in lines.enumerated() {
                if i > 0 { out += "\n" + indention }
                out += line
            }
        } else {
            for (i, line) in lines.enumerated() {
                if i > 0 {
                    out += "\n"
                    if !line.isEmpty { out += indention }
                }
                out += line
            }
        }
        return .string(first ? indention + out : out)
    }
}
