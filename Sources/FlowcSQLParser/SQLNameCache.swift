// The Strings of the words one SQL text repeats (column and table names), made once each: a
// model names `order_id` a dozen times, and making a String from bytes (validating them) was
// a third of the lexer's time.

/// A direct-mapped cache from a lower-case word of at most 16 bytes, packed as
/// `SQLWordTable.pack` packs it, to its String. A word that collides replaces the one before.
struct SQLNameCache {
    private static let slotCount = 128
    /// Three UInt64s per slot: the packed word and its length (0 for an empty slot).
    private var keys: [UInt64] = []
    private var words: [String] = []

    /// The String of the word, made and kept on a miss by `make`.
    @inline(__always)
    mutating func word(lo: UInt64, hi: UInt64, length: Int, make: () -> String) -> String {
        if keys.isEmpty {
            keys = [UInt64](repeating: 0, count: Self.slotCount * 3)
            words = [String](repeating: "", count: Self.slotCount)
        }
        let k = SQLWordTable.index(lo, hi, length) & (Self.slotCount - 1)
        if keys[3 * k] == lo && keys[3 * k + 1] == hi && keys[3 * k + 2] == UInt64(length) { return words[k] }
        let word = make()
        keys[3 * k] = lo
        keys[3 * k + 1] = hi
        keys[3 * k + 2] = UInt64(length)
        words[k] = word
        return word
    }
}
