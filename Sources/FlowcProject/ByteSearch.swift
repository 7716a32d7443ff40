// Looking for one ASCII byte in a String over its contiguous UTF-8. The generic searches on
// `utf8` step an index at a time (~20 instructions a byte) and those on the String itself break
// graphemes; paths, test names and identifiers are searched tens of thousands of times in a
// large project. An ASCII byte is never part of a longer UTF-8 sequence, so a byte found is a
// code point of its own, as Python's str methods (which dbt uses) see it.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether the string holds the ASCII byte `byte`.
    @inlinable
    public func containsASCII(_ byte: UInt8) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { b -> Bool in
            guard let p = b.baseAddress else { return false }
            return memchr(p, Int32(byte), b.count) != nil
        }
        return found ?? utf8.contains(byte)
    }

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
