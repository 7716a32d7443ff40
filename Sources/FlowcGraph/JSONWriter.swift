// Serialises JSON straight into a byte buffer: artifacts of 10,000-node projects are tens of
// megabytes, and a generic encoder would dominate `flowc parse`. A writer is Sendable so that
// one filled on a worker thread can be handed to the thread that writes it out; it is never
// written from two threads at once.

public struct JSONWriter: @unchecked Sendable {
    private var buffer: ByteBuffer
    let indentStep: Int

    public init(indent: Int = 0, reserve: Int = 1 << 16) {
        indentStep = indent
        buffer = ByteBuffer(capacity: reserve)
    }

    /// The bytes written so far (a copy).
    public var bytes: [UInt8] { buffer.array }

    /// How many bytes have been written.
    public var count: Int { buffer.count }

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
        let out = buffer.array
        buffer.removeAll()
        return out
    }

    /// Hands the bytes written (after the first `dropping`) to `emit` a megabyte at a time, so
    /// a writer of tens of megabytes is written out without a copy of all of it.
    public func emit(dropping: Int = 0, _ emit: ([UInt8]) throws -> Void) rethrows {
        try buffer.forEachChunk(from: dropping, emit)
    }

    /// Appends already-encoded JSON bytes.
    public mutating func append(_ encoded: [UInt8]) {
        buffer.append(encoded)
    }

    /// Appends text as is (for callers that stream an object's punctuation themselves).
    public mutating func raw(_ text: String) {
        // through the contiguous bytes: appending a String.UTF8View goes element by element
        var text = text
        text.withUTF8 { buffer.append($0) }
    }

    /// `text` as is (punctuation and a key, written by hand), then `value` as a JSON string, or
    /// null when there is none.
    public mutating func member(_ text: String, _ value: String?) {
        raw(text)
        if let value { writeString(value) } else { raw("null") }
    }

    /// Appends one byte of punctuation.
    @inline(__always)
    mutating func byte(_ b: UInt8) {
        buffer.append(b)
    }

    /// Appends the separator between elements, `, `.
    @inline(__always)
    mutating func comma() {
        buffer.append(44, 32)
    }

    mutating func newline(_ depth: Int) {
        guard indentStep > 0 else { return }
        buffer.append(10)
        for _ in 0..<(depth * indentStep) { buffer.append(32) }
    }

    public mutating func write(_ value: JSON, depth: Int) {
        switch value {
        case .null: raw("null")
        case .bool(let b): raw(b ? "true" : "false")
        case .int(let i): raw(String(i))
        case .double(let d):
            if d.isFinite {
                if d == d.rounded(), abs(d) < 1e15 { raw(String(Int(d))); buffer.append(46, 48) } else { raw(String(d)) }
            } else {
                raw("null")
            }
        case .string(let s): writeString(s)
        case .array(let items):
            buffer.append(91)
            if items.isEmpty { buffer.append(93); return }
            for (i, item) in items.enumerated() {
                if i > 0 { if indentStep == 0 { buffer.append(44, 32) } else { buffer.append(44) } }
                newline(depth + 1)
                write(item, depth: depth + 1)
            }
            newline(depth)
            buffer.append(93)
        case .object(let o):
            buffer.append(123)
            if o.isEmpty { buffer.append(125); return }
            var first = true
            for (k, v) in o {
                if indentStep == 0 {
                    key(k, comma: !first)
                } else {
                    if !first { buffer.append(44) }
                    newline(depth + 1)
                    key(k, comma: false)
                }
                first = false
                write(v, depth: depth + 1)
            }
            newline(depth)
            buffer.append(125)
        }
    }

    /// An object's key and the `: ` after it, with `, ` before it when `comma`.
    mutating func key(_ k: String, comma: Bool) {
        if k.utf8.withContiguousStorageIfAvailable({ buffer.appendJSONKey($0, comma: comma) }) == nil {
            var copy = k
            copy.withUTF8 { buffer.appendJSONKey($0, comma: comma) }
        }
    }

    public mutating func writeString(_ s: String) {
        // native strings lend their bytes in place; others (bridged) are copied once
        if s.utf8.withContiguousStorageIfAvailable({ buffer.appendJSONString($0) }) == nil {
            var copy = s
            copy.withUTF8 { buffer.appendJSONString($0) }
        }
    }
}
