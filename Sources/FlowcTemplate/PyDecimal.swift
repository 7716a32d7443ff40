// Python's decimal.Decimal, which is what dbt's agate tables hand a template for a numeric
// column (`run_query("select sum(amount) ...")`): exact digits and the scale the warehouse gave
// (`12.50` stays `12.50`), Python's arithmetic with its 28-digit context (`1 / 3` is
// `0.3333333333333333333333333333`; `12.50 * 2` is `25.00`), and Python's str(). The
// coefficient is a plain digit array: values are a few dozen digits, and the engine stays free
// of Foundation.

public struct PyDecimal: Sendable, Equatable {
    /// Python's default context precision.
    static let precision = 28

    var negative: Bool
    /// The coefficient's digits, most significant first, without leading zeros ([0] for zero).
    var digits: [UInt8]
    /// The value is coefficient × 10^exponent.
    var exponent: Int

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        var d = Array(digits.drop { $0 == 0 })
        if d.isEmpty { d = [0] }
        self.negative = negative  // Python keeps a negative zero's sign: Decimal('-0.00')
        self.digits = d
        self.exponent = exponent
    }

    public init(_ i: Int) {
        self.init(negative: i < 0, digits: String(i.magnitude).utf8.map { $0 - 48 }, exponent: 0)
    }

    /// Reads what PostgreSQL prints for a numeric: `-12.50`, `100`, `1.5e10`; nil for NaN and
    /// the infinities, which are not exact numbers.
    public init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let f = bytes.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
            negative = f == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var exponent = 0
        var seenPoint = false, seenDigit = false
        while let b = bytes.first, b != UInt8(ascii: "e"), b != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if b == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
            } else if b >= 48 && b <= 57 {
                digits.append(b - 48)
                seenDigit = true
                if seenPoint { exponent -= 1 }
            } else {
                return nil
            }
        }
        guard seenDigit else { return nil }
        if !bytes.isEmpty {
            guard let e = Int(String(decoding: bytes.dropFirst(), as: UTF8.self)) else { return nil }
            exponent += e
        }
        self.init(negative: negative, digits: digits, exponent: exponent)
    }

    var isZero: Bool { digits == [0] }

    /// Python's str(): plain notation unless the exponent is positive or the number is tiny.
    public var description: String {
        let c = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
        let adjusted = exponent + digits.count - 1
        var body: String
        if exponent <= 0 && adjusted >= -6 {
            if exponent == 0 {
                body = c
            } else if digits.count > -exponent {
                let cut = c.index(c.startIndex, offsetBy: digits.count + exponent)
                body = c[..<cut] + "." + c[cut...]
            } else {
                body = "0." + String(repeating: "0", count: -exponent - digits.count) + c
            }
        } else {
            body = String(c.prefix(1)) + (digits.count > 1 ? "." + c.dropFirst() : "")
            body += "E" + (adjusted >= 0 ? "+" : "-") + String(adjusted.magnitude)
        }
        return (negative ? "-" : "") + body
    }

    public var repr: String { "Decimal('\(description)')" }

    public var double: Double { Double(description) ?? .nan }

    /// int(): the integer part, toward zero; nil beyond 64 bits.
    public var truncated: Int? {
        let whole: [UInt8] = exponent >= 0 ? digits + [UInt8](repeating: 0, count: exponent)
            : Array(digits.dropLast(min(digits.count, -exponent)))
        guard let i = Int(String(decoding: (whole.isEmpty ? [0] : whole).map { $0 + 48 }, as: UTF8.self)) else { return nil }
        return negative ? -i : i
    }
}

// MARK: arithmetic

extension PyDecimal {
    /// Exponents further apart than this are not aligned digit by digit (a template looping
    /// over tiny products could otherwise ask for millions of digits); Python's context would
    /// have clamped such values long before.
    static let maxExponentGap = 10_000

    /// Both coefficients at the smaller exponent.
    static func aligned(_ a: PyDecimal, _ b: PyDecimal) -> ([UInt8], [UInt8], Int) {
        let e = min(a.exponent, b.exponent)
        return (a.digits + [UInt8](repeating: 0, count: a.exponent - e), b.digits + [UInt8](repeating: 0, count: b.exponent - e), e)
    }

