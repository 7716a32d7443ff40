// How values print: Python's str() and repr(), which is what Jinja2 writes for `{{ x }}`.
// Floats follow Python's repr (shortest round-trip digits, exponent below 1e-4 or from 1e16).

extension Value {
    /// Python `str(value)` for everything but host objects, which need a renderer
    /// (see `Renderer.str`). Undefined prints as nothing.
    public var pythonString: String {
        switch self {
        case .string(let s): return s
        case .undefined: return ""
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return pythonFloatRepr(d)
        case .list, .tuple, .dict: return pythonRepr
        case .callable(let c):
            if let m = c.macro { return m.definition.isAnonymous ? "<Macro anonymous>" : "<Macro '\(c.name)'>" }
            return "<function \(c.name)>"
        case .object(let o): return o.pythonRepr
        }
    }

    /// Python `repr(value)`: strings quoted, containers with their items' reprs; a container
    /// inside itself prints as `[...]` or `{...}` (ValueRecursion.swift).
    public var pythonRepr: String {
        switch self {
        case .string(let s): return pythonStringRepr(s)
        case .list, .tuple, .dict:
            var walk = ReprWalk()
            return repr(&walk)
        case .undefined: return "Undefined"
        case .object(let o): return o.pythonRepr
        default: return pythonString
        }
    }
}

/// Python's repr of a str: single quotes unless the text has a single quote and no double one.
public func pythonStringRepr(_ s: String) -> String {
    // Most strings (names, SQL snippets) are printable ASCII without backslashes, and repr
    // only wraps them: in single quotes, or in double ones when only single ones are inside.
    switch reprQuote(s) {
    case .some(0x27): return "'" + s + "'"
    case .some: return "\"" + s + "\""
    case nil:
        var out: [UInt8] = []
        appendEscapedPythonStringRepr(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// `pythonStringRepr(s)` appended as bytes (a generic test's id hashes the repr of its
/// arguments, `{{ get_where_subquery(ref('x')) }}` for every test: no String per piece).
public func appendPythonStringRepr(_ s: String, to out: inout [UInt8]) {
    if let quote = reprQuote(s) {
        out.append(quote)
        out.append(contentsOf: s.utf8)
        out.append(quote)
    } else {
        appendEscapedPythonStringRepr(s, to: &out)
    }
}

/// The quote repr wraps `s` in when nothing in it needs escaping (printable ASCII without a
/// backslash, and not both kinds of quote); nil when something does.
private func reprQuote(_ s: String) -> UInt8? {
    var single = false, double = false
    for b in s.utf8 {
        if b < 0x20 || b >= 0x7f || b == 0x5c { return nil }
        if b == 0x27 { single = true } else if b == 0x22 { double = true }
    }
    if !single { return 0x27 }
    return double ? nil : 0x22
}

private func appendEscapedPythonStringRepr(_ s: String, to out: inout [UInt8]) {
    let useDouble = s.utf8.contains(0x27) && !s.utf8.contains(0x22)
    let quote: UInt8 = useDouble ? 0x22 : 0x27
    // Byte by byte: every escape is ASCII, and U+0080...U+009F (escaped as \xHH) are the
    // two-byte sequences C2 80...C2 9F.
    out.append(quote)
    out.reserveCapacity(out.count + s.utf8.count + 8)
    func escape(_ letter: Character) { out.append(0x5c); out.append(contentsOf: String(letter).utf8) }
    func hexEscape(_ v: UInt8) { out.append(contentsOf: "\\x".utf8); out.append(contentsOf: hex(UInt32(v), width: 2).utf8) }
    var previousC2 = false
    for b in s.utf8 {
        if previousC2 {
            previousC2 = false
            if b >= 0x80 && b < 0xa0 { hexEscape(b); continue }
            out.append(0xc2)
        }
        switch b {
        case 0x5c: escape("\\")
        case 0x0a: escape("n")
        case 0x0d: escape("r")
        case 0x09: escape("t")
        case 0x27 where !useDouble: escape("'")
        case 0xc2: previousC2 = true
        default:
            if b < 0x20 || b == 0x7f { hexEscape(b) } else { out.append(b) }
        }
    }
    if previousC2 { out.append(0xc2) }
    out.append(quote)
}

private func hex(_ v: UInt32, width: Int) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: max(0, width - s.count)) + s
}

/// Python's `repr(float)`: shortest digits that round-trip; scientific notation when the
/// decimal exponent is below -4 or at least 16; always a `.0` on integral values.
public func pythonFloatRepr(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
    // Swift's description also yields shortest round-trip digits; take them apart and
    // re-assemble them with Python's layout rules.
    var text = "\(d.magnitude)"
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        exponent = Int(text[text.index(after: e)...]) ?? 0
        text = String(text[..<e])
    }
    var intPart = text
    var fracPart = ""
    if let dot = text.firstIndex(of: ".") {
        intPart = String(text[..<dot])
        fracPart = String(text[text.index(after: dot)...])
    }
    // digits as one string with the decimal point after `pointPos` digits
    var digits = intPart + fracPart
    var pointPos = intPart.count + exponent
    // strip leading zeros
    while digits.count > 1, digits.first == "0" {
        digits.removeFirst()
        pointPos -= 1
    }
    while digits.count > 1, digits.last == "0" { digits.removeLast() }
    let sciExp = pointPos - 1
    var out = d.sign == .minus ? "-" : ""
    if sciExp < -4 || sciExp >= 16 {
        out += String(digits.first ?? "0")
        let rest = digits.dropFirst()
        if !rest.isEmpty { out += "." + rest }
        out += "e" + (sciExp < 0 ? "-" : "+")
        let e = String(abs(sciExp))
        out += e.count < 2 ? "0" + e : e
        return out
    }
    if pointPos <= 0 {
        out += "0." + String(repeating: "0", count: -pointPos) + digits
    } else if pointPos >= digits.count {
        out += digits + String(repeating: "0", count: pointPos - digits.count) + ".0"
    } else {
        let idx = digits.index(digits.startIndex, offsetBy: pointPos)
        out += digits[..<idx] + "." + digits[idx...]
    }
    return out
}
