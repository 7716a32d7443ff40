// Byte searches in text. With Foundation imported, `String.contains(String)` goes through its
// locale-aware range(of:), which was a twentieth of compiling 10,000 generic tests; the generic
// searches on `utf8` step an index at a time (~20 instructions a byte) and those on the String
// itself break graphemes. These look for ASCII markers ("{{", "{%", '/', '.') and bytes a file
// must not hold (a NUL, U+FFFD) over the contiguous UTF-8, with memchr where a byte starts the
// match. An ASCII byte is never part of a longer UTF-8 sequence, so a byte found is a code point
// of its own, as Python's str methods (which dbt uses) see it.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Inlinable: a generic call from another module (FlowcGraph asks every properties string)
// runs unspecialized, at several times the cost.
extension StringProtocol {
    /// Whether the text holds `{{` or `{%` (a Jinja expression or statement): one memchr scan
    /// for `{`, where two `containsBytes` searches were 1.5% of building a large project's graph
    /// (every string of every properties entry is asked).
    @inlinable
    public var holdsJinjaTag: Bool {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard var p = bytes.baseAddress else { return false }
            let end = p + bytes.count
            while p < end, let hit = memchr(p, 0x7B, end - p) {
                let brace = hit.assumingMemoryBound(to: UInt8.self)
                if brace + 1 < end && (brace[1] == 0x7B || brace[1] == 0x25) { return true }
                p = UnsafePointer(brace) + 1
            }
            return false
        }
        if let found = utf8.withContiguousStorageIfAvailable(scan) { return found }
        return Array(utf8).withUnsafeBufferPointer(scan)
    }

    /// Whether the text holds `needle` byte for byte.
    @inlinable
    public func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { n -> Bool in
            if n.isEmpty { return true }
            // candidates for the first byte found by memchr (a byte loop cost ~4 instructions a
            // byte: asking a model's whole code whether it holds a NUL was 0.3% of a compile)
            func search(_ hay: UnsafeBufferPointer<UInt8>) -> Bool {
                guard let h = hay.baseAddress, let p = n.baseAddress, hay.count >= n.count else { return false }
                var from = h
                let lastStart = h + (hay.count - n.count)
                while from <= lastStart, let hit = memchr(from, Int32(p.pointee), lastStart - from + 1) {
                    let at = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
                    if n.count == 1 || memcmp(at + 1, p + 1, n.count - 1) == 0 { return true }
                    from = at + 1
                }
                return false
            }
            if let found = utf8.withContiguousStorageIfAvailable(search) { return found }
            return Array(utf8).withUnsafeBufferPointer(search)
        }
    }
}

extension String {
    /// The index of the last ASCII byte `byte` in the string, or nil.
    @inlinable
    public func lastIndex(ofASCII byte: UInt8) -> String.Index? {
        let offset = utf8.withContiguousStorageIfAvailable { b -> Int? in
            var i = b.count
            while i > 0 {
                i -= 1
                if b[i] == byte { return i }
            }
            return nil
        }
        guard let offset else { return utf8.lastIndex(of: byte) }
        return offset.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }
}
