// Python's pprint.pformat (width 80, sorted dict keys) for the `pprint` filter: the repr when
// it fits, otherwise containers one item per line and long strings split into implicitly
// concatenated pieces, with the same indentation rules as CPython 3.11.

enum PrettyPrint {
    static let width = 80

    static func format(_ v: Value, _ r: Renderer) throws -> String {
        var out = ""
        var open: [ObjectIdentifier] = []
        try emit(v, &out, indent: 0, allowance: 0, level: 0, &open, r)
        return out
    }

    /// A list's or dict's identity, which pprint tracks to print a container inside itself
    /// as `<Recursion on list with id=…>` instead of recursing without end.
    static func identity(_ v: Value) -> ObjectIdentifier? {
        switch v {
        case .list(let l): return ObjectIdentifier(l)
        case .dict(let d): return ObjectIdentifier(d)
        default: return nil
        }
    }

    static func recursion(_ v: Value, _ id: ObjectIdentifier) -> String {
        "<Recursion on \(v.typeName) with id=\(UInt(bitPattern: id))>"
    }

    /// repr with dict keys sorted, as pprint's _safe_repr produces it; `open` holds the
    /// containers being printed around `v`.
    static func repr(_ v: Value, _ open: inout [ObjectIdentifier], depth: Int = 0) -> String {
        if depth > 200 { return "..." }
        let id = identity(v)
        if let id {
            if open.contains(id) { return recursion(v, id) }
            open.append(id)
        }
        defer { if id != nil { open.removeLast() } }
        switch v {
        case .list(let l):
            return "[" + l.items.map { repr($0, &open, depth: depth + 1) }.joined(separator: ", ") + "]"
        case .tuple(let t):
            if t.count == 1 { return "(" + repr(t[0], &open, depth: depth + 1) + ",)" }
            return "(" + t.map { repr($0, &open, depth: depth + 1) }.joined(separator: ", ") + ")"
        case .dict(let d):
            return "{" + sortedPairs(d).map { repr($0.0, &open, depth: depth + 1) + ": " + repr($0.1, &open, depth: depth + 1) }
                .joined(separator: ", ") + "}"
        default:
            return v.pythonRepr
        }
    }

    /// pprint's _safe_key ordering: natural order, falling back to type names when the
    /// keys are not comparable.
    static func sortedPairs(_ d: DictBox) -> [(Value, Value)] {
        let keys = d.keys, values = d.values
        var order = Array(keys.indices)
        if let sorted = try? PySort.sortedIndices(keys, reverse: false) {
            order = sorted
        } else {
            order.sort { a, b in
                if let c = try? keys[a].pyCompare(keys[b]) { return c < 0 }
                let ta = keys[a].typeName, tb = keys[b].typeName
                return ta != tb ? Value.compareStrings(ta, tb) < 0 : a < b
            }
        }
        return order.map { (keys[$0], values[$0]) }
    }

    private static func emit(_ v: Value, _ out: inout String, indent: Int, allowance: Int, level: Int,
                             _ open: inout [ObjectIdentifier], _ r: Renderer) throws {
        let id = identity(v)
        if let id, open.contains(id) {
            out += recursion(v, id)
            return
        }
        let rep = repr(v, &open)
        let maxWidth = width - indent - allowance
        guard PyStr.length(rep) > maxWidth, level < 200 else {
            out += rep
            return
        }
        if let id { open.append(id) }
        defer { if id != nil { open.removeLast() } }
        switch v {
        case .list(let l):
            out += "["
            try items(l.items, &out, indent: indent, allowance: allowance + 1, level: level + 1, &open, r)
            out += "]"
        case .tuple(let t):
            out += "("
            let end = t.count == 1 ? ",)" : ")"
            try items(t, &out, indent: indent, allowance: allowance + end.count, level: level + 1, &open, r)
            out += end
        case .dict(let d):
            out += "{"
            let pairs = sortedPairs(d)
            let inner = indent + 1
            for (i, (k, x)) in pairs.enumerated() {
                let last = i == pairs.count - 1
                let krep = repr(k, &open)
                out += krep + ": "
                try emit(x, &out, indent: inner + PyStr.length(krep) + 2, allowance: last ? allowance + 1 : 1,
                         level: level + 1, &open, r)
                if !last { out += ",\n" + String(repeating: " ", count: inner) }
            }
            out += "}"
        case .string(let s):
            longString(s, &out, indent: indent, allowance: allowance, level: level + 1)
        default:
            out += rep
        }
    }

    private static func items(_ xs: [Value], _ out: inout String, indent: Int, allowance: Int, level: Int,
                              _ open: inout [ObjectIdentifier], _ r: Renderer) throws {
        let inner = indent + 1
        for (i, x) in xs.enumerated() {
            let last = i == xs.count - 1
            if i > 0 { out += ",\n" + String(repeating: " ", count: inner) }
            try emit(x, &out, indent: inner, allowance: last ? allowance : 1, level: level, &open, r)
        }
    }

    private static func longString(_ s: String, _ out: inout String, indent startIndent: Int, allowance startAllowance: Int,
                                   level: Int) {
        if s.isEmpty {
            out += pythonStringRepr(s)
            return
        }
        var indent = startIndent
        var allowance = startAllowance
        if level == 1 {
            indent += 1
            allowance += 1
        }
        let lines = PyStr.splitlines(s, keepends: true)
        var chunks: [String] = []
        let maxWidth = width - indent
        var maxWidth1 = maxWidth
        var rep = ""
        for (i, line) in lines.enumerated() {
            rep = pythonStringRepr(line)
            if i == lines.count - 1 { maxWidth1 -= allowance }
            if PyStr.length(rep) <= maxWidth1 {
                chunks.append(rep)
                continue
            }
            let parts = spaceParts(line)
            var maxWidth2 = maxWidth
            var current = ""
            for (j, part) in parts.enumerated() {
                let candidate = current + part
                if j == parts.count - 1 && i == lines.count - 1 { maxWidth2 -= allowance }
                if PyStr.length(pythonStringRepr(candidate)) > maxWidth2 {
                    if !current.isEmpty { chunks.append(pythonStringRepr(current)) }
                    current = part
                } else {
                    current = candidate
                }
            }
            if !current.isEmpty { chunks.append(pythonStringRepr(current)) }
        }
        if chunks.count == 1 {
            out += rep
            return
        }
        if level == 1 { out += "(" }
        for (i, c) in chunks.enumerated() {
            if i > 0 { out += "\n" + String(repeating: " ", count: indent) }
            out += c
        }
        if level == 1 { out += ")" }
    }

    /// `re.findall(r'\S*\s*', line)` without the trailing empty match.
    private static func spaceParts(_ line: String) -> [String] {
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var inSpace = false
        for sc in line.unicodeScalars {
            let space = PyStr.isSpace(sc.value)
            if !space && inSpace {
                parts.append(String(current))
                current = String.UnicodeScalarView()
                inSpace = false
            }
            if space { inSpace = true }
            current.append(sc)
        }
        if !current.isEmpty { parts.append(String(current)) }
        return parts
    }
}
