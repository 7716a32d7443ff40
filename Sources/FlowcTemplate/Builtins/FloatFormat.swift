// Float-to-text conversions for %-formatting, str.format and filters. glibc's printf rounds
// correctly from the exact binary value, as CPython's dtoa does, so the C library gives
// Python's digits for e/f/g; the layouts C lacks (Python's repr-like default) are built here.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum FloatFormat {
    /// Largest precision accepted; far beyond any real use, small enough to keep a hostile
    /// template from allocating gigabytes.
    static let maxPrecision = 10_000

    /// printf("%.<precision><conv>", |x|) for a finite x; `conv` is one of e E f F g G.
    static func c(_ x: Double, _ conv: Character, precision: Int, alternate: Bool = false) -> String {
        let p = Swift.max(0, Swift.min(precision, maxPrecision))
        var spec = alternate ? "%#." : "%."
        spec += String(p)
        spec.append(conv)
        let magnitude = x.magnitude
        // Most results fit a small stack buffer; retry on the heap with the exact size.
        let small: String? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 128) { buf in
            let written = withVaList([magnitude]) { vsnprintf(buf.baseAddress, buf.count, spec, $0) }
            guard written >= 0, Int(written) < buf.count else { return nil }
            return UnsafeRawBufferPointer(start: buf.baseAddress, count: Int(written))
                .withMemoryRebound(to: UInt8.self) { String(decoding: $0, as: UTF8.self) }
        }
        if let small { return small }
        var capacity = 64 + p + (conv == "f" || conv == "F" ? 310 : 0)
        while true {
            var buffer = [CChar](repeating: 0, count: capacity)
            let written: Int32 = buffer.withUnsafeMutableBufferPointer { buf in
                withVaList([magnitude]) { va in
                    vsnprintf(buf.baseAddress, buf.count, spec, va)
                }
            }
            if written < 0 { return "" }
            if Int(written) < capacity {
                let bytes = buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }
                return String(decoding: bytes, as: UTF8.self)
            }
            capacity = Int(written) + 1
        }
    }

    /// Text for inf/nan in Python's spelling (the sign is the caller's business).
    static func nonFinite(_ x: Double, upper: Bool) -> String {
        let s = x.isNaN ? "nan" : "inf"
        return upper ? s.uppercased() : s
    }

    /// Python's sign of a float for formatting: NaN never shows a minus.
    static func isNegative(_ x: Double) -> Bool {
        !x.isNaN && x.sign == .minus
    }

    /// Magnitude of `x` in Python's presentation `type` (e E f F g G %, or nil for the
    /// format-spec default that mimics repr), without sign.
    static func body(_ x: Double, type: Character?, precision: Int?, alternate: Bool) -> String {
        if !x.isFinite {
            let upper = type == "E" || type == "F" || type == "G"
            return nonFinite(x, upper: upper) + (type == "%" ? "%" : "")
        }
        switch type {
        case "e", "E", "f", "F":
            return c(x, type ?? "f", precision: precision ?? 6, alternate: alternate)
        case "g", "G":
            // C treats precision 0 as 1, as Python does.
            return c(x, type ?? "g", precision: precision ?? 6, alternate: alternate)
        case "%":
            return c(x * 100, "f", precision: precision ?? 6, alternate: alternate) + "%"
        default:
            return reprLike(x.magnitude, precision: precision, alternate: alternate)
        }
    }

    /// The format-spec default presentation: repr when no precision is given; otherwise
    /// 'g'-like, but keeping a `.0` on integral fixed-point results and switching to exponent
    /// form once the exponent reaches precision - 1.
    static func reprLike(_ m: Double, precision: Int?, alternate: Bool) -> String {
        guard let precision else { return pythonFloatRepr(m) }
        let p = Swift.max(precision, 1)
        let sci = c(m, "e", precision: p - 1)
        guard let ePos = sci.utf8.firstIndex(of: UInt8(ascii: "e")) else { return sci }
        let mantissa = String(sci[..<ePos])
        let exponent = Int(sci[sci.index(after: ePos)...]) ?? 0
        if exponent < -4 || exponent >= p - 1 {
            let m2 = alternate ? mantissa : stripZeros(mantissa, keepOne: false)
            let expText = String(exponent.magnitude)
            return m2 + "e" + (exponent < 0 ? "-" : "+") + (expText.count < 2 ? "0" + expText : expText)
        }
        let fixed = c(m, "f", precision: Swift.max(p - 1 - exponent, 0))
        return alternate ? fixed : stripZeros(fixed, keepOne: true)
    }

    /// Drops trailing fractional zeros; `keepOne` leaves "x.0" rather than "x".
    static func stripZeros(_ s: String, keepOne: Bool) -> String {
        guard s.utf8.contains(UInt8(ascii: ".")) else { return keepOne ? s + ".0" : s }
        var bytes = Array(s.utf8)
        while let last = bytes.last, last == UInt8(ascii: "0") { bytes.removeLast() }
        if let last = bytes.last, last == UInt8(ascii: ".") {
            if keepOne { bytes.append(UInt8(ascii: "0")) } else { bytes.removeLast() }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Python's round(x, ndigits) for floats: correctly rounded, ties to even, on the exact
    /// binary value (so round(2.675, 2) == 2.67, as in Python).
    static func round(_ x: Double, _ ndigits: Int) -> Double {
        guard x.isFinite, x != 0 else { return x }
        if ndigits > 323 { return x }
        if ndigits < -308 { return 0.0 * x }
        if ndigits >= 0 {
            let text = c(x, "f", precision: ndigits)
            guard let v = Double(text) else { return x }
            return x.sign == .minus ? -v : v
        }
        // Negative ndigits: round to a multiple of 10^-ndigits, ties to even, via the
        // exact scaled value where representable.
        let scale = Foundation_pow(10, Double(-ndigits))
        let y = x / scale
        var z = y.rounded(.toNearestOrEven)
        if (y - z).magnitude == 0.5 { z = 2.0 * (y / 2.0).rounded(.toNearestOrEven) }
        let r = z * scale
        return r.isFinite ? r : x
    }
}
