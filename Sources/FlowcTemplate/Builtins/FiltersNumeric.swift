// Numeric filters (abs, int, float, round, filesizeformat) and the Python int()/float()
// string parsers they rest on, which accept exactly what Python accepts (underscores between
// digits, surrounding whitespace, base prefixes, inf/nan) and nothing else (no hex floats).

extension Builtins {
    static let numericFilters: [String: FilterFunction] = [
        "abs": absFilter,
        "int": intFilter,
        "float": floatFilter,
        "round": roundFilter,
        "filesizeformat": filesizeformat,
    ]

    @Sendable static func absFilter(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        _ = try Params(a, "abs", [])
        switch v {
        case .int(let i): return i == Int.min ? .double(-Double(i)) : .int(Swift.abs(i))
        case .bool(let b): return .int(b ? 1 : 0)
        case .double(let d): return .double(d.magnitude)
        default:
            if var d = v.decimalValue { d.negative = false; return .decimal(d) }
            throw TemplateError(.type, "bad operand type for abs(): '\(v.typeName)'")
        }
    }

    @Sendable static func intFilter(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "int", ["default", "base"])
        let dflt = p[0] ?? .int(0)
        switch v {
        case .int: return v
        case .bool(let b): return .int(b ? 1 : 0)
        case .double(let d):
            if d.isNaN { return dflt }
            // int(inf) raises OverflowError, which Jinja's filter does not catch.
            if d.isInfinite { throw TemplateError(.overflow, "cannot convert float infinity to integer") }
            return PyNumber.truncate(d)
        case .string(let s):
            var base = 10
            if let b = p[1] { base = try Support.index(b) }
            if let i = PyNumber.parseInt(s, base: base) { return i }
            if let d = PyNumber.parseFloat(s), d.isFinite { return PyNumber.truncate(d) }
            return dflt
        case .undefined(let u):
            throw TemplateError(.undefined, u.message)
        default:
            if let d = v.decimalValue { return d.truncated.map { .int($0) } ?? .double(d.double.rounded(.towardZero)) }
            return dflt
        }
    }

    @Sendable static func floatFilter(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "float", ["default"])
        let dflt = p[0] ?? .double(0)
        switch v {
        case .double: return v
        case .int(let i): return .double(Double(i))
        case .bool(let b): return .double(b ? 1 : 0)
        case .string(let s): return PyNumber.parseFloat(s).map { .double($0) } ?? dflt
        case .undefined(let u): throw TemplateError(.undefined, u.message)
        default: return v.decimalValue.map { .double($0.double) } ?? dflt
        }
    }

    @Sendable static func roundFilter(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "round", ["precision", "method"])
        let precision = try Support.index(p[0], default: 0)
        var method = "common"
        if let m = p[1] { method = m.stringValue ?? "" }
        guard method == "common" || method == "ceil" || method == "floor" else {
            throw TemplateError(.runtime, "method must be common, ceil or floor")
        }
        if method == "common" {
            switch v {
            case .double(let d): return .double(FloatFormat.round(d, precision))
            case .int, .bool:
                let i = v.intValue ?? 0
                return .int(PyNumber.roundInt(i, precision))
            // Python's round(Decimal, n): a Decimal with n places, half to even
            case _ where v.decimalValue != nil:
                guard let q = v.decimalValue?.quantized(places: precision) else {
                    throw TemplateError(.value, "[<class 'decimal.InvalidOperation'>]")
                }
                return .decimal(q)
            default:
                throw TemplateError(.type, "type \(v.typeName) doesn't define __round__ method")
            }
        }
        try Support.requireDefined(v)
        guard let x = v.doubleValue ?? v.decimalValue?.double else {
            throw TemplateError(.type, "must be real number, not \(v.typeName)")
        }
        let scale = Foundation_pow(10, Double(precision))
        let scaled = x * scale
        if scaled.isNaN { throw TemplateError(.value, "cannot convert float NaN to integer") }
        if scaled.isInfinite { throw TemplateError(.overflow, "cannot convert float infinity to integer") }
        let rounded = method == "ceil" ? scaled.rounded(.up) : scaled.rounded(.down)
        return .double(rounded / scale)
    }

    @Sendable static func filesizeformat(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "filesizeformat", ["binary"])
        let binary = Support.flag(p[0])
        let bytes = try PyNumber.toFloat(v)
        let base: Double = binary ? 1024 : 1000
        let prefixes = binary ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
                              : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        if bytes == 1 { return .string("1 Byte") }
        if bytes < base {
            if bytes.isInfinite { throw TemplateError(.overflow, "cannot convert float infinity to integer") }
            let t = bytes.rounded(.towardZero)
            return .string((FloatFormat.isNegative(t) && t != 0 ? "-" : "") + FloatFormat.c(t, "f", precision: 0) + " Bytes")
        }
        func render(_ x: Double, _ prefix: String) -> String {
            let sign = FloatFormat.isNegative(x) ? "-" : ""
            let body = x.isFinite ? FloatFormat.c(x, "f", precision: 1) : FloatFormat.nonFinite(x, upper: false)
            return sign + body + " " + prefix
        }
        var unit = base
        for (i, prefix) in prefixes.enumerated() {
            unit = Foundation_pow(base, Double(i + 2))
            if bytes < unit { return .string(render(base * bytes / unit, prefix)) }
        }
        return .string(render(base * bytes / unit, prefixes.last ?? "YB"))
    }
}