    static func + (a: PyDecimal, b: PyDecimal) -> PyDecimal {
        // the far smaller operand cannot change 28 digits of the larger one
        if a.exponent - b.exponent > maxExponentGap, !a.isZero { return a }
        if b.exponent - a.exponent > maxExponentGap, !b.isZero { return b }
        let (x, y, e) = aligned(a, b)
        if a.negative == b.negative { return PyDecimal(negative: a.negative, digits: Digits.add(x, y), exponent: e).rounded() }
        // different signs: the larger magnitude's sign; an exact zero is positive
        switch Digits.compare(x, y) {
        case 0: return PyDecimal(negative: false, digits: [0], exponent: e)
        case 1: return PyDecimal(negative: a.negative, digits: Digits.subtract(x, y), exponent: e).rounded()
        default: return PyDecimal(negative: b.negative, digits: Digits.subtract(y, x), exponent: e).rounded()
        }
    }

    static prefix func - (a: PyDecimal) -> PyDecimal {
        PyDecimal(negative: !a.negative, digits: a.digits, exponent: a.exponent)
    }

    static func - (a: PyDecimal, b: PyDecimal) -> PyDecimal { a + (-b) }

    static func * (a: PyDecimal, b: PyDecimal) -> PyDecimal {
        PyDecimal(negative: a.negative != b.negative, digits: Digits.multiply(a.digits, b.digits),
                  exponent: a.exponent + b.exponent).rounded()
    }

    /// Python's `/`: exact results at the exponent closest to a.exponent − b.exponent,
    /// others to 28 significant digits, rounded half to even.
    func divided(by b: PyDecimal) -> PyDecimal? {
        guard !b.isZero else { return nil }
        let ideal = exponent - b.exponent
        let negative = self.negative != b.negative
        if isZero { return PyDecimal(negative: negative, digits: [0], exponent: ideal) }
        let shift = max(0, Self.precision + b.digits.count - digits.count + 1)
        let (q, r) = Digits.divide(digits + [UInt8](repeating: 0, count: shift), b.digits)
        var result = PyDecimal(negative: negative, digits: q, exponent: ideal - shift)
        if r == [0] {
            while result.exponent < ideal, result.digits.count > 1, result.digits.last == 0 {
                result.digits.removeLast()
                result.exponent += 1
            }
            return result.rounded()
        }
        return result.rounded(sticky: true)
    }

    /// Python's `//` on decimals: the quotient truncated toward zero (not floored).
    func quotient(by b: PyDecimal) -> PyDecimal? {
        guard !b.isZero, abs(exponent - b.exponent) <= Self.maxExponentGap else { return nil }
        let (x, y, _) = Self.aligned(self, b)
        return PyDecimal(negative: negative != b.negative, digits: Digits.divide(x, y).0, exponent: 0)
    }

    /// Python's `%` on decimals: the remainder takes the dividend's sign.
    func remainder(by b: PyDecimal) -> PyDecimal? {
        guard !b.isZero, abs(exponent - b.exponent) <= Self.maxExponentGap else { return nil }
        let (x, y, e) = Self.aligned(self, b)
        return PyDecimal(negative: negative, digits: Digits.divide(x, y).1, exponent: e)
    }

    /// -1, 0 or 1.
    func compare(_ b: PyDecimal) -> Int {
        if isZero && b.isZero { return 0 }
        // different signs: a (negative) zero is above a negative number and below a positive one
        if negative != b.negative { return isZero ? (b.negative ? 1 : -1) : (negative ? -1 : 1) }
        if abs(exponent - b.exponent) > Self.maxExponentGap { return double < b.double ? -1 : (double == b.double ? 0 : 1) }
        let (x, y, _) = Self.aligned(self, b)
        let c = Digits.compare(x, y)
        return negative ? -c : c
    }

    /// The decimal places of normalize(): `12.50` has 1, `100` and `0.00` have 0.
    public var significantPlaces: Int {
        guard !isZero else { return 0 }
        let trailingZeros = digits.reversed().prefix { $0 == 0 }.count
        return max(0, -(exponent + trailingZeros))
    }

