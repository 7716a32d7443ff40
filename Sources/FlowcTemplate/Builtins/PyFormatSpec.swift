// Python's format-spec mini-language ([[fill]align][sign][z][#][0][width][grouping][.precision]
// [type]) as used by str.format and format(), for str, int, bool and float values.

struct FormatSpec {
    var fill: Unicode.Scalar = " "
    var fillGiven = false
    var align: UInt8? = nil
    var sign: UInt8? = nil
    var alternate = false
    var zeroCoerce = false
    var width = 0
    var grouping: UInt8? = nil
    var precision: Int? = nil
    var type: Character? = nil

    static func parse(_ text: String, defaultAlignRight: Bool, typeName: String) throws -> FormatSpec {
        var spec = FormatSpec()
        let s = Array(text.unicodeScalars)
        var i = 0
        func isAlign(_ c: Unicode.Scalar) -> Bool { c == "<" || c == ">" || c == "=" || c == "^" }
        if s.count >= 2, isAlign(s[1]) {
            spec.fill = s[0]
            spec.fillGiven = true
            spec.align = UInt8(s[1].value)
            i = 2
        } else if let c = s.first, isAlign(c) {
            spec.align = UInt8(c.value)
            i = 1
        }
        if i < s.count, s[i] == "+" || s[i] == "-" || s[i] == " " {
            spec.sign = UInt8(s[i].value)
            i += 1
        }
        if i < s.count, s[i] == "z" { spec.zeroCoerce = true; i += 1 }
        if i < s.count, s[i] == "#" { spec.alternate = true; i += 1 }
        if i < s.count, s[i] == "0" {
            if !spec.fillGiven {
                spec.fill = "0"
                if spec.align == nil && defaultAlignRight { spec.align = UInt8(ascii: "=") }
            }
            i += 1
        }
        var width = 0
        var digits = 0
        while i < s.count, s[i].value >= 0x30 && s[i].value <= 0x39 {
            width = width &* 10 &+ Int(s[i].value - 0x30)
            digits += 1
            i += 1
            if digits > 9 { throw TemplateError(.value, "Too many decimal digits in format string") }
        }
        try Support.checkSize(width)
        spec.width = width
        if i < s.count, s[i] == "," || s[i] == "_" {
            spec.grouping = UInt8(s[i].value)
            i += 1
        }
        if i < s.count, s[i] == "." {
            i += 1
            var p = 0
            var pd = 0
            while i < s.count, s[i].value >= 0x30 && s[i].value <= 0x39 {
                p = p &* 10 &+ Int(s[i].value - 0x30)
                pd += 1
                i += 1
                if pd > 9 { throw TemplateError(.value, "Too many decimal digits in format string") }
            }
            if pd == 0 { throw TemplateError(.value, "Format specifier missing precision") }
            spec.precision = p
        }
        if s.count - i > 1 {
            throw TemplateError(.value, "Invalid format specifier \(pythonStringRepr(text)) for object of type '\(typeName)'")
        }
        if i < s.count { spec.type = Character(s[i]) }
        return spec
    }

    /// Pads `sign + prefix + body` to the width: '=' puts the fill between sign/prefix and
    /// digits, which is how zero-padding works.
    func pad(sign: String, prefix: String, body: String, defaultAlign: UInt8) -> String {
        let content = sign + prefix + body
        let n = PyStr.length(content)
        guard width > n else { return content }
        let padding = width - n
        switch align ?? defaultAlign {
        case UInt8(ascii: "<"): return content + PyStr.pad(fill, padding)
        case UInt8(ascii: "^"):
            let left = padding / 2
            return PyStr.pad(fill, left) + content + PyStr.pad(fill, padding - left)
        case UInt8(ascii: "="): return sign + prefix + PyStr.pad(fill, padding) + body
        default: return PyStr.pad(fill, padding) + content
        }
    }
}

enum PyFormatSpec {
    /// Python `format(value, spec)`.
    static func format(_ v: Value, _ specText: String, _ r: Renderer?) throws -> String {
        switch v {
        case .string(let s):
            if specText.isEmpty { return s }
            return try formatString(s, FormatSpec.parse(specText, defaultAlignRight: false, typeName: "str"))
        case .int(let i):
            if specText.isEmpty { return String(i) }
            return try formatInt(i, FormatSpec.parse(specText, defaultAlignRight: true, typeName: "int"), typeName: "int")
        case .bool(let b):
            // bool inherits int.__format__, which prints True only for an empty spec.
            if specText.isEmpty { return b ? "True" : "False" }
            return try formatInt(b ? 1 : 0, FormatSpec.parse(specText, defaultAlignRight: true, typeName: "bool"), typeName: "bool")
        case .double(let d):
            if specText.isEmpty { return pythonFloatRepr(d) }
            return try formatDouble(d, FormatSpec.parse(specText, defaultAlignRight: true, typeName: "float"))
        default:
            if specText.isEmpty {
                if let r { return try r.str(v) }
                return v.pythonString
            }
            if case .object(let o) = v, let text = try o.format(specText) { return text }
            throw TemplateError(.type, "unsupported format string passed to \(v.typeName).__format__")
        }
    }

    static func formatString(_ s: String, _ spec: FormatSpec) throws -> String {
        if let t = spec.type, t != "s" {
            throw TemplateError(.value, "Unknown format code '\(t)' for object of type 'str'")
        }
        if spec.sign != nil { throw TemplateError(.value, "Sign not allowed in string format specifier") }
        if spec.alternate { throw TemplateError(.value, "Alternate form (#) not allowed in string format specifier") }
        if spec.align == UInt8(ascii: "=") {
            throw TemplateError(.value, "'=' alignment not allowed in string format specifier")
        }
        if let g = spec.grouping {
            throw TemplateError(.value, "Cannot specify '\(Character(Unicode.Scalar(g)))' with 's'.")
        }
        var body = s
        if let p = spec.precision, PyStr.length(s) > p { body = PyStr.slice(s, 0, p) }
        return spec.pad(sign: "", prefix: "", body: body, defaultAlign: UInt8(ascii: "<"))
    }

