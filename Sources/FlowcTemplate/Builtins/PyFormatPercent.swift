// Python's printf-style `str % args`, used by the `%` operator and the `format` filter.
// Follows CPython's PyUnicode_Format: a tuple supplies positional arguments, any other
// value is a single argument, and a dict (or list, which CPython also treats as a mapping)
// supplies `%(name)s` keys and suppresses the "not all arguments converted" check.

enum PyFormat {}

extension PyFormat {
    static func percent(_ format: String, _ args: Value) throws -> String {
        try percent(format, args, renderer: nil)
    }

    /// With a renderer, `%s` prints host objects through their own render() as str() would.
    static func percent(_ format: String, _ args: Value, renderer: Renderer?) throws -> String {
        var state = PercentArgs(args)
        // Directives are ASCII, so the format is scanned as UTF-8 bytes and literal runs are
        // copied through unchanged.
        let s = Array(format.utf8)
        let n = s.count
        let percentSign = UInt8(ascii: "%")
        var out: [UInt8] = []
        out.reserveCapacity(n + 32)
        var i = 0
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        while i < n {
            if s[i] != percentSign {
                let runStart = i
                while i < n, s[i] != percentSign { i += 1 }
                out.append(contentsOf: s[runStart..<i])
                continue
            }
            let start = i
            i += 1
            guard i < n else { throw TemplateError(.value, "incomplete format") }
            if s[i] == UInt8(ascii: "(") {
                guard state.mapping != nil else { throw TemplateError(.type, "format requires a mapping") }
                var depth = 1
                i += 1
                let keyStart = i
                while i < n {
                    if s[i] == UInt8(ascii: "(") {
                        depth += 1
                    } else if s[i] == UInt8(ascii: ")") {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    i += 1
                }
                guard i < n else { throw TemplateError(.value, "incomplete format key") }
                let key = String(decoding: s[keyStart..<i], as: UTF8.self)
                i += 1
                try state.select(key)
            }
            var left = false, plus = false, space = false, alt = false, zero = false
            flags: while i < n {
                switch s[i] {
                case UInt8(ascii: "-"): left = true
                case UInt8(ascii: "+"): plus = true
                case UInt8(ascii: " "): space = true
                case UInt8(ascii: "#"): alt = true
                case UInt8(ascii: "0"): zero = true
                default: break flags
                }
                i += 1
            }
            var width = 0
            if i < n, s[i] == UInt8(ascii: "*") {
                let w = try state.next()
                guard let wi = w.intValue else { throw TemplateError(.type, "* wants int") }
                if wi < 0 { left = true }
                width = Int(clamping: wi.magnitude)
                i += 1
            } else {
                while i < n, isDigit(s[i]) {
                    width = width &* 10 &+ Int(s[i] - 0x30)
                    if width > 1_000_000_000 { throw TemplateError(.value, "width too big") }
                    i += 1
                }
            }
            var precision: Int? = nil
            if i < n, s[i] == UInt8(ascii: ".") {
                i += 1
                if i < n, s[i] == UInt8(ascii: "*") {
                    let p = try state.next()
                    guard let pi = p.intValue else { throw TemplateError(.type, "* wants int") }
                    precision = Swift.max(pi, 0)
                    i += 1
                } else {
                    var p = 0
                    while i < n, isDigit(s[i]) {
                        p = p &* 10 &+ Int(s[i] - 0x30)
                        if p > 1_000_000_000 { throw TemplateError(.value, "precision too big") }
                        i += 1
                    }
                    precision = p
                }
            }
            while i < n, s[i] == UInt8(ascii: "h") || s[i] == UInt8(ascii: "l") || s[i] == UInt8(ascii: "L") { i += 1 }
            guard i < n else { throw TemplateError(.value, "incomplete format") }
            let convByte = s[i]
            i += 1
            if convByte == percentSign && i == start + 2 {
                out.append(percentSign)
                continue
            }
            try Support.checkSize(width)
            if (precision ?? 0) > FloatFormat.maxPrecision {
                throw TemplateError(.overflow, "precision too big")
            }
            let v = try state.next()
            let conv = Unicode.Scalar(convByte)
            let plain = width == 0 && precision == nil && !plus && !space
            var spec = FormatSpec()
            spec.width = width
            spec.sign = plus ? UInt8(ascii: "+") : (space ? UInt8(ascii: " ") : nil)
            if left {
                spec.align = UInt8(ascii: "<")
            } else if zero {
                spec.align = UInt8(ascii: "=")
                spec.fill = "0"
            }
            let text: String
            switch conv {
            case "s", "r", "a":
                var body: String
                switch conv {
                case "s":
                    if case .string(let str) = v {
                        body = str
                    } else if let renderer, case .object = v {
                        body = try renderer.str(v)
                    } else {
                        body = v.pythonString
                    }
                case "r": body = v.pythonRepr
                default: body = asciiRepr(v.pythonRepr)
                }
                if plain {
                    out.append(contentsOf: body.utf8)
                    continue
                }
                if let p = precision, PyStr.length(body) > p { body = PyStr.slice(body, 0, p) }
                spec.fill = " "
                if spec.align == UInt8(ascii: "=") { spec.align = nil }
                text = spec.pad(sign: "", prefix: "", body: body, defaultAlign: UInt8(ascii: ">"))
            case "d", "i", "u", "o", "x", "X":
                text = try percentInt(v, conv, precision: precision, alternate: alt, spec: spec)
            case "e", "E", "f", "F", "g", "G":
                let d: Double
                switch v {
                case .undefined(let u): throw TemplateError(.undefined, u.message)
                case .int(let x): d = Double(x)
                case .bool(let b): d = b ? 1 : 0
                case .double(let x): d = x
                // Python formats a Decimal (a run_query numeric) through float()
                case .object(let o as DecimalObject): d = o.value.double
                default: throw TemplateError(.type, "must be real number, not \(v.typeName)")
                }
                let body = FloatFormat.body(d, type: Character(conv), precision: precision ?? 6, alternate: alt)
                text = spec.pad(sign: PyFormatSpec.signText(FloatFormat.isNegative(d), spec.sign),
                                prefix: "", body: body, defaultAlign: UInt8(ascii: ">"))
            case "c":
                var body: String
                switch v {
                case .int, .bool:
                    let code = v.intValue ?? 0
                    guard code >= 0, code < 0x110000, let sc = Unicode.Scalar(UInt32(code)) else {
                        throw TemplateError(.overflow, "%c arg not in range(0x110000)")
                    }
                    body = String(Character(sc))
                case .string(let str) where PyStr.length(str) == 1:
                    body = str
                default:
                    throw TemplateError(.type, "%c requires int or char")
                }
                spec.fill = " "
                if spec.align == UInt8(ascii: "=") { spec.align = nil }
                text = spec.pad(sign: "", prefix: "", body: body, defaultAlign: UInt8(ascii: ">"))
            default:
                // Report the whole (possibly non-ASCII) character and its code-point index.
                let at = PyStr.codePointIndex(s, byteOffset: i - 1)
                let rest = String(decoding: s[(i - 1)...], as: UTF8.self)
                let ch = rest.unicodeScalars.first ?? conv
                throw TemplateError(.value,
                    "unsupported format character '\(Character(ch))' (0x\(String(ch.value, radix: 16))) at index \(at)")
            }
            out.append(contentsOf: text.utf8)
        }
        if state.unconsumed {
            throw TemplateError(.type, "not all arguments converted during string formatting")
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func percentInt(
        _ v: Value, _ conv: Unicode.Scalar, precision: Int?, alternate: Bool, spec: FormatSpec
    ) throws -> String {
        // %d of a Decimal is int() of it, as of a float
        if case .object(let o as DecimalObject) = v, conv == "d" || conv == "i" || conv == "u" {
            return try percentInt(.double(o.value.double), conv, precision: precision, alternate: alternate, spec: spec)
        }
        let negative: Bool
        var digits: String
        switch v {
        case .int, .bool:
            let n = v.intValue ?? 0
            negative = n < 0
            let m = n.magnitude
            switch conv {
            case "o": digits = String(m, radix: 8)
            case "x": digits = String(m, radix: 16)
            case "X": digits = String(m, radix: 16, uppercase: true)
            default: digits = String(m)
            }
        case .undefined(let u) where conv == "d" || conv == "i" || conv == "u":
            // Undefined's __int__ raises; %x/%o ask for __index__, which it lacks (TypeError).
            throw TemplateError(.undefined, u.message)
        case .double(let x) where conv == "d" || conv == "i" || conv == "u":
            if x.isNaN { throw TemplateError(.value, "cannot convert float NaN to integer") }
            if x.isInfinite { throw TemplateError(.overflow, "cannot convert float infinity to integer") }
            let t = x.rounded(.towardZero)
            negative = t < 0
            // Integral doubles print exactly with %.0f, also beyond Int's range.
            digits = FloatFormat.c(t, "f", precision: 0)
        default:
            if conv == "d" || conv == "i" || conv == "u" {
                throw TemplateError(.type, "%\(Character(conv)) format: a real number is required, not \(v.typeName)")
            }
            throw TemplateError(.type, "%\(Character(conv)) format: an integer is required, not \(v.typeName)")
        }
        var prefix = ""
        if alternate {
            switch conv {
            case "o": prefix = "0o"
            case "x": prefix = "0x"
            case "X": prefix = "0X"
            default: break
            }
        }
        if let p = precision, digits.count < p {
            digits = String(repeating: "0", count: p - digits.count) + digits
        }
        return spec.pad(sign: PyFormatSpec.signText(negative, spec.sign), prefix: prefix, body: digits,
                        defaultAlign: UInt8(ascii: ">"))
    }

    /// Python's ascii(): repr with non-ASCII code points escaped.
    static func asciiRepr(_ repr: String) -> String {
        var out = ""
        for sc in repr.unicodeScalars {
            if sc.isASCII {
                out.unicodeScalars.append(sc)
            } else if sc.value <= 0xFF {
                out += "\\x" + hexDigits(sc.value, 2)
            } else if sc.value <= 0xFFFF {
                out += "\\u" + hexDigits(sc.value, 4)
            } else {
                out += "\\U" + hexDigits(sc.value, 8)
            }
        }
        return out
    }

    static func hexDigits(_ v: UInt32, _ width: Int) -> String {
        let h = String(v, radix: 16)
        return h.count < width ? String(repeating: "0", count: width - h.count) + h : h
    }
}

/// The argument cursor of one %-format, modelled on CPython's (args, arglen, argidx): a
/// tuple is consumed item by item; any other value is one argument; after `%(key)` the looked-up
/// value becomes the single current argument.
private struct PercentArgs {
    var args: Value
    var items: [Value]
    var length: Int
    var position: Int
    let mapping: Value?

    init(_ value: Value) {
        args = value
        switch value {
        case .tuple(let t):
            items = t
            length = t.count
            position = 0
            mapping = nil
        case .dict, .list:
            items = []
            length = -1
            position = -2
            mapping = value
        default:
            items = []
            length = -1
            position = -2
            mapping = nil
        }
    }

    mutating func next() throws -> Value {
        guard position < length else { throw TemplateError(.type, "not enough arguments for format string") }
        position += 1
        if length < 0 { return args }
        return items[position - 1]
    }

    mutating func select(_ key: String) throws {
        switch mapping {
        case .dict(let d)?:
            guard let v = d.get(key) else { throw TemplateError(.key, pythonStringRepr(key)) }
            args = v
        case .list?:
            throw TemplateError(.type, "list indices must be integers or slices, not str")
        default:
            throw TemplateError(.type, "format requires a mapping")
        }
        length = -1
        position = -2
    }

    var unconsumed: Bool { mapping == nil && position < length }
}
