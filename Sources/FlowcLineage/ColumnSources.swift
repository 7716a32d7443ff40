// The upstream columns of an expression or output column: a set, held without hashing or
// allocating while it has one member. Most columns copy exactly one input column (every column
// of every table a query reads starts that way), and a one-member Set cost an allocation and
// two string hashes each.

struct ColumnSources: ExpressibleByArrayLiteral {
    private enum Storage {
        case none
        case one(ColumnSource)
        case many(Set<ColumnSource>)
    }
    private var storage: Storage

    init(arrayLiteral elements: ColumnSource...) {
        switch elements.count {
        case 0: storage = .none
        case 1: storage = .one(elements[0])
        default: storage = .many(Set(elements))
        }
    }

    var isEmpty: Bool {
        if case .none = storage { return true }
        return false
    }

    /// The members, sorted.
    func sorted() -> [ColumnSource] {
        switch storage {
        case .none: return []
        case .one(let s): return [s]
        case .many(let set): return set.sorted()
        }
    }

    /// Adds the members of `other`.
    mutating func absorb(_ other: ColumnSources) {
        switch (storage, other.storage) {
        case (_, .none): return
        case (.none, _): storage = other.storage
        case (.one(let a), .one(let b)): if a != b { storage = .many([a, b]) }
        case (.one(let a), .many(var set)):
            set.insert(a)
            storage = .many(set)
        case (.many(var set), .one(let b)):
            // released first, so the set is uniquely held and grows in place
            storage = .none
            set.insert(b)
            storage = .many(set)
        case (.many(var set), .many(let more)):
            storage = .none
            set.formUnion(more)
            storage = .many(set)
        }
    }

    func union(_ other: ColumnSources) -> ColumnSources {
        var out = self
        out.absorb(other)
        return out
    }
}
