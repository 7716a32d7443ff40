// Filters over sequences and mappings: ordering (sort, dictsort, reverse), picking (first,
// last, min, max, unique), reshaping (batch, slice, groupby, list, items) and aggregating
// (length, join, sum). Jinja returns generators from several of these; they return lists here.

extension Builtins {
    static let sequenceFilters: [String: FilterFunction] = [
        "batch": batch,
        "count": length,
        "length": length,
        "dictsort": dictsort,
        "first": first,
        "last": last,
        // Jinja's random: one item of the sequence (a string's characters), chosen at random
        "random": { v, a, r in
            _ = try Params(a, "random", [])
            let items: [Value]
            if case .string(let s) = v { items = s.unicodeScalars.map { .string(String($0)) } } else { items = try r.iterate(v) }
            return items.randomElement() ?? .undefined(hint: "No random item, sequence was empty.")
        },
        "groupby": groupby,
        "items": items,
        "join": join,
        "list": { v, a, r in
            _ = try Params(a, "list", [])
            return .list(ListBox(try r.iterate(v)))
        },
        "max": { v, a, r in try minOrMax(v, a, r, max: true) },
        "min": { v, a, r in try minOrMax(v, a, r, max: false) },
        "reverse": reverse,
        "slice": slice,
        "sort": sort,
        "sum": sum,
        "unique": unique,
    ]

    @Sendable static func length(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        _ = try Params(a, "length", [])
        return .int(try Support.length(v, r))
    }

