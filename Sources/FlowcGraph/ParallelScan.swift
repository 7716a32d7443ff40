// Passes over every node split between threads: the checks after linking each look at every
// node for the few they are about (microbatch models, bad group configs, private models), and
// the selection and the manifest sort every id. On a large project each such pass was ~10 ms
// on one thread while the other had nothing to do.

import FlowcProject

extension Dictionary where Key: Sendable, Value: Sendable {
    /// `transform`'s non-nil results over the entries, in the dictionary's own order (as a
    /// serial `compactMap` gives them), computed on up to `threads` threads. Internal: a call
    /// from another module runs unspecialized, several times slower (see `Manifest.nodeIds`).
    func parallelCompactMap<T: Sendable>(threads: Int, _ transform: @escaping @Sendable (Key, Value) -> T?) -> [T] {
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

extension Array where Element == String {
    /// The elements in UTF-8 byte order (`utf8Precedes`), the two halves sorted on two threads
    /// and then merged: the selection and the manifest sort every node's id (20,000 on large
    /// projects), each a serial 10 ms.
    /// For strings only: a generic version called from another module ran unspecialized, at
    /// several times the cost of `sorted()`.
    public func parallelSorted() -> [String] {
        guard count > 4096 else { return sortedByBytes() }
        let middle = count / 2
        let halves = parallelSlices(count: 2, threads: 2, slices: 2) { range in
            range.map { half in (half == 0 ? self[..<middle] : self[middle...]).sortedByBytes() }
        }.flatMap { $0 }
        guard halves.count == 2 else { return sortedByBytes() }
        let (a, b) = (halves[0], halves[1])
        var merged: [String] = []
        merged.reserveCapacity(count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            // on a tie a's element first, as a stable sort keeps it
            if utf8Precedes(b[j], a[i]) { merged.append(b[j]); j += 1 } else { merged.append(a[i]); i += 1 }
        }
        merged.append(contentsOf: a[i...])
        merged.append(contentsOf: b[j...])
        return merged
    }
}

extension Manifest {
    /// The ids of the enabled nodes `include` accepts, in no particular order, found on up to
    /// `threads` threads.
    public func nodeIds(threads: Int, where include: @escaping @Sendable (Node) -> Bool) -> [String] {
        nodes.parallelCompactMap(threads: threads) { id, node in include(node) ? id : nil }
    }
}
