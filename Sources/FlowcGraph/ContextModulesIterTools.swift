// `modules.itertools`: chain, product, combinations and permutations. Python's are lazy
// iterators; flowc's build the whole result as a list. So each computes its result's size
// first, with overflow-checked arithmetic, and refuses one past `maxValues` with a clear error
// rather than exhausting memory or time (found by fuzzing: `combinations(range(60), 8)|first`
// grew past 6 GB, `product([1], repeat=<huge>)` crashed). The tuples are made by index
// arithmetic (the algorithms of Python's documentation), without recursion.
import FlowcTemplate

enum IterTools {
    /// The most values (tuples × their length) one call may build.
    static let maxValues = 10_000_000

    static func make() -> TableObject {
        TableObject("module", more.merging([
            "chain": fn("chain") { args, r in .list(ListBox(try args.positional.flatMap { try r.iterate($0) })) },
            "product": fn("product") { args, r in
                let pools = try args.positional.map { try r.iterate($0) }
                return try product(pools, repeat: try count(args.keyword("repeat"), default: 1, "repeat argument"))
            },
            "combinations": fn("combinations") { args, r in
                let s = try args.bind("combinations", ["iterable", "r"])
                guard let k = s[1] else { throw TemplateError(.type, "combinations() missing required argument 'r' (pos 2)") }
                return try combinations(try r.iterate(s[0] ?? .list([])), try count(k, default: 0, "r"))
            },
            "permutations": fn("permutations") { args, r in
                let s = try args.bind("permutations", ["iterable", "r"])
                let pool = try r.iterate(s[0] ?? .list([]))
                let k = s[1].flatMap { $0.isNone ? nil : $0 }
                return try permutations(pool, try count(k, default: pool.count, "r"))
            },
        ], uniquingKeysWith: { _, mine in mine }))
    }

    /// A non-negative count argument, with Python's errors.
    static func count(_ v: Value?, default d: Int, _ what: String) throws -> Int {
        guard let v else { return d }
        guard let n = v.intValue else {
            throw TemplateError(.type, "'\(v.typeName)' object cannot be interpreted as an integer")
        }
        guard n >= 0 else {
            throw TemplateError(.value, what == "r" ? "r must be non-negative" : "\(what) cannot be negative")
        }
        return n
    }

    /// Refuses a result of `tuples` tuples of `width` values each (nil: past Int) when it is
    /// past `maxValues`.
    static func checkSize(_ name: String, tuples: Int?, width: Int) throws {
        if let tuples {
            let (values, overflow) = tuples.multipliedReportingOverflow(by: Swift.max(width, 1))
            if !overflow && values <= maxValues { return }
        }
        throw TemplateError(.runtime, "itertools.\(name)() result too large (more than \(maxValues) values)",
                            hint: "Python's itertools are lazy, flowc builds the whole list: take a smaller input")
    }

    /// `a * b`, nil once it passes `maxValues` (so nil also covers Int overflow).
    static func bounded(_ a: Int, _ b: Int) -> Int? {
        let (p, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow || p > maxValues ? nil : p
    }

    static func product(_ pools: [[Value]], repeat n: Int) throws -> Value {
        let (width, overflow) = pools.count.multipliedReportingOverflow(by: n)
        if overflow { throw TemplateError(.overflow, "repeat argument too large") }
        if width > 0 && pools.contains(where: \.isEmpty) { return .list([]) }
        try checkSize("product", tuples: 1, width: width)  // one tuple is already too long
        var tuples: Int? = 1
        for _ in 0..<Swift.min(n, maxValues + 1) {
            for pool in pools { tuples = tuples.flatMap { bounded($0, pool.count) } }
            if tuples == nil { break }
        }
        try checkSize("product", tuples: tuples, width: width)
        // an odometer over the pools, the rightmost index turning fastest
        var out: [Value] = []
        out.reserveCapacity(tuples ?? 0)
        var indices = [Int](repeating: 0, count: width)
        func pool(_ position: Int) -> [Value] { pools[position % pools.count] }
        while true {
            out.append(.tuple(indices.enumerated().map { pool($0.offset)[$0.element] }))
            var position = width - 1
            while position >= 0 {
                indices[position] += 1
                if indices[position] < pool(position).count { break }
                indices[position] = 0
                position -= 1
            }
            if position < 0 { return .list(ListBox(out)) }
        }
    }

    static func combinations(_ pool: [Value], _ r: Int) throws -> Value {
        let n = pool.count
        guard r <= n else { return .list([]) }
        // C(n, r) grows with each step of the product below when r <= n - r
        let k = Swift.min(r, n - r)
        var tuples: Int? = 1
        for i in 0..<k {
            tuples = tuples.flatMap { bounded($0, n - i) }.map { $0 / (i + 1) }
        }
        try checkSize("combinations", tuples: tuples, width: r)
        var out: [Value] = []
        out.reserveCapacity(tuples ?? 0)
        var indices = Array(0..<r)
        while true {
            out.append(.tuple(indices.map { pool[$0] }))
            // the rightmost index that can still move right
            guard let i = indices.indices.last(where: { indices[$0] != $0 + n - r }) else { break }
            indices[i] += 1
            for j in (i + 1)..<r { indices[j] = indices[j - 1] + 1 }
        }
        return .list(ListBox(out))
    }

    static func permutations(_ pool: [Value], _ r: Int) throws -> Value {
        let n = pool.count
        guard r <= n else { return .list([]) }
        var tuples: Int? = 1
        for i in 0..<r { tuples = tuples.flatMap { bounded($0, n - i) } }
        try checkSize("permutations", tuples: tuples, width: r)
        var out: [Value] = []
        out.reserveCapacity(tuples ?? 0)
        var indices = Array(0..<n)
        var cycles = (0..<r).map { n - $0 }  // n, n-1, …, n-r+1
        out.append(.tuple(indices.prefix(r).map { pool[$0] }))
        next: while true {
            for i in stride(from: r - 1, through: 0, by: -1) {
                cycles[i] -= 1
                if cycles[i] == 0 {
                    // move index i to the end, shifting the ones after it left
                    let moved = indices.remove(at: i)
                    indices.append(moved)
                    cycles[i] = n - i
                } else {
                    indices.swapAt(i, n - cycles[i])
                    out.append(.tuple(indices.prefix(r).map { pool[$0] }))
                    continue next
                }
            }
            return .list(ListBox(out))
        }
    }
}
