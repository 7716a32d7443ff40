// Conversions between JSON (configs, vars, artifacts) and template Values.
import FlowcTemplate

extension Value {
    public init(json: JSON) {
        switch json {
        case .null: self = .none
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .array(let a): self = .list(ListBox(a.map { Value(json: $0) }))
        case .object(let o):
            let d = DictBox()
            for (k, v) in o { d.set(.string(k), Value(json: v)) }
            self = .dict(d)
        }
    }
}

extension JSON {
    /// A template value as JSON; objects and callables become their printed form.
    public init(value: Value) {
        switch value {
        case .none, .undefined: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .list(let l): self = .array(l.items.map { JSON(value: $0) })
        case .tuple(let t): self = .array(t.map { JSON(value: $0) })
        case .dict(let d):
            var o = JSONObject()
            for (k, v) in d.pairs { o[k.stringValue ?? k.pythonString] = JSON(value: v) }
            self = .object(o)
        case .callable, .object: self = .string(value.pythonString)
        }
    }
}
