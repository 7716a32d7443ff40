// A parallel pass over a dictionary's entries. The checks after linking each look at every
// node of the manifest for the few they are about (microbatch models, bad group configs,
// private models): on a large project each pass was 10 ms on one thread while the other
// had nothing to do.

extension Dictionary where Key: Sendable, Value: Sendable {
    /// `transform`'s non-nil results over the entries, in the dictionary's own order (as a
    /// serial `compactMap` gives them), computed on up to `threads` threads.
    public func parallelCompactMap<T: Sendable>(threads: Int,
                                                _ transform: @escaping @Sendable (Key, Value) -> T?) -> [T] {
        guard threads > 1, count > 256 else { return compactMap { transform($0.key, $0.value) } }
        // slice bounds found by one walk over the entries (a dictionary index only steps)
        let slices = threads * 4
        let size = (count + slices - 1) / slices
        var bounds: [Index] = [startIndex]
        var i = startIndex
        while i != endIndex {
            i = index(i, offsetBy: size, limitedBy: endIndex) ?? endIndex
            bounds.append(i)
        }
        let cuts = bounds
        return parallelSlices(count: cuts.count - 1, threads: threads, slices: cuts.count - 1) { range in
            range.flatMap { s in self[cuts[s]..<cuts[s + 1]].compactMap { transform($0.key, $0.value) } }
        }.flatMap { $0 }
    }
}
