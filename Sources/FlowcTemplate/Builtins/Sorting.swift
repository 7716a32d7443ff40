// Stable sorting with Python's comparison semantics. Python's sort is stable and reports
// type mismatches as TypeError; a hand-written merge sort keeps both guarantees and lets a
// throwing comparison abort cleanly instead of leaving a half-sorted buffer behind.

enum PySort {
    /// Sorts `items` by the precomputed `keys` (same count), stable, optionally descending
    /// (equal elements keep their order in both directions, as in Python).
    static func sorted(_ items: [Value], keys: [Value], reverse: Bool) throws -> [Value] {
        let order = try sortedIndices(keys, reverse: reverse)
        var out: [Value] = []
        out.reserveCapacity(items.count)
        for i in order { out.append(items[i]) }
        return out
    }

    static func sorted(_ items: [Value], reverse: Bool) throws -> [Value] {
        try sorted(items, keys: items, reverse: reverse)
    }

    /// Indices of `keys` in sorted order. Like CPython, only `<` is asked, and the later
    /// element is the left operand, so mismatched types are reported the way Python does.
    static func sortedIndices(_ keys: [Value], reverse: Bool) throws -> [Int] {
        let n = keys.count
        var a = Array(0..<n)
        guard n > 1 else { return a }
        // `later` precedes `earlier` only when strictly less (or greater when reversed).
        func before(_ later: Int, _ earlier: Int) throws -> Bool {
            let c = try Support.compare(keys[later], keys[earlier])
            return reverse ? c > 0 : c < 0
        }
        // Insertion sort short runs, then merge bottom-up.
        let run = 16
        var start = 0
        while start < n {
            let end = Swift.min(start + run, n)
            var i = start + 1
            while i < end {
                let x = a[i]
                var j = i
                while j > start, try before(x, a[j - 1]) {
                    a[j] = a[j - 1]
                    j -= 1
                }
                a[j] = x
                i += 1
            }
            start = end
        }
        var buffer = a
        var width = run
        while width < n {
            var lo = 0
            while lo < n {
                let mid = Swift.min(lo + width, n)
                let hi = Swift.min(lo + 2 * width, n)
                var i = lo, j = mid, k = lo
                while i < mid && j < hi {
                    if try before(a[j], a[i]) {
                        buffer[k] = a[j]; j += 1
                    } else {
                        buffer[k] = a[i]; i += 1
                    }
                    k += 1
                }
                while i < mid { buffer[k] = a[i]; i += 1; k += 1 }
                while j < hi { buffer[k] = a[j]; j += 1; k += 1 }
                lo = hi
            }
            swap(&a, &buffer)
            width *= 2
        }
        return a
    }
}