    /// round(d, n): to n places (an exponent of −n), half to even; nil when that needs more
    /// than 28 digits, which Python refuses (InvalidOperation).
    public func quantized(places n: Int) -> PyDecimal? {
        if exponent >= -n {
            guard exponent.addingReportingOverflow(n).partialValue <= Self.precision - digits.count else { return nil }
            return PyDecimal(negative: negative, digits: digits + [UInt8](repeating: 0, count: exponent + n), exponent: -n)
        }
        let drop = -n - exponent
        return Self.roundAway(self, drop: drop, sticky: false)
    }

    /// At most 28 significant digits, as Python's context keeps (`sticky`: nonzero digits
    /// beyond those present, from an inexact division).
    func rounded(sticky: Bool = false) -> PyDecimal {
        let excess = digits.count - Self.precision
        guard excess > 0 else { return self }
        return Self.roundAway(self, drop: excess, sticky: sticky)
    }

    /// Drops the last `drop` digits, rounding half to even.
    static func roundAway(_ a: PyDecimal, drop: Int, sticky: Bool) -> PyDecimal {
        guard drop > 0 else { return a }
        let keep = a.digits.count - drop
        var kept = keep > 0 ? Array(a.digits.prefix(keep)) : [0]
        let rest = keep >= 0 ? Array(a.digits.suffix(drop)) : [UInt8](repeating: 0, count: -keep) + a.digits
        let first = rest.first ?? 0
        let beyondFirst = sticky || rest.dropFirst().contains { $0 != 0 }
        let up = first > 5 || (first == 5 && (beyondFirst || (kept.last ?? 0) % 2 == 1))
        if up { kept = Digits.add(kept, [1]) }
        return PyDecimal(negative: a.negative, digits: kept, exponent: a.exponent + drop).rounded()
    }
}

/// Arithmetic on unsigned decimal digit arrays (most significant digit first).
enum Digits {
    static func trimmed(_ a: [UInt8]) -> [UInt8] {
        let t = Array(a.drop { $0 == 0 })
        return t.isEmpty ? [0] : t
    }

    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let x = trimmed(a), y = trimmed(b)
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return 0
    }

    static func add(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = a.count - 1, j = b.count - 1, carry: UInt8 = 0
        while i >= 0 || j >= 0 || carry > 0 {
            let s = (i >= 0 ? a[i] : 0) + (j >= 0 ? b[j] : 0) + carry
            out.append(s % 10)
            carry = s / 10
            i -= 1
            j -= 1
        }
        return trimmed(out.reversed())
    }

    /// a − b for a ≥ b.
    static func subtract(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = a.count - 1, j = b.count - 1, borrow = 0
        while i >= 0 {
            var d = Int(a[i]) - (j >= 0 ? Int(b[j]) : 0) - borrow
            borrow = d < 0 ? 1 : 0
            if d < 0 { d += 10 }
            out.append(UInt8(d))
            i -= 1
            j -= 1
        }
        return trimmed(out.reversed())
    }

    static func multiply(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var acc = [Int](repeating: 0, count: a.count + b.count)
        for (i, x) in a.reversed().enumerated() {
            for (j, y) in b.reversed().enumerated() { acc[i + j] += Int(x) * Int(y) }
        }
        var carry = 0
        for k in acc.indices {
            let v = acc[k] + carry
            acc[k] = v % 10
            carry = v / 10
        }
        return trimmed(acc.reversed().map { UInt8($0) })
    }

    /// Long division: (quotient, remainder). `b` is not zero.
    static func divide(_ a: [UInt8], _ b: [UInt8]) -> ([UInt8], [UInt8]) {
        let divisor = trimmed(b)
        var q: [UInt8] = []
        var r: [UInt8] = [0]
        for d in a {
            r = trimmed(r + [d])
            var n: UInt8 = 0
            while compare(r, divisor) >= 0 {
                r = subtract(r, divisor)
                n += 1
            }
            q.append(n)
        }
        return (trimmed(q), r)
    }
}
