// A tiny deterministic PRNG (SplitMix64) so every run of the benchmark generates the same
// corpus; Swift's SystemRandomNumberGenerator would make numbers incomparable between runs.

struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range` (inclusive); the slight modulo bias does not matter here.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % span)
    }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// `count` distinct items of `items` (all of them when it has fewer), in `items`' order.
    mutating func sample<T>(_ items: [T], _ count: Int) -> [T] {
        var indices = Array(items.indices)
        var chosen: [Int] = []
        for _ in 0..<min(count, items.count) {
            chosen.append(indices.remove(at: int(0...(indices.count - 1))))
        }
        return chosen.sorted().map { items[$0] }
    }
}