    static func signText(_ negative: Bool, _ flag: UInt8?) -> String {
        if negative { return "-" }
        switch flag {
        case UInt8(ascii: "+"): return "+"
        case UInt8(ascii: " "): return " "
        default: return ""
        }
    }

    static func formatInt(_ i: Int, _ spec: FormatSpec, typeName: String) throws -> String {
        let t = spec.type ?? "d"
        switch t {
        case "e", "E", "f", "F", "g", "G", "%":
            return try formatDouble(Double(i), spec)
        case "n":
            var s = spec
            s.type = "d"
            return try formatInt(i, s, typeName: typeName)
        case "d", "b", "o", "x", "X", "c":
            break
        default:
            throw TemplateError(.value, "Unknown format code '\(t)' for object of type '\(typeName)'")
        }
        if spec.precision != nil {
            throw TemplateError(.value, "Precision not allowed in integer format specifier")
        }
        if let g = spec.grouping, t != "d" && (g == UInt8(ascii: ",") || t == "c") {
            throw TemplateError(.value, "Cannot specify '\(Character(Unicode.Scalar(g)))' with '\(t)'.")
        }
        if t == "c" {
            if spec.sign != nil {
                throw TemplateError(.value, "Sign not allowed with integer format specifier 'c'")
            }
            guard i >= 0, i < 0x110000, let sc = Unicode.Scalar(UInt32(i)) else {
                throw TemplateError(.overflow, "%c arg not in range(0x110000)")
            }
            return spec.pad(sign: "", prefix: "", body: String(Character(sc)), defaultAlign: UInt8(ascii: ">"))
        }
        let m = i.magnitude
        var digits: String
        var prefix = ""
        var groupSize = 3
        switch t {
        case "b": digits = String(m, radix: 2); prefix = "0b"; groupSize = 4
        case "o": digits = String(m, radix: 8); prefix = "0o"; groupSize = 4
        case "x": digits = String(m, radix: 16); prefix = "0x"; groupSize = 4
        case "X": digits = String(m, radix: 16, uppercase: true); prefix = "0X"; groupSize = 4
        default: digits = String(m)
        }
        if !spec.alternate { prefix = "" }
        let sign = signText(i < 0, spec.sign)
        let body = groupedZeroPadded(digits, fraction: "", sign: sign, prefix: prefix, spec: spec, groupSize: groupSize)
        return spec.pad(sign: sign, prefix: prefix, body: body, defaultAlign: UInt8(ascii: ">"))
    }

    static func formatDouble(_ d: Double, _ spec: FormatSpec) throws -> String {
        let t = spec.type
        switch t {
        case nil, "e", "E", "f", "F", "g", "G", "%": break
        case "n":
            var s = spec
            s.type = "g"
            return try formatDouble(d, s)
        default:
            throw TemplateError(.value, "Unknown format code '\(t ?? " ")' for object of type 'float'")
        }
        if let p = spec.precision, p > FloatFormat.maxPrecision {
            throw TemplateError(.value, "precision too big")
        }
        var value = d
        var body = FloatFormat.body(d, type: t, precision: spec.precision, alternate: spec.alternate)
        if spec.zeroCoerce, FloatFormat.isNegative(d), isAllZero(body) { value = 0 }
        if spec.alternate, t == nil, spec.precision == nil, d.isFinite, !body.utf8.contains(UInt8(ascii: ".")),
           !body.utf8.contains(UInt8(ascii: "e")) {
            body += ".0"
        }
        let sign = signText(FloatFormat.isNegative(value), spec.sign)
        if spec.grouping != nil && d.isFinite {
            // Group the integer digits only; the fraction/exponent stays as is.
            let bytes = Array(body.utf8)
            var k = 0
            while k < bytes.count, bytes[k] >= 0x30 && bytes[k] <= 0x39 { k += 1 }
            let intPart = String(decoding: bytes[0..<k], as: UTF8.self)
            let rest = String(decoding: bytes[k...], as: UTF8.self)
            body = groupedZeroPadded(intPart, fraction: rest, sign: sign, prefix: "", spec: spec, groupSize: 3)
        }
        return spec.pad(sign: sign, prefix: "", body: body, defaultAlign: UInt8(ascii: ">"))
    }

    private static func isAllZero(_ s: String) -> Bool {
        for b in s.utf8 where b >= 0x31 && b <= 0x39 { return false }
        return true
    }

    /// Inserts grouping separators; with zero-padding ('=' and fill '0') Python grows the
    /// digit run with zeros so separators land in the padding too.
    static func groupedZeroPadded(
        _ digits: String, fraction: String, sign: String, prefix: String, spec: FormatSpec, groupSize: Int
    ) -> String {
        guard let g = spec.grouping else { return digits + fraction }
        let sep = Character(Unicode.Scalar(g))
        var raw = Array(digits)
        func group(_ ds: [Character]) -> String {
            var out = ""
            for (i, ch) in ds.enumerated() {
                if i > 0 && (ds.count - i) % groupSize == 0 { out.append(sep) }
                out.append(ch)
            }
            return out
        }
        var grouped = group(raw)
        if spec.fill == "0" && spec.align == UInt8(ascii: "=") {
            let fixed = sign.count + prefix.count + PyStr.length(fraction)
            while fixed + grouped.count < spec.width {
                raw.insert("0", at: 0)
                grouped = group(raw)
            }
        }
        return grouped + fraction
    }
}