enum PyNumber {
    /// int(x) of a finite double; beyond Int's range Python makes a big int, which this
    /// engine approximates with the (integral) float.
    static func truncate(_ d: Double) -> Value {
        let t = d.rounded(.towardZero)
        if let i = Int(exactly: t) { return .int(i) }
        return .double(t)
    }

    /// Python float(x) for values (the `float()` conversions builtins perform).
    static func toFloat(_ v: Value) throws -> Double {
        switch v {
        case .double(let d): return d
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .string(let s):
            guard let d = parseFloat(s) else {
                throw TemplateError(.value, "could not convert string to float: \(pythonStringRepr(s))")
            }
            return d
        case .undefined(let u): throw TemplateError(.undefined, u.message)
        default:
            throw TemplateError(.type, "float() argument must be a string or a real number, not '\(v.typeName)'")
        }
    }

    /// round(int, ndigits): ties to even at the 10^-ndigits place.
    static func roundInt(_ i: Int, _ ndigits: Int) -> Int {
        guard ndigits < 0 else { return i }
        if ndigits < -18 { return 0 }
        var pow10 = 1
        for _ in 0..<(-ndigits) { pow10 *= 10 }
        let q = i / pow10
        let rem = i - q * pow10
        var lower = q
        var r = rem
        if r < 0 { lower -= 1; r += pow10 }
        // lower*pow10 <= i < (lower+1)*pow10, r = i - lower*pow10
        let twice = r.multipliedReportingOverflow(by: 2)
        let roundUp: Bool
        if twice.overflow || twice.partialValue > pow10 {
            roundUp = true
        } else if twice.partialValue < pow10 {
            roundUp = false
        } else {
            roundUp = lower & 1 != 0
        }
        let chosen = roundUp ? lower + 1 : lower
        let (result, o) = chosen.multipliedReportingOverflow(by: pow10)
        return o ? i : result
    }

    private static func trimmed(_ s: String) -> [UInt8] {
        PyStr.isASCII(s) ? Array(s.utf8).trimmedASCIIWhitespace() : Array(PyStr.strip(s, nil).utf8)
    }

