// Python semantics of truthiness, equality, ordering and arithmetic, as Jinja2 inherits them.
// Errors carry Python's messages so users searching them find answers.

extension Value {
    public var truthy: Bool {
        switch self {
        case .undefined, .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .tuple(let t): return !t.isEmpty
        case .dict(let d): return d.count != 0
        case .callable: return true
        case .object(let o): return o.truthy
        }
    }

    /// Python `==`. Numbers compare by value across int/float/bool; containers element-wise.
    /// Where Python would raise RecursionError (distinct cyclic containers) this says false;
    /// the evaluator's `==` uses `pyEqualsChecked`, which raises it.
    public func pyEquals(_ other: Value) -> Bool {
        (try? equals(other, depth: 0)) ?? false
    }

    /// `depth` counts the containers being compared around this pair (ValueRecursion.swift).
    func equals(_ other: Value, depth: Int) throws -> Bool {
        switch (self, other) {
        case (.string(let a), .string(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.none, .none): return true
        case (.undefined, .undefined): return true
        case (.list(let a), .list(let b)):
            if a === b { return true }
            try Value.enterComparison(depth)
            // a set equals a set with the same members, in any order, and never a list
            if a.isSet || b.isSet {
                guard a.isSet && b.isSet, a.items.count == b.items.count else { return false }
                for x in a.items where !(try b.items.contains { try $0.equals(x, depth: depth + 1) }) { return false }
                return true
            }
            return try Value.equalSequences(a.items, b.items, depth: depth + 1)
        case (.tuple(let a), .tuple(let b)):
            try Value.enterComparison(depth)
            return try Value.equalSequences(a, b, depth: depth + 1)
        case (.dict(let a), .dict(let b)):
            if a === b { return true }
            guard a.count == b.count else { return false }
            try Value.enterComparison(depth)
            for (k, v) in a.pairs {
                guard let w = b.get(k), try v.equals(w, depth: depth + 1) else { return false }
            }
            return true
        case (.callable(let a), .callable(let b)): return a === b
        case (.object(let a), .object(let b)):
            return a === b || DecimalMath.compare(self, other) == 0 || (try? a.order(other)) == 0
        default:
            if self.isNumber && other.isNumber {
                if let a = self.intValue, let b = other.intValue { return a == b }
                if let a = self.doubleValue, let b = other.doubleValue { return a == b }
            }
            return DecimalMath.compare(self, other) == 0
        }
    }

    static func enterComparison(_ depth: Int) throws {
        if ValueRecursion.tooDeep(depth) { throw ValueRecursion.error("in comparison") }
    }

    /// Python compares items by identity first (`x is y` implies equal), which is what lets a
    /// list that contains itself equal itself.
    static func equalSequences(_ a: [Value], _ b: [Value], depth: Int) throws -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices where !(try a[i].equals(b[i], depth: depth)) { return false }
        return true
    }

    /// Python ordering (`<`): numbers, strings (by code point), lists and tuples lexicographically.
    /// Returns -1, 0, 1; mismatched types raise Python's TypeError.
    public func pyCompare(_ other: Value, op: String = "<") throws -> Int {
        try order(other, op: op, depth: 0)
    }

    func order(_ other: Value, op: String, depth: Int) throws -> Int {
        switch (self, other) {
        case (.int(let a), .int(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)): return Value.compareStrings(a, b)
        case (.list(let a), .list(let b)):
            try Value.enterComparison(depth)
            return try Value.compareSequences(a.items, b.items, op, depth: depth + 1)
        case (.tuple(let a), .tuple(let b)):
            try Value.enterComparison(depth)
            return try Value.compareSequences(a, b, op, depth: depth + 1)
        default:
            if self.isNumber && other.isNumber, let a = self.doubleValue, let b = other.doubleValue {
                if let ia = self.intValue, let ib = other.intValue { return ia < ib ? -1 : (ia == ib ? 0 : 1) }
                return a < b ? -1 : (a == b ? 0 : 1)
            }
            if let c = DecimalMath.compare(self, other) { return c }
            if case .object(let a) = self, let c = try a.order(other) { return c }
            if case .object(let b) = other, let c = try b.order(self) { return -c }
            throw TemplateError(.type,
                "'\(op)' not supported between instances of '\(typeName)' and '\(other.typeName)'")
        }
    }

    /// Python compares str by code points; Swift's `<` on String uses Unicode canonical
    /// ordering, which differs, so compare the scalars.
    static func compareStrings(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        var ia = a.unicodeScalars.makeIterator()
        var ib = b.unicodeScalars.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?):
                if x.value != y.value { return x.value < y.value ? -1 : 1 }
            }
        }
    }

    static func compareSequences(_ a: [Value], _ b: [Value], _ op: String, depth: Int = 0) throws -> Int {
        for i in 0..<min(a.count, b.count) where !(try a[i].equals(b[i], depth: depth)) {
            return try a[i].order(b[i], op: op, depth: depth)
        }
        return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
    }
}

