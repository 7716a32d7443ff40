// Typing of plain (unquoted) YAML scalars the way dbt sees them: PyYAML's SafeLoader resolves
// YAML 1.1 implicit types, so `yes`/`on` are booleans, `~` and the empty scalar are null,
// `0x1F`, `017` (octal) and `1_000` are integers, `1.5`, `.inf` and `6.8e+3` are floats (but
// `1e3`, with no dot, is a string). Quoted and block scalars are always strings. Timestamps
// (`2018-01-01`) stay strings: templates print them the same way.

enum YAMLScalar {
    /// The value of a plain scalar.
    static func resolve(_ text: String, _ span: SourceSpan) -> YAMLValue {
        guard let first = text.utf8.first else { return .null(span) }
        switch first {
        case UInt8(ascii: "~"):
            return text == "~" ? .null(span) : .string(text, span)
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            if text == "null" || text == "Null" || text == "NULL" { return .null(span) }
            if let bool = boolValue(text) { return .bool(bool, span) }
            return .string(text, span)
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"),
             UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            if let bool = boolValue(text) { return .bool(bool, span) }
            return .string(text, span)
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), 48...57:
            return number(text, span)
        default:
            return .string(text, span)
        }
    }

    /// Ints and floats (every one starts with a sign, a digit or a dot); else a string.
    static func number(_ text: String, _ span: SourceSpan) -> YAMLValue {
        let b = Array(text.utf8)
        if isInt(b) {
            if let i = intValue(b) { return .int(i, span) }
            if let d = Double(String(decoding: b.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)) {
                return .double(d, span)  // an integer too large for Int
            }
            return .string(text, span)
        }
        if isFloat(b), let d = floatValue(b) { return .double(d, span) }
        return .string(text, span)
    }

    static func boolValue(_ s: String) -> Bool? {
        switch s {
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return true
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    static func isOctal(_ c: UInt8) -> Bool { c >= 48 && c <= 55 }
    static func isHex(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
    }
    static let underscore = UInt8(ascii: "_")
    static let colon = UInt8(ascii: ":")
    static let dot = UInt8(ascii: ".")

    /// Index after an optional sign.
    static func afterSign(_ b: [UInt8]) -> Int {
        if let c = b.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { return 1 }
        return 0
    }

    /// True when every byte of b[from...] satisfies `ok` and there is at least one.
    static func all(_ b: [UInt8], from: Int, _ ok: (UInt8) -> Bool) -> Bool {
        guard from < b.count else { return false }
        for i in from..<b.count where !ok(b[i]) { return false }
        return true
    }

    /// `:[0-5]?[0-9]` groups repeated to the end, starting at `i` (sexagesimal tail).
    static func isSexagesimalTail(_ b: [UInt8], from start: Int, end: Int) -> Bool {
        var i = start
        guard i < end else { return false }
        while i < end {
            guard b[i] == colon else { return false }
            i += 1
            guard i < end, isDigit(b[i]) else { return false }
            if i + 1 < end, isDigit(b[i + 1]) {
                guard b[i] <= UInt8(ascii: "5") else { return false }
                i += 2
            } else {
                i += 1
            }
        }
        return true
    }

    /// PyYAML's int pattern.
    static func isInt(_ b: [UInt8]) -> Bool {
        let s = afterSign(b)
        guard s < b.count else { return false }
        let rest = b.count - s
        if rest >= 2, b[s] == UInt8(ascii: "0"), b[s + 1] == UInt8(ascii: "b") {
            return all(b, from: s + 2) { $0 == 48 || $0 == 49 || $0 == underscore }
        }
        if rest >= 2, b[s] == UInt8(ascii: "0"), b[s + 1] == UInt8(ascii: "x") {
            return all(b, from: s + 2) { isHex($0) || $0 == underscore }
        }
        if b[s] == UInt8(ascii: "0") {
            return rest == 1 || all(b, from: s + 1) { isOctal($0) || $0 == underscore }
        }
        guard isDigit(b[s]) else { return false }
        var i = s + 1
        while i < b.count, isDigit(b[i]) || b[i] == underscore { i += 1 }
        if i == b.count { return true }
        return isSexagesimalTail(b, from: i, end: b.count)
    }

    static func intValue(_ b: [UInt8]) -> Int? {
        let s = afterSign(b)
        let negative = s == 1 && b.first == UInt8(ascii: "-")
        let digits = b[s...].filter { $0 != underscore }
        var magnitude: Int?
        if digits == [48] {
            magnitude = 0
        } else if digits.count >= 2, digits[0] == 48, digits[1] == UInt8(ascii: "b") {
            magnitude = Int(String(decoding: digits.dropFirst(2), as: UTF8.self), radix: 2)
        } else if digits.count >= 2, digits[0] == 48, digits[1] == UInt8(ascii: "x") {
            magnitude = Int(String(decoding: digits.dropFirst(2), as: UTF8.self), radix: 16)
        } else if digits.first == 48 {
            magnitude = Int(String(decoding: digits.dropFirst(1), as: UTF8.self), radix: 8)
        } else if digits.contains(colon) {
            var total = 0
            for part in digits.split(separator: colon) {
                guard let p = Int(String(decoding: part, as: UTF8.self)) else { return nil }
                let (m, o1) = total.multipliedReportingOverflow(by: 60)
                let (a, o2) = m.addingReportingOverflow(p)
                if o1 || o2 { return nil }
                total = a
            }
            magnitude = total
        } else {
            magnitude = Int(String(decoding: digits, as: UTF8.self))
        }
        guard let m = magnitude else { return nil }
        return negative ? -m : m
    }

    /// PyYAML's float pattern.
    static func isFloat(_ b: [UInt8]) -> Bool {
        let text = String(decoding: b, as: UTF8.self)
        switch text {
        case ".nan", ".NaN", ".NAN": return true
        default: break
        }
        let s = afterSign(b)
        guard s < b.count else { return false }
        switch String(decoding: b[s...], as: UTF8.self) {
        case ".inf", ".Inf", ".INF": return true
        default: break
        }
        // \.[0-9_]+ (exponent) — unsigned only
        if b[s] == dot {
            guard s == 0 else { return false }
            var i = 1
            while i < b.count, isDigit(b[i]) || b[i] == underscore { i += 1 }
            guard i > 1 else { return false }
            return i == b.count || isExponent(b, from: i)
        }
        guard isDigit(b[s]) else { return false }
        var i = s + 1
        while i < b.count, isDigit(b[i]) || b[i] == underscore { i += 1 }
        guard i < b.count else { return false }
        if b[i] == dot {
            i += 1
            while i < b.count, isDigit(b[i]) || b[i] == underscore { i += 1 }
            return i == b.count || isExponent(b, from: i)
        }
        if b[i] == colon {
            // [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
            guard let dotAt = b[i...].firstIndex(of: dot) else { return false }
            guard isSexagesimalTail(b, from: i, end: dotAt) else { return false }
            var j = dotAt + 1
            while j < b.count, isDigit(b[j]) || b[j] == underscore { j += 1 }
            return j == b.count
        }
        return false
    }

    /// `[eE][-+][0-9]+` to the end.
    static func isExponent(_ b: [UInt8], from i: Int) -> Bool {
        guard i + 2 < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E"),
              b[i + 1] == UInt8(ascii: "-") || b[i + 1] == UInt8(ascii: "+") else { return false }
        return all(b, from: i + 2, isDigit)
    }

    static func floatValue(_ b: [UInt8]) -> Double? {
        let cleaned = String(decoding: b.filter { $0 != underscore }, as: UTF8.self).lowercased()
        var sign = 1.0
        var body = Substring(cleaned)
        if body.hasPrefix("-") {
            sign = -1
            body = body.dropFirst()
        } else if body.hasPrefix("+") {
            body = body.dropFirst()
        }
        if body == ".inf" { return sign * .infinity }
        if body == ".nan" { return .nan }
        if body.contains(":") {
            var total = 0.0
            for part in body.split(separator: ":") {
                guard let p = Double(part) else { return nil }
                total = total * 60 + p
            }
            return sign * total
        }
        guard let d = Double(body) else { return nil }
        return sign * d
    }
}
