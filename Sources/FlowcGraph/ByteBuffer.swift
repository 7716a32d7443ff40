// The growable byte buffer JSON is written into. Appending to an [UInt8] goes through generic
// sequence code (a uniqueness check, then an element-by-element copy for short runs) at every
// call, and a 10,000-model compile makes tens of millions of such calls for 140 MB of JSON;
// here a run is one memcpy and a byte one store.

import CFlowcSupport

struct ByteBuffer {
    private final class Storage {
        var base: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        func copy() -> Storage {
            let other = Storage(capacity: capacity)
            other.base.update(from: base, count: count)
            other.count = count
            return other
        }

        /// Room for `extra` more bytes, doubling the capacity as often as that takes.
        @inline(__always)
        func reserve(_ extra: Int) {
            if count + extra > capacity { grow(to: count + extra) }
        }

        func grow(to needed: Int) {
            var newCapacity = capacity * 2
            while newCapacity < needed { newCapacity *= 2 }
            let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            newBase.update(from: base, count: count)
            base.deallocate()
            base = newBase
            capacity = newCapacity
        }
    }

    private var storage: Storage

    init(capacity: Int) {
        storage = Storage(capacity: capacity)
    }

    var count: Int { storage.count }

    /// A copy of the bytes written.
    var array: [UInt8] { Array(UnsafeBufferPointer(start: storage.base, count: storage.count)) }

    /// The bytes written from `offset` on, handed to `body` in copies of at most `chunk` bytes:
    /// a large buffer is written out without a second copy of the whole of it.
    func forEachChunk(from offset: Int = 0, of chunk: Int = 1 << 20, _ body: ([UInt8]) throws -> Void) rethrows {
        var at = max(0, offset)
        while at < storage.count {
            let n = min(chunk, storage.count - at)
            try body(Array(UnsafeBufferPointer(start: storage.base + at, count: n)))
            at += n
        }
    }

    /// A buffer is a value: a copy that is written to gets bytes of its own first.
    @inline(__always)
    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        unique()
        storage.reserve(1)
        storage.base[storage.count] = byte
        storage.count += 1
    }

    @inline(__always)
    mutating func append(_ a: UInt8, _ b: UInt8) {
        unique()
        storage.reserve(2)
        storage.base[storage.count] = a
        storage.base[storage.count + 1] = b
        storage.count += 2
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        unique()
        storage.reserve(bytes.count)
        (storage.base + storage.count).update(from: source, count: bytes.count)
        storage.count += bytes.count
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends `bytes` as a JSON string: quoted, with what JSON requires escaped.
    mutating func appendJSONString(_ bytes: UnsafeBufferPointer<UInt8>) {
        unique()
        // Room for the worst case (every byte escaped as \u00XX) when there is some; else
        // room for exactly what it takes, so a long string does not double a nearly full buffer.
        if storage.count + bytes.count * 6 + 2 > storage.capacity {
            storage.reserve(2 + (bytes.baseAddress.map { flowc_json_escaped_length($0, bytes.count) } ?? 0))
        }
        let start = storage.base + storage.count
        start[0] = 34
        let written = bytes.baseAddress.map { flowc_json_escape($0, bytes.count, start + 1) } ?? 0
        start[written + 1] = 34
        storage.count += written + 2
    }

    /// Appends an object's key in one step: `, ` when `comma`, the key as a JSON string, then
    /// `: `. A manifest has millions of keys, nearly all short and with nothing to escape, and
    /// writing them piece by piece (a check and a reserve each) was a tenth of writing it.
    mutating func appendJSONKey(_ bytes: UnsafeBufferPointer<UInt8>, comma: Bool) {
        unique()
        let n = bytes.count
        storage.reserve(n * 6 + 7)
        var p = storage.base + storage.count
        if comma {
            p[0] = 44
            p[1] = 32
            p += 2
        }
        p[0] = 34
        p += 1
        if let source = bytes.baseAddress {
            // the SSE2 scan: a byte at a time here was ~150 instructions a key
            if flowc_json_plain_prefix(source, n) == n {
                p.update(from: source, count: n)
                p += n
            } else {
                p += flowc_json_escape(source, n, p)
            }
        }
        p[0] = 34
        p[1] = 58
        p[2] = 32
        storage.count = p + 3 - storage.base
    }

    /// Empties the buffer, keeping its capacity.
    mutating func removeAll() {
        unique()
        storage.count = 0
    }
}
