// Serialises JSON straight into a byte buffer: artifacts of 10,000-node projects are tens of
// megabytes, and a generic encoder would dominate `flowc parse`.

public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    let indentStep: Int

    public init(indent: Int = 0, reserve: Int = 1 << 16) {
        indentStep = indent
        bytes.reserveCapacity(reserve)
    }

    public static func encode(_ value: JSON, indent: Int = 0) -> [UInt8] {
        var w = JSONWriter(indent: indent)
        w.write(value, depth: 0)
        return w.bytes
    }

    public static func string(_ value: JSON, indent: Int = 0) -> String {
        String(decoding: encode(value, indent: indent), as: UTF8.self)
    }

    /// Hands over the bytes written so far and starts empty (for writing a file in pieces).
    public mutating func drain() -> [UInt8] {
        let out = bytes
        bytes = []
        return out
    }

    /// Appends already-encoded JSON bytes.
    public mutating func append(_ encoded: [UInt8]) {
        bytes.append(contentsOf: encoded)
    }

    /// Appends text as is (for callers that stream an object's punctuation themselves).
    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func newline(_ depth: Int) {
        guard indentStep > 0 else { return }
        bytes.append(10)
        for _ in 0..<(depth * indentStep) { bytes.append(32) }
    }

    public mutating func write(_ value: JSON, depth: Int) {
        switch value {
        case .null: bytes.append(contentsOf: [110, 117, 108, 108])
        case .bool(let b): if b { bytes.append(contentsOf: "true".utf8) } else { bytes.append(contentsOf: "false".utf8) }
        case .int(let i): bytes.append(contentsOf: String(i).utf8)
        case .double(let d):
            if d.isFinite {
                if d == d.rounded(), abs(d) < 1e15 { bytes.append(contentsOf: String(Int(d)).utf8); bytes.append(contentsOf: [46, 48]) } else { bytes.append(contentsOf: String(d).utf8) }
            } else {
                bytes.append(contentsOf: [110, 117, 108, 108])
            }
        case .string(let s): writeString(s)
        case .array(let items):
            bytes.append(91)
            if items.isEmpty { bytes.append(93); return }
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(44); if indentStep == 0 { bytes.append(32) } }
                newline(depth + 1)
                write(item, depth: depth + 1)
            }
            newline(depth)
            bytes.append(93)
        case .object(let o):
            bytes.append(123)
            if o.isEmpty { bytes.append(125); return }
            var first = true
            for (k, v) in o {
                if !first { bytes.append(44); if indentStep == 0 { bytes.append(32) } }
                first = false
                newline(depth + 1)
                writeString(k)
                bytes.append(58)
                bytes.append(32)
                write(v, depth: depth + 1)
            }
            newline(depth)
            bytes.append(125)
        }
    }

    public mutating func writeString(_ s: String) {
        bytes.append(34)
        var copy = s
        copy.withUTF8 { buf in
            // copy runs of bytes that need no escaping in one append
            var runStart = 0
            var i = 0
            while i < buf.count {
                // Eight bytes at a time while none needs escaping: SQL and paths are long
                // runs of plain text, and this loop is most of writing a manifest.
                if i + 8 <= buf.count, let base = buf.baseAddress,
                   !JSONWriter.needsEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let b = buf[i]
                i += 1
                guard b == 34 || b == 92 || b < 32 else { continue }
                let at = i - 1
                if runStart < at { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<at])) }
                runStart = i
                switch b {
                case 34: bytes.append(92); bytes.append(34)
                case 92: bytes.append(92); bytes.append(92)
                case 10: bytes.append(92); bytes.append(110)
                case 13: bytes.append(92); bytes.append(114)
                case 9: bytes.append(92); bytes.append(116)
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [92, 117, 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
                }
            }
            if runStart < buf.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<buf.count])) }
        }
        bytes.append(34)
    }

    /// Whether any of the eight bytes in `word` is a quote, a backslash or a control byte
    /// (the classic "has a byte less than n" and "has a zero byte" bit tricks).
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let control = (word &- ones &* 32) & ~word & highs != 0
        return control || hasZero(word ^ (ones &* 34)) || hasZero(word ^ (ones &* 92))
    }
}
