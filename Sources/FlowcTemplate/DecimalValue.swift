// A Decimal as a template value (see PyDecimal.swift), and Python's rules for mixing it with
// other numbers: with ints it stays a Decimal, with floats arithmetic is a TypeError (as in
// Python) while comparisons work.

public final class DecimalObject: TemplateObject {
    public let value: PyDecimal
    public init(_ value: PyDecimal) { self.value = value }

    public var typeName: String { "decimal.Decimal" }
    public func render(renderer: Renderer) throws -> String { value.description }
    public var pythonRepr: String { value.repr }
    public var truthy: Bool { !value.isZero }
    /// Equal decimals hash alike (Decimal('1.0') and Decimal('1.00') are one key, as in Python).
    public var hashKey: String? { "Decimal:" + value.double.description }

    public func add(_ other: Value, reversed: Bool) throws -> Value? {
        try DecimalMath.binary("+", reversed ? other : .object(self), reversed ? .object(self) : other)
    }

    public func subtract(_ other: Value, reversed: Bool) throws -> Value? {
        try DecimalMath.binary("-", reversed ? other : .object(self), reversed ? .object(self) : other)
    }
}

extension Value {
    public static func decimal(_ d: PyDecimal) -> Value { .object(DecimalObject(d)) }

    public var decimalValue: PyDecimal? {
        if case .object(let o) = self, let d = o as? DecimalObject { return d.value }
        return nil
    }
}

enum DecimalMath {
    /// `a op b` when either is a Decimal (nil otherwise): ints and bools join as Decimals.
    static func binary(_ op: String, _ a: Value, _ b: Value) throws -> Value? {
        guard a.decimalValue != nil || b.decimalValue != nil else { return nil }
        func operand(_ v: Value) throws -> PyDecimal {
            if let d = v.decimalValue { return d }
            if let i = v.intValue { return PyDecimal(i) }
            throw Arithmetic.unsupported(op, a, b)
        }
        let x = try operand(a), y = try operand(b)
        let byZero = TemplateError(.zeroDivision, x.isZero ? "[<class 'decimal.DivisionUndefined'>]" : "[<class 'decimal.DivisionByZero'>]")
        switch op {
        case "+": return .decimal(x + y)
        case "-": return .decimal(x - y)
        case "*": return .decimal(x * y)
        case "/":
            guard let q = x.divided(by: y) else { throw byZero }
            return .decimal(q)
        case "//":
            guard let q = x.quotient(by: y) else { throw byZero }
            return .decimal(q)
        case "%":
            guard let r = x.remainder(by: y) else { throw byZero }
            return .decimal(r)
        case "**":
            // whole, non-negative powers are exact products; others need Python's context
            guard y.exponent >= 0 || y.digits.suffix(-y.exponent).allSatisfy({ $0 == 0 }), let n = y.truncated, n >= 0, n <= 1000 else {
                throw Arithmetic.unsupported("** or pow()", a, b)
            }
            var result = PyDecimal(1)
            for _ in 0..<n { result = result * x }
            return .decimal(result)
        default:
            throw Arithmetic.unsupported(op, a, b)
        }
    }

    /// Python's ordering when either side is a Decimal: exact against ints and Decimals, by
    /// value against floats; nil when neither is one, or the other is not a number.
    static func compare(_ a: Value, _ b: Value) -> Int? {
        guard a.decimalValue != nil || b.decimalValue != nil else { return nil }
        func exact(_ v: Value) -> PyDecimal? { v.decimalValue ?? v.intValue.map { PyDecimal($0) } }
        if let x = exact(a), let y = exact(b) { return x.compare(y) }
        let x = a.decimalValue?.double ?? a.doubleValue, y = b.decimalValue?.double ?? b.doubleValue
        guard let x, let y else { return nil }
        return x < y ? -1 : (x == y ? 0 : 1)
    }
}

extension DecimalObject {
    /// Python's `Decimal.__format__`: `f`/`F` and `%` round the exact value half to even to
    /// the precision given (else keep its digits), no type keeps its digits (`"{:,}".format(Decimal('1234.50'))` is `1,234.50`); `e`/`g` go
    /// through the float's formatting.
    public func format(_ specText: String) throws -> String? {
        let spec = try FormatSpec.parse(specText, defaultAlignRight: true, typeName: "decimal.Decimal")
        let invalid = TemplateError(.value, "[<class 'decimal.InvalidOperation'>]")
        var body: String
        var suffix = ""
        var negative = value.negative
        switch spec.type {
        case nil where spec.precision == nil:
            body = (value.negative ? -value : value).description
        case "f", "F", "%":
            // without a precision the value keeps its own digits ('{:f}' of 2.50 is 2.50)
            let percent = spec.type == "%"
            let scaled = percent ? PyDecimal(negative: value.negative, digits: value.digits, exponent: value.exponent + 2) : value
            guard let q = spec.precision.map({ scaled.quantized(places: $0) }) ?? scaled else { throw invalid }
            (negative, body, suffix) = (q.negative, DecimalObject.plain(q), percent ? "%" : "")
        default:
            return try PyFormatSpec.formatDouble(value.double, spec)
        }
        let sign = PyFormatSpec.signText(negative, spec.sign)
        if spec.grouping != nil {
            let bytes = Array(body.utf8)
            var k = 0
            while k < bytes.count, bytes[k] >= 0x30 && bytes[k] <= 0x39 { k += 1 }
            body = PyFormatSpec.groupedZeroPadded(String(decoding: bytes[0..<k], as: UTF8.self),
                                                  fraction: String(decoding: bytes[k...], as: UTF8.self),
                                                  sign: sign, prefix: "", spec: spec, groupSize: 3)
        }
        return spec.pad(sign: sign, prefix: "", body: body + suffix, defaultAlign: UInt8(ascii: ">"))
    }

    /// The magnitude in positional notation (no exponent), as `f` formatting prints it.
    static func plain(_ d: PyDecimal) -> String {
        var text = String(decoding: d.digits.map { $0 + 48 }, as: UTF8.self)
        if d.digits.isEmpty { text = "0" }
        if d.exponent >= 0 { return text + String(repeating: "0", count: d.exponent) }
        let places = -d.exponent
        if text.count <= places { text = String(repeating: "0", count: places - text.count + 1) + text }
        let split = text.index(text.endIndex, offsetBy: -places)
        return text[..<split] + "." + text[split...]
    }
}
