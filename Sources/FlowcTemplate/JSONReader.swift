// Reads JSON into template Values, keeping object key order and telling ints (`1`) from floats
// (`1.0`, `1e3`) as Python's json module does. Hosts use it for `fromjson` and `--vars`.

extension Value {
    public static func fromJSON(_ text: String) throws -> Value {
        var reader = JSONReader(Array(text.utf8))
        reader.skipSpace()
        let v = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.i == reader.b.count else { throw reader.fail("extra data") }
        return v
    }
}

struct JSONReader {
    let b: [UInt8]
    var i = 0
    init(_ b: [UInt8]) { self.b = b }

    func fail(_ what: String) -> TemplateError {
        TemplateError(.value, "invalid JSON: \(what) at offset \(i)")
    }

    mutating func skipSpace() {
        while i < b.count, b[i] == 32 || b[i] == 10 || b[i] == 13 || b[i] == 9 { i += 1 }
    }

    mutating func literal(_ word: String, _ v: Value) throws -> Value {
        for c in word.utf8 {
            guard i < b.count, b[i] == c else { throw fail("unexpected character") }
            i += 1
        }
        return v
    }

    mutating func value(depth: Int) throws -> Value {
        guard depth < 512 else { throw fail("nesting too deep") }
        guard i < b.count else { throw fail("unexpected end") }
        switch b[i] {
        case 123:  // {
            i += 1
            let d = DictBox()
            skipSpace()
            if i < b.count, b[i] == 125 { i += 1; return .dict(d) }
            while true {
                skipSpace()
                guard i < b.count, b[i] == 34 else { throw fail("expected a string key") }
                let k = try string()
                skipSpace()
                guard i < b.count, b[i] == 58 else { throw fail("expected ':'") }
                i += 1
                skipSpace()
                d.set(.string(k), try value(depth: depth + 1))
                skipSpace()
                guard i < b.count else { throw fail("unexpected end") }
                if b[i] == 44 { i += 1; continue }
                if b[i] == 125 { i += 1; return .dict(d) }
                throw fail("expected ',' or '}'")
            }
        case 91:  // [
            i += 1
            var items: [Value] = []
            skipSpace()
            if i < b.count, b[i] == 93 { i += 1; return .list(ListBox(items)) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard i < b.count else { throw fail("unexpected end") }
                if b[i] == 44 { i += 1; continue }
                if b[i] == 93 { i += 1; return .list(ListBox(items)) }
                throw fail("expected ',' or ']'")
            }
        case 34: return .string(try string())
        case 116: return try literal("true", .bool(true))
        case 102: return try literal("false", .bool(false))
        case 110: return try literal("null", .none)
        default: return try number()
        }
    }

    mutating func number() throws -> Value {
        let start = i
        var isFloat = false
        if i < b.count, b[i] == 45 { i += 1 }
        while i < b.count {
            let c = b[i]
            if c >= 48 && c <= 57 { i += 1 } else if c == 46 || c == 101 || c == 69 || c == 43 || c == 45 {
                isFloat = true
                i += 1
            } else { break }
        }
        let text = String(decoding: b[start..<i], as: UTF8.self)
        if !isFloat, let n = Int(text) { return .int(n) }
        guard let d = Double(text), !text.isEmpty else { throw fail("invalid number") }
        return .double(d)
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= b.count else { throw fail("bad \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = UInt32(b[i])
            switch c {
            case 48...57: v = v * 16 + c - 48
            case 97...102: v = v * 16 + c - 87
            case 65...70: v = v * 16 + c - 55
            default: throw fail("bad \\u escape")
            }
            i += 1
        }
        return v
    }

    mutating func string() throws -> String {
        i += 1  // opening quote
        var bytes: [UInt8] = []
        while true {
            guard i < b.count else { throw fail("unterminated string") }
            let c = b[i]
            i += 1
            if c == 34 { break }
            if c != 92 { bytes.append(c); continue }
            guard i < b.count else { throw fail("unterminated string") }
            let e = b[i]
            i += 1
            switch e {
            case 110: bytes.append(10)
            case 116: bytes.append(9)
            case 114: bytes.append(13)
            case 98: bytes.append(8)
            case 102: bytes.append(12)
            case 117:
                var code = try hex4()
                if code >= 0xD800 && code < 0xDC00, i + 1 < b.count, b[i] == 92, b[i + 1] == 117 {
                    i += 2
                    let low = try hex4()
                    code = 0x10000 + ((code - 0xD800) << 10) + (low &- 0xDC00)
                }
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                bytes.append(contentsOf: Array(String(scalar).utf8))
            default: bytes.append(e)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
