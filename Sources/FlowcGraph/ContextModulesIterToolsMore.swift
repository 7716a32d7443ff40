// The rest of `modules.itertools` that dbt packages reach for (automate_dv builds its ghost
// records with repeat): repeat, islice, zip_longest, accumulate, compress, starmap, groupby,
// filterfalse, dropwhile, takewhile and tee, as Python defines them but built as lists.
// count() and cycle() and repeat() without `times` never end: they are refused with a hint,
// since flowc's lists are built whole where Python's iterators are lazy.
import FlowcTemplate

extension IterTools {
    static var more: [String: Value] {
        [
            "repeat": fn("repeat") { args, _ in
                let s = try args.bind("repeat", ["object", "times"])
                guard let times = s[1], !times.isNone else { throw endless("repeat", hint: "pass times, e.g. repeat('0', 32)") }
                let n = try count(times, default: 0, "times")
                try checkSize("repeat", tuples: n, width: 1)
                return .list(ListBox(Array(repeating: s[0] ?? .none, count: n)))
            },
            "count": fn("count") { _, _ in throw endless("count", hint: "use range(start, stop, step)") },
            "cycle": fn("cycle") { _, _ in throw endless("cycle", hint: "repeat the list a known number of times instead") },
            "islice": fn("islice") { args, r in
                guard let first = args.positional.first else { throw TemplateError(.type, "islice expected at least 2 arguments, got 0") }
                let items = try r.iterate(first)
                let rest = Array(args.positional.dropFirst())
                func index(_ v: Value?, _ d: Int?) throws -> Int? {
                    guard let v, !v.isNone else { return d }
                    guard let i = v.intValue, i >= 0 else {
                        throw TemplateError(.value, "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
                    }
                    return i
                }
                let (start, stop, step): (Int, Int?, Int)
                switch rest.count {
                case 1: (start, stop, step) = (0, try index(rest[0], nil), 1)
                case 2, 3: (start, stop, step) = (try index(rest[0], 0) ?? 0, try index(rest[1], nil),
                                                    try index(rest.count == 3 ? rest[2] : nil, 1) ?? 1)
                default: throw TemplateError(.type, "islice expected 2 to 4 arguments, got \(args.positional.count)")
                }
                guard step > 0 else { throw TemplateError(.value, "Step for islice() must be a positive integer or None.") }
                let end = Swift.min(stop ?? items.count, items.count)
                guard start < end else { return .list([]) }
                return .list(ListBox(stride(from: start, to: end, by: step).map { items[$0] }))
            },
            "zip_longest": fn("zip_longest") { args, r in
                let lists = try args.positional.map { try r.iterate($0) }
                let fill = args.keyword("fillvalue") ?? .none
                let n = lists.map(\.count).max() ?? 0
                try checkSize("zip_longest", tuples: n, width: lists.count)
                return .list(ListBox((0..<n).map { i in .tuple(lists.map { i < $0.count ? $0[i] : fill }) }))
            },
            "accumulate": fn("accumulate") { args, r in
                let s = try args.bind("accumulate", ["iterable", "func", "initial"])
                var items = try r.iterate(s[0] ?? .list([]))
                if let initial = s[2], !initial.isNone { items.insert(initial, at: 0) }
                guard var total = items.first else { return .list([]) }
                var out = [total]
                for item in items.dropFirst() {
                    if let f = s[1], !f.isNone { total = try r.call(f, Arguments([total, item])) }
                    else { total = try Value.pyAdd(total, item) }
                    out.append(total)
                }
                return .list(ListBox(out))
            },
            "compress": fn("compress") { args, r in
                let s = try args.bind("compress", ["data", "selectors"])
                let data = try r.iterate(s[0] ?? .list([])), selectors = try r.iterate(s[1] ?? .list([]))
                return .list(ListBox(zip(data, selectors).filter { $0.1.truthy }.map(\.0)))
            },
            "starmap": fn("starmap") { args, r in
                let s = try args.bind("starmap", ["function", "iterable"])
                let f = s[0] ?? .none
                return .list(ListBox(try r.iterate(s[1] ?? .list([])).map { try r.call(f, Arguments(try r.iterate($0))) }))
            },
            "groupby": fn("groupby") { args, r in
                // consecutive items with equal keys, each group as a list (Python's are iterators)
                let s = try args.bind("groupby", ["iterable", "key"])
                var groups: [(Value, [Value])] = []
                for item in try r.iterate(s[0] ?? .list([])) {
                    let k = try s[1].flatMap { $0.isNone ? nil : $0 }.map { try r.call($0, Arguments([item])) } ?? item
                    if let last = groups.last, last.0.pyEquals(k) { groups[groups.count - 1].1.append(item) }
                    else { groups.append((k, [item])) }
                }
                return .list(ListBox(groups.map { .tuple([$0.0, .list(ListBox($0.1))]) }))
            },
            "filterfalse": fn("filterfalse") { args, r in
                let s = try args.bind("filterfalse", ["function", "iterable"])
                let f = s[0].flatMap { $0.isNone ? nil : $0 }
                return .list(ListBox(try r.iterate(s[1] ?? .list([])).filter { item in
                    try !(f.map { try r.call($0, Arguments([item])) } ?? item).truthy
                }))
            },
            "dropwhile": fn("dropwhile") { args, r in
                let (items, n) = try leadingRun("dropwhile", args, r)
                return .list(ListBox(Array(items[n...])))
            },
            "takewhile": fn("takewhile") { args, r in
                let (items, n) = try leadingRun("takewhile", args, r)
                return .list(ListBox(Array(items[..<n])))
            },
            "tee": fn("tee") { args, r in
                let s = try args.bind("tee", ["iterable", "n"])
                let items = try r.iterate(s[0] ?? .list([]))
                let n = try count(s[1], default: 2, "n")
                try checkSize("tee", tuples: n, width: items.count)
                return .tuple((0..<n).map { _ in .list(ListBox(items)) })
            },
        ]
    }

    /// The items of (predicate, iterable) and how many lead for which the predicate holds.
    static func leadingRun(_ name: String, _ args: Arguments, _ r: Renderer) throws -> ([Value], Int) {
        let s = try args.bind(name, ["predicate", "iterable"])
        let items = try r.iterate(s[1] ?? .list([]))
        var n = 0
        while n < items.count, try r.call(s[0] ?? .none, Arguments([items[n]])).truthy { n += 1 }
        return (items, n)
    }

    static func endless(_ name: String, hint: String) -> TemplateError {
        TemplateError(.runtime, "itertools.\(name)() here never ends: flowc builds the whole list, where Python's iterator is lazy",
                      hint: hint)
    }
}
