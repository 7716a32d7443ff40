// Sorting by UTF-8 bytes with memcmp. Swift's `<` on String compares by Unicode canonical
// equivalence, ~100 instructions a call on ids that share a long prefix (`model.project.…`),
// and writing a large manifest sorts hundreds of thousands of them (its parent and child
// maps); `utf8.lexicographicallyPrecedes` walks byte by byte at ~1,000 instructions a call
// on paths. For NFC text, which ids are (ASCII almost always), the byte order is the same
// order as `<`, and it is the code-point order Python's sorted() gives dbt.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether `a` sorts before `b` by their UTF-8 bytes.
@inlinable
public func utf8Precedes(_ a: String, _ b: String) -> Bool {
    let byBytes = a.utf8.withContiguousStorageIfAvailable { x in
        b.utf8.withContiguousStorageIfAvailable { y -> Bool in
            let common = Swift.min(x.count, y.count)
            if common > 0, let p = x.baseAddress, let q = y.baseAddress {
                let c = memcmp(p, q, common)
                if c != 0 { return c < 0 }
            }
            return x.count < y.count
        }
    }
    if case let result?? = byBytes { return result }
    return a < b
}

extension Sequence where Element == String {
    /// The strings in UTF-8 byte order (see `utf8Precedes`).
    @inlinable
    public func sortedByBytes() -> [String] { sorted(by: utf8Precedes) }
}
