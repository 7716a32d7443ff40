// Dispatch of Python method calls on template values (`s.upper()`, `xs.append(1)`,
// `d.items()`) to the per-type method sets, plus the sandbox's refusal of `_` names.

enum PyMethods {
    static func call(_ receiver: Value, _ name: String, _ args: Arguments, _ r: Renderer) throws -> Value? {
        // SandboxedEnvironment.is_safe_attribute rejects every `_`-prefixed name.
        if name.utf8.first == UInt8(ascii: "_") { return nil }
        switch receiver {
        case .string(let s): return try StringMethods.call(s, name, args, r)
        case .list(let l): return try l.isSet ? SetMethods.call(l, name, args, r) : ListMethods.call(l, name, args, r)
        case .dict(let d): return try DictMethods.call(d, name, args, r)
        case .tuple(let t): return try ListMethods.callTuple(t, name, args)
        case .double(let x):
            guard name == "is_integer" else { return nil }
            _ = try Params(args, name, [])
            return .bool(x.isFinite && x == x.rounded(.towardZero))
        case .int(let i):
            guard name == "bit_length" else { return nil }
            _ = try Params(args, name, [])
            return .int(Int.bitWidth - i.magnitude.leadingZeroBitCount)
        default:
            return nil
        }
    }

    static func has(_ receiver: Value, _ name: String) -> Bool {
        if name.utf8.first == UInt8(ascii: "_") { return false }
        switch receiver {
        case .string: return StringMethods.names.contains(name)
        case .list(let l): return l.isSet ? SetMethods.names.contains(name) : ListMethods.listNames.contains(name)
        case .dict: return DictMethods.names.contains(name)
        case .tuple: return ListMethods.tupleNames.contains(name)
        case .double: return name == "is_integer"
        case .int: return name == "bit_length"
        default: return false
        }
    }
}
