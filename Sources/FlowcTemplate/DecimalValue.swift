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