    /// Python int(s, base).
    static func parseInt(_ s: String, base requested: Int) -> Value? {
        guard requested == 0 || (2...36).contains(requested) else { return nil }
        let b = trimmed(s)
        var i = 0
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        var base = requested
        var prefixed = false
        if i + 1 < b.count, b[i] == UInt8(ascii: "0") {
            let p = b[i + 1] | 0x20
            let prefixBase = p == UInt8(ascii: "x") ? 16 : p == UInt8(ascii: "o") ? 8 : p == UInt8(ascii: "b") ? 2 : 0
            if prefixBase != 0 && (base == 0 || base == prefixBase) {
                base = prefixBase
                i += 2
                prefixed = true
            }
        }
        if base == 0 { base = 10 }
        guard i < b.count else { return nil }
        var value = 0
        var overflow = false
        var lastWasDigit = false
        var allZero = true
        var digitCount = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "_") {
                // Underscores only between digits (or right after a base prefix).
                let afterPrefix = prefixed && digitCount == 0 && b[i - 1] != UInt8(ascii: "_")
                guard lastWasDigit || afterPrefix else { return nil }
                lastWasDigit = false
                i += 1
                continue
            }
            let d: Int
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = Int(c - 97 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = Int(c - 65 + 10)
            default: return nil
            }
            guard d < base else { return nil }
            if d != 0 { allZero = false }
            let (m, o1) = value.multipliedReportingOverflow(by: base)
            let (n, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
            if o1 || o2 { overflow = true }
            value = n
            lastWasDigit = true
            digitCount += 1
            i += 1
        }
        guard lastWasDigit else { return nil }
        // Base 0 rejects leading zeros on non-zero decimals ("010"), like Python literals.
        if requested == 0 && !prefixed && !allZero && b.first(where: { $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }) == UInt8(ascii: "0") {
            return nil
        }
        if overflow {
            // Python has big ints; keep the magnitude as a float rather than wrap around.
            return parseFloat(s).map { .double($0) }
        }
        return .int(value)
    }

    /// Python float(s).
    static func parseFloat(_ s: String) -> Double? {
        let b = trimmed(s)
        guard !b.isEmpty else { return nil }
        var i = 0
        var negative = false
        if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        let word = String(decoding: b[i...], as: UTF8.self).lowercased()
        if word == "inf" || word == "infinity" { return negative ? -.infinity : .infinity }
        if word == "nan" { return .nan }
        var clean: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        clean.reserveCapacity(b.count)
        var digitsBefore = 0, digitsAfter = 0
        var prevDigit = false
        // mantissa
        while i < b.count, (b[i] >= 48 && b[i] <= 57) || b[i] == UInt8(ascii: "_") {
            if b[i] == UInt8(ascii: "_") {
                guard prevDigit, i + 1 < b.count, b[i + 1] >= 48 && b[i + 1] <= 57 else { return nil }
                prevDigit = false
            } else {
                clean.append(b[i]); digitsBefore += 1; prevDigit = true
            }
            i += 1
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            clean.append(b[i])
            i += 1
            prevDigit = false
            while i < b.count, (b[i] >= 48 && b[i] <= 57) || b[i] == UInt8(ascii: "_") {
                if b[i] == UInt8(ascii: "_") {
                    guard prevDigit, i + 1 < b.count, b[i + 1] >= 48 && b[i + 1] <= 57 else { return nil }
                    prevDigit = false
                } else {
                    clean.append(b[i]); digitsAfter += 1; prevDigit = true
                }
                i += 1
            }
        }
        guard digitsBefore + digitsAfter > 0 else { return nil }
        if i < b.count, b[i] | 0x20 == UInt8(ascii: "e") {
            clean.append(UInt8(ascii: "e"))
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { clean.append(b[i]); i += 1 }
            var expDigits = 0
            prevDigit = false
            while i < b.count, (b[i] >= 48 && b[i] <= 57) || b[i] == UInt8(ascii: "_") {
                if b[i] == UInt8(ascii: "_") {
                    guard prevDigit, i + 1 < b.count, b[i + 1] >= 48 && b[i + 1] <= 57 else { return nil }
                    prevDigit = false
                } else {
                    clean.append(b[i]); expDigits += 1; prevDigit = true
                }
                i += 1
            }
            guard expDigits > 0 else { return nil }
        }
        guard i == b.count else { return nil }
        return Double(String(decoding: clean, as: UTF8.self))
    }
}

extension Array where Element == UInt8 {
    /// Drops ASCII whitespace (Python's str.strip set restricted to ASCII) from both ends.
    func trimmedASCIIWhitespace() -> [UInt8] {
        var lo = 0, hi = count
        func ws(_ c: UInt8) -> Bool { (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) }
        while lo < hi, ws(self[lo]) { lo += 1 }
        while hi > lo, ws(self[hi - 1]) { hi -= 1 }
        return Array(self[lo..<hi])
    }
}