/// Arithmetic with Python's rules: int stays int where Python's does (with overflow reported
/// as an error rather than a trap), `/` is true division, `//` and `%` floor toward -infinity.
enum Arithmetic {
    /// Longest string or list a template may build with `*`, to keep hostile input from
    /// exhausting memory.
    static let maxRepeatedLength = 64 * 1024 * 1024

    static func unsupported(_ op: String, _ a: Value, _ b: Value) -> TemplateError {
        TemplateError(.type, "unsupported operand type(s) for \(op): '\(a.typeName)' and '\(b.typeName)'")
    }

    /// `a op b` by an object operand's own arithmetic (a timedelta times a number), else nil.
    static func objectArithmetic(_ op: String, _ a: Value, _ b: Value) throws -> Value? {
        if case .object(let o) = a, let r = try o.arithmetic(op, b, reversed: false) { return r }
        if case .object(let o) = b, let r = try o.arithmetic(op, a, reversed: true) { return r }
        return nil
    }

    static func checkDefined(_ a: Value, _ b: Value) throws {
        if case .undefined(let u) = a { throw TemplateError(.undefined, u.message) }
        if case .undefined(let u) = b { throw TemplateError(.undefined, u.message) }
    }

    static func add(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .double(Double(x) + Double(y)) : .int(r)
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.list(let x), .list(let y)): return .list(ListBox(x.items + y.items))
        case (.tuple(let x), .tuple(let y)): return .tuple(x + y)
        default:
            try checkDefined(a, b)
            if let x = a.intValue, let y = b.intValue { return try add(.int(x), .int(y)) }
            if let x = a.doubleValue, let y = b.doubleValue { return .double(x + y) }
            if case .string = a { throw TemplateError(.type, "can only concatenate str (not \"\(b.typeName)\") to str") }
            if case .list = a { throw TemplateError(.type, "can only concatenate list (not \"\(b.typeName)\") to list") }
            if case .object(let o) = a, let r = try o.add(b, reversed: false) { return r }
            if case .object(let o) = b, let r = try o.add(a, reversed: true) { return r }
            throw unsupported("+", a, b)
        }
    }

    static func sub(_ a: Value, _ b: Value) throws -> Value {
        try checkDefined(a, b)
        if let x = a.intValue, let y = b.intValue {
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .double(Double(x) - Double(y)) : .int(r)
        }
        if let x = a.doubleValue, let y = b.doubleValue { return .double(x - y) }
        if case .object(let o) = a, let r = try o.subtract(b, reversed: false) { return r }
        if case .object(let o) = b, let r = try o.subtract(a, reversed: true) { return r }
        throw unsupported("-", a, b)
    }

    static func mul(_ a: Value, _ b: Value) throws -> Value {
        try checkDefined(a, b)
        if let r = try DecimalMath.binary("*", a, b) { return r }
        if let x = a.intValue, let y = b.intValue {
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? .double(Double(x) * Double(y)) : .int(r)
        }
        if let x = a.doubleValue, let y = b.doubleValue { return .double(x * y) }
        switch (a, b) {
        case (.string(let s), _) where b.intValue != nil: return .string(try repeatString(s, b.intValue ?? 0))
        case (_, .string(let s)) where a.intValue != nil: return .string(try repeatString(s, a.intValue ?? 0))
        case (.list(let l), _) where b.intValue != nil: return .list(ListBox(try repeatItems(l.items, b.intValue ?? 0)))
        case (_, .list(let l)) where a.intValue != nil: return .list(ListBox(try repeatItems(l.items, a.intValue ?? 0)))
        case (.tuple(let t), _) where b.intValue != nil: return .tuple(try repeatItems(t, b.intValue ?? 0))
        default:
            if case .string = a { throw TemplateError(.type, "can't multiply sequence by non-int of type '\(b.typeName)'") }
            if let r = try objectArithmetic("*", a, b) { return r }
            throw unsupported("*", a, b)
        }
    }

    private static func repeatString(_ s: String, _ n: Int) throws -> String {
        guard n > 0, !s.isEmpty else { return "" }
        guard s.utf8.count.multipliedReportingOverflow(by: n).partialValue <= maxRepeatedLength,
              !s.utf8.count.multipliedReportingOverflow(by: n).overflow else {
            throw TemplateError(.overflow, "repeated string is too long")
        }
        return String(repeating: s, count: n)
    }

    private static func repeatItems(_ items: [Value], _ n: Int) throws -> [Value] {
        guard n > 0, !items.isEmpty else { return [] }
        let total = items.count.multipliedReportingOverflow(by: n)
        guard !total.overflow, total.partialValue <= maxRepeatedLength / 8 else {
            throw TemplateError(.overflow, "repeated sequence is too long")
        }
        var out: [Value] = []
        out.reserveCapacity(total.partialValue)
        for _ in 0..<n { out.append(contentsOf: items) }
        return out
    }

    static func trueDiv(_ a: Value, _ b: Value) throws -> Value {
        try checkDefined(a, b)
        if let r = try DecimalMath.binary("/", a, b) { return r }
        guard let x = a.doubleValue, let y = b.doubleValue else {
            if let r = try objectArithmetic("/", a, b) { return r }
            throw unsupported("/", a, b)
        }
        if y == 0 { throw TemplateError(.zeroDivision, a.intValue != nil && b.intValue != nil ? "division by zero" : "float division by zero") }
        return .double(x / y)
    }

    static func floorDiv(_ a: Value, _ b: Value) throws -> Value {
        try checkDefined(a, b)
        if let r = try DecimalMath.binary("//", a, b) { return r }
        if let x = a.intValue, let y = b.intValue {
            if y == 0 { throw TemplateError(.zeroDivision, "integer division or modulo by zero") }
            if x == Int.min && y == -1 { return .double(-Double(x)) }
            let q = x / y
            return .int((x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q)
        }
        guard let x = a.doubleValue, let y = b.doubleValue else {
            if let r = try objectArithmetic("//", a, b) { return r }
            throw unsupported("//", a, b)
        }
        if y == 0 { throw TemplateError(.zeroDivision, "float floor division by zero") }
        return .double((x / y).rounded(.down))
    }

    static func mod(_ a: Value, _ b: Value, renderer: Renderer? = nil) throws -> Value {
        // string formatting first: `'%s' % undefined` prints nothing, as in Jinja2
        if case .string(let fmt) = a { return .string(try PyFormat.percent(fmt, b, renderer: renderer)) }
        try checkDefined(a, b)
        if let r = try DecimalMath.binary("%", a, b) { return r }
        if let x = a.intValue, let y = b.intValue {
            if y == 0 { throw TemplateError(.zeroDivision, "integer modulo by zero") }
            if y == -1 { return .int(0) }
            let r = x % y
            return .int((r != 0 && ((r < 0) != (y < 0))) ? r + y : r)
        }
        guard let x = a.doubleValue, let y = b.doubleValue else {
            if let r = try objectArithmetic("%", a, b) { return r }
            throw unsupported("%", a, b)
        }
        if y == 0 { throw TemplateError(.zeroDivision, "float modulo") }
        var r = x.truncatingRemainder(dividingBy: y)
        if r != 0 && ((r < 0) != (y < 0)) { r += y }
        return .double(r)
    }

    static func pow(_ a: Value, _ b: Value) throws -> Value {
        try checkDefined(a, b)
        if let r = try DecimalMath.binary("**", a, b) { return r }
        if let x = a.intValue, let y = b.intValue, y >= 0 {
            var result = 1
            var base = x
            var e = y
            while e > 0 {
                if e & 1 == 1 {
                    let (r, o) = result.multipliedReportingOverflow(by: base)
                    if o { return .double(Foundation_pow(Double(x), Double(y))) }
                    result = r
                }
                e >>= 1
                if e > 0 {
                    let (sq, o) = base.multipliedReportingOverflow(by: base)
                    if o { return .double(Foundation_pow(Double(x), Double(y))) }
                    base = sq
                }
            }
            return .int(result)
        }
        guard let x = a.doubleValue, let y = b.doubleValue else { throw unsupported("** or pow()", a, b) }
        if x == 0 && y < 0 { throw TemplateError(.zeroDivision, "0.0 cannot be raised to a negative power") }
        return .double(Foundation_pow(x, y))
    }

    static func negate(_ a: Value) throws -> Value {
        switch a {
        case .int(let i): return i == Int.min ? .double(-Double(i)) : .int(-i)
        case .bool(let b): return .int(b ? -1 : 0)
        case .double(let d): return .double(-d)
        case .undefined(let u): throw TemplateError(.undefined, u.message)
        default:
            if let d = a.decimalValue { return .decimal(-d) }
            // an object with arithmetic negates as its product with -1 (a timedelta)
            if case .object(let o) = a, let r = try o.arithmetic("*", .int(-1), reversed: false) { return r }
            throw TemplateError(.type, "bad operand type for unary -: '\(a.typeName)'")
        }
    }

    static func plus(_ a: Value) throws -> Value {
        switch a {
        case .int, .double: return a
        case .bool(let b): return .int(b ? 1 : 0)
        case .undefined(let u): throw TemplateError(.undefined, u.message)
        default:
            if a.decimalValue != nil { return a }
            throw TemplateError(.type, "bad operand type for unary +: '\(a.typeName)'")
        }
    }
}

extension Value {
    /// Python's `a + b` (numbers, strings, lists), for hosts that fold values (itertools.accumulate).
    public static func pyAdd(_ a: Value, _ b: Value) throws -> Value { try Arithmetic.add(a, b) }
}
