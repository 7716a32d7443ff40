// JSON serialisation for `tojson`: Python's json.dumps(sort_keys=True, ensure_ascii=True)
// followed by Jinja's htmlsafe escaping of < > & ' as \u003c \u003e \u0026 \u0027, done in
// one pass over a byte buffer.

enum JSONWriter {
    static func htmlSafe(_ v: Value, indent: String?, _ r: Renderer) throws -> String {
        var w = Writer(indent: indent.map { Array($0.utf8) })
        try w.write(v, level: 0)
        return String(decoding: w.out, as: UTF8.self)
    }

    /// Python's `json.dumps(value, sort_keys=…)` (what dbt's `tojson()` calls): keys in their
    /// order unless sorted, non-ASCII as \u escapes, no HTML escaping (unlike the filter).
    static func pythonDumps(_ v: Value, sortKeys: Bool) throws -> String {
        var w = Writer(indent: nil, htmlSafe: false, sortKeys: sortKeys)
        try w.write(v, level: 0)
        return String(decoding: w.out, as: UTF8.self)
    }

    private struct Writer {
        let indent: [UInt8]?
        /// Jinja's filter escapes < > & ' and sorts keys; json.dumps does neither by default.
        var htmlSafe = true
        var sortKeys = true
        var out: [UInt8] = []
        /// Containers on the current path, to report cycles as Python does.
        var active: Set<ObjectIdentifier> = []

        init(indent: [UInt8]?, htmlSafe: Bool = true, sortKeys: Bool = true) {
            self.indent = indent
            self.htmlSafe = htmlSafe
            self.sortKeys = sortKeys
            out.reserveCapacity(256)
        }

        mutating func newline(_ level: Int) {
            guard let indent else { return }
            out.append(0x0A)
            for _ in 0..<level { out.append(contentsOf: indent) }
        }

        mutating func separator() {
            if indent == nil {
                out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")])
            } else {
                out.append(UInt8(ascii: ","))
            }
        }

        mutating func write(_ v: Value, level: Int) throws {
            switch v {
            case .none: out.append(contentsOf: "null".utf8)
            case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
            case .int(let i): out.append(contentsOf: String(i).utf8)
            case .double(let d): out.append(contentsOf: Self.float(d).utf8)
            case .string(let s): writeString(s)
            case .list(let l):
                try enter(ObjectIdentifier(l))
                try writeArray(l.items, level: level)
                active.remove(ObjectIdentifier(l))
            case .tuple(let t): try writeArray(t, level: level)
            case .dict(let d):
                try enter(ObjectIdentifier(d))
                try writeObject(d, level: level)
                active.remove(ObjectIdentifier(d))
            default:
                throw TemplateError(.type, "Object of type \(v.typeName) is not JSON serializable")
            }
        }

        mutating func enter(_ id: ObjectIdentifier) throws {
            guard active.insert(id).inserted else { throw TemplateError(.value, "Circular reference detected") }
        }

        static func float(_ d: Double) -> String {
            if d.isNaN { return "NaN" }
            if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
            return pythonFloatRepr(d)
        }

        mutating func writeArray(_ items: [Value], level: Int) throws {
            if items.isEmpty {
                out.append(contentsOf: "[]".utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { separator() }
                newline(level + 1)
                try write(item, level: level + 1)
            }
            newline(level)
            out.append(UInt8(ascii: "]"))
        }

        mutating func writeObject(_ d: DictBox, level: Int) throws {
            if d.count == 0 {
                out.append(contentsOf: "{}".utf8)
                return
            }
            let keys = d.keys
            let order = sortKeys ? try PySort.sortedIndices(keys, reverse: false) : Array(keys.indices)
            let values = d.values
            out.append(UInt8(ascii: "{"))
            for (n, i) in order.enumerated() {
                if n > 0 { separator() }
                newline(level + 1)
                let key: String
                switch keys[i] {
                case .string(let s): key = s
                case .int(let x): key = String(x)
                case .double(let x): key = Self.float(x)
                case .bool(let b): key = b ? "true" : "false"
                case .none: key = "null"
                default:
                    throw TemplateError(.type, "keys must be str, int, float, bool or None, not \(keys[i].typeName)")
                }
                writeString(key)
                out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
                try write(values[i], level: level + 1)
            }
            newline(level)
            out.append(UInt8(ascii: "}"))
        }

        mutating func writeString(_ s: String) {
            out.append(UInt8(ascii: "\""))
            for sc in s.unicodeScalars {
                let v = sc.value
                switch v {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                // htmlsafe_json_dumps' replacements
                case 0x3C, 0x3E, 0x26, 0x27: if htmlSafe { escape(v) } else { out.append(UInt8(v)) }
                case 0..<0x20: escape(v)
                case 0x20..<0x7F: out.append(UInt8(v))
                case 0x7F..<0x10000: escape(v)
                default:
                    let u = v - 0x10000
                    escape(0xD800 + (u >> 10))
                    escape(0xDC00 + (u & 0x3FF))
                }
            }
            out.append(UInt8(ascii: "\""))
        }

        mutating func escape(_ v: UInt32) {
            @inline(__always) func hex(_ n: UInt32) -> UInt8 {
                let d = UInt8(n & 0xF)
                return d < 10 ? 0x30 + d : 0x57 + d
            }
            out.append(0x5C)
            out.append(UInt8(ascii: "u"))
            out.append(hex(v >> 12))
            out.append(hex(v >> 8))
            out.append(hex(v >> 4))
            out.append(hex(v))
        }
    }
}

/// Python's `json.dumps` of a template value (JSONWriter.pythonDumps), for dbt's `tojson()`.
public func pythonJSONDumps(_ v: Value, sortKeys: Bool = false) throws -> String {
    try JSONWriter.pythonDumps(v, sortKeys: sortKeys)
}