    @Sendable static func batch(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "batch", ["linecount", "fill_with"])
        guard let linecount = p[0] else {
            throw TemplateError(.type, "do_batch() missing 1 required positional argument: 'linecount'")
        }
        var out: [Value] = []
        var tmp: [Value] = []
        for item in try r.iterate(v) {
            if linecount.pyEquals(.int(tmp.count)) {
                out.append(.list(ListBox(tmp)))
                tmp = []
            }
            tmp.append(item)
        }
        if !tmp.isEmpty {
            if let fill = p[1], !fill.isNone {
                let n = try Support.index(linecount)
                try Support.checkSize(n)
                if tmp.count < n { tmp += Array(repeating: fill, count: n - tmp.count) }
            }
            out.append(.list(ListBox(tmp)))
        }
        return .list(ListBox(out))
    }

    @Sendable static func slice(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "slice", ["slices", "fill_with"])
        guard let sv = p[0] else {
            throw TemplateError(.type, "do_slice() missing 1 required positional argument: 'slices'")
        }
        let slices = try Support.index(sv)
        let seq = try r.iterate(v)
        if slices == 0 { throw TemplateError(.zeroDivision, "integer division or modulo by zero") }
        guard slices > 0 else { return .list(ListBox()) }
        try Support.checkSize(slices)
        let perSlice = seq.count / slices
        let withExtra = seq.count % slices
        var offset = 0
        var out: [Value] = []
        out.reserveCapacity(slices)
        for n in 0..<slices {
            let start = offset + n * perSlice
            if n < withExtra { offset += 1 }
            let end = offset + (n + 1) * perSlice
            var tmp = Array(seq[Swift.min(start, seq.count)..<Swift.min(Swift.max(start, end), seq.count)])
            if let fill = p[1], !fill.isNone, n >= withExtra { tmp.append(fill) }
            out.append(.list(ListBox(tmp)))
        }
        return .list(ListBox(out))
    }

    @Sendable static func first(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        _ = try Params(a, "first", [])
        switch v {
        case .list(let l): return l.items.first ?? .undefined(hint: "No first item, sequence was empty.")
        case .tuple(let t): return t.first ?? .undefined(hint: "No first item, sequence was empty.")
        case .string(let s): return s.unicodeScalars.first.map { .string(String($0)) }
                                 ?? .undefined(hint: "No first item, sequence was empty.")
        default:
            return try r.iterate(v).first ?? .undefined(hint: "No first item, sequence was empty.")
        }
    }

    @Sendable static func last(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        _ = try Params(a, "last", [])
        let empty = Value.undefined(hint: "No last item, sequence was empty.")
        switch v {
        case .list(let l): return l.items.last ?? empty
        case .tuple(let t): return t.last ?? empty
        case .dict(let d): return d.keys.last ?? empty
        case .string(let s): return s.unicodeScalars.last.map { .string(String($0)) } ?? empty
        case .undefined: return empty
        case .object: return try r.iterate(v).last ?? empty
        default: throw TemplateError(.type, "'\(v.typeName)' object is not reversible")
        }
    }

    @Sendable static func reverse(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        _ = try Params(a, "reverse", [])
        switch v {
        case .string(let s): return .string(PyStr.reversed(s))
        case .list(let l): return .list(ListBox(l.items.reversed()))
        case .tuple(let t): return .list(ListBox(t.reversed()))
        case .dict(let d): return .list(ListBox(d.keys.reversed()))
        case .undefined: return .list(ListBox())
        case .object:
            if let items = try? r.iterate(v) { return .list(ListBox(items.reversed())) }
            throw TemplateError(.runtime, "argument must be iterable")
        default: throw TemplateError(.runtime, "argument must be iterable")
        }
    }

    @Sendable static func sort(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "sort", ["reverse", "case_sensitive", "attribute"])
        let items = try r.iterate(v)
        let key = Support.multiAttrGetter(try Support.attributePath(p[2]), r, foldCase: !Support.flag(p[1]))
        let keys = try items.map(key)
        return .list(ListBox(try PySort.sorted(items, keys: keys, reverse: Support.flag(p[0]))))
    }

    @Sendable static func dictsort(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "dictsort", ["case_sensitive", "by", "reverse"])
        let caseSensitive = Support.flag(p[0])
        var position = 0
        if let by = p[1] {
            switch by.stringValue {
            case "key": position = 0
            case "value": position = 1
            default: throw TemplateError(.runtime, "You can only sort by either \"key\" or \"value\"")
            }
        }
        guard case .dict(let d) = v else {
            try Support.requireDefined(v)
            throw TemplateError(.attribute, "'\(v.typeName)' object has no attribute 'items'")
        }
        var pairs: [Value] = []
        var keys: [Value] = []
        pairs.reserveCapacity(d.count)
        keys.reserveCapacity(d.count)
        for (k, x) in d.pairs {
            pairs.append(.tuple([k, x]))
            let key = position == 0 ? k : x
            keys.append(caseSensitive ? key : Support.foldCase(key))
        }
        return .list(ListBox(try PySort.sorted(pairs, keys: keys, reverse: Support.flag(p[2]))))
    }

    @Sendable static func items(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        _ = try Params(a, "items", [])
        switch v {
        case .undefined: return .list(ListBox())
        case .dict(let d):
            var out: [Value] = []
            out.reserveCapacity(d.count)
            for (k, x) in d.pairs { out.append(.tuple([k, x])) }
            return .list(ListBox(out))
        default:
            throw TemplateError(.type, "Can only get item pairs from a mapping.")
        }
    }

    @Sendable static func join(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "join", ["d", "attribute"])
        let sep = try p[0].map { try Support.text($0, r) } ?? ""
        let path = try Support.attributePath(p[1])
        let items = try r.iterate(v)
        var pieces: [String] = []
        pieces.reserveCapacity(items.count)
        if let path {
            let getter = Support.attrGetter(path, r)
            for item in items { pieces.append(try Support.text(try getter(item), r)) }
        } else {
            for item in items { pieces.append(try Support.text(item, r)) }
        }
        return .string(pieces.joined(separator: sep))
    }

    @Sendable static func sum(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "sum", ["attribute", "start"])
        let path = try Support.attributePath(p[0])
        var total = p[1] ?? .int(0)
        if case .string = total {
            throw TemplateError(.type, "sum() can't sum strings [use ''.join(seq) instead]")
        }
        let getter = Support.attrGetter(path, r)
        for item in try r.iterate(v) {
            total = try Arithmetic.add(total, try getter(item))
        }
        return total
    }

    static func minOrMax(_ v: Value, _ a: Arguments, _ r: Renderer, max: Bool) throws -> Value {
        let p = try Params(a, max ? "max" : "min", ["case_sensitive", "attribute"])
        let items = try r.iterate(v)
        guard let firstItem = items.first else {
            return .undefined(hint: "No aggregated item, sequence was empty.")
        }
        let key = Support.attrGetter(try Support.attributePath(p[1]), r, foldCase: !Support.flag(p[0]))
        var best = firstItem
        var bestKey = try key(firstItem)
        for item in items.dropFirst() {
            let k = try key(item)
            // Python keeps the first of equal extremes: replace only on strict improvement.
            let c = try Support.compare(k, bestKey, op: max ? ">" : "<")
            if max ? c > 0 : c < 0 {
                best = item
                bestKey = k
            }
        }
        return best
    }

    @Sendable static func unique(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "unique", ["case_sensitive", "attribute"])
        let key = Support.attrGetter(try Support.attributePath(p[1]), r, foldCase: !Support.flag(p[0]))
        var seen = Set<Support.SetKey>()
        var out: [Value] = []
        for item in try r.iterate(v) where seen.insert(try Support.setKey(try key(item))).inserted {
            out.append(item)
        }
        return .list(ListBox(out))
    }

    @Sendable static func groupby(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "groupby", ["attribute", "default", "case_sensitive"])
        guard let attribute = p[0] else {
            throw TemplateError(.type, "do_groupby() missing 1 required positional argument: 'attribute'")
        }
        let path = try Support.attributePath(attribute)
        let caseSensitive = Support.flag(p[2])
        let key = Support.attrGetter(path, r, default: p[1], foldCase: !caseSensitive)
        let items = try r.iterate(v)
        let keys = try items.map(key)
        let order = try PySort.sortedIndices(keys, reverse: false)
        var groups: [Value] = []
        var i = 0
        while i < order.count {
            let groupKey = keys[order[i]]
            var members: [Value] = []
            var j = i
            while j < order.count, keys[order[j]].pyEquals(groupKey) {
                members.append(items[order[j]])
                j += 1
            }
            // Case-insensitive grouping reports the first member's real (unfolded) value.
            let grouper = caseSensitive ? groupKey : try Support.attrGetter(path, r, default: p[1])(items[order[i]])
            groups.append(.object(GroupTuple(grouper: grouper, list: .list(ListBox(members)))))
            i = j
        }
        return .list(ListBox(groups))
    }
}
