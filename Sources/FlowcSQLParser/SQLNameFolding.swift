// Case-folding SQL names for lookups, shared by the lineage resolver and the manifest writer
// (which matches documented columns to their lineage).

extension String {
    /// The name as a lookup key (lowercased). Most SQL names are lowercase ASCII already, and
    /// then the string itself is the key, without the Unicode case mapping `lowercased()` does.
    public var foldedKey: String {
        func plain(_ b: UInt8) -> Bool { b < 0x80 && (b < 0x41 || b > 0x5a) }
        // over the contiguous bytes when there are some: iterating the UTF8View cost more
        let folded = utf8.withContiguousStorageIfAvailable { $0.allSatisfy(plain) } ?? utf8.allSatisfy(plain)
        return folded ? self : lowercased()
    }
}
