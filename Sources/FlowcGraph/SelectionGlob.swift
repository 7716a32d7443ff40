// Unix shell-style wildcards as dbt's selector methods understand them (Python's fnmatch):
// `*` any run of characters (dots and slashes included), `?` one character, `[abc]` / `[a-z]`
// one of a set, `[!abc]` one not in it; a '[' without its ']' is an ordinary character.
// Matching is case-sensitive. `SelectionPathGlob` matches relative paths component by component
// like a file-system glob, where `**` spans any number of directories.

struct SelectionGlob: Sendable {
    private enum Token: Sendable {
        case literal(Unicode.Scalar)
        case any
        case star
        case set(negated: Bool, ranges: [ClosedRange<UInt32>])
    }

    private let tokens: [Token]
    /// True when the pattern has no wildcard: matching is plain equality.
    let isLiteral: Bool
    private let text: String

    init(_ pattern: String) {
        text = pattern
        let s = Array(pattern.unicodeScalars)
        var out: [Token] = []
        var i = 0
        var literal = true
        while i < s.count {
            let c = s[i]
            switch c {
            case "*":
                literal = false
                if case .star? = out.last {} else { out.append(.star) }
                i += 1
            case "?":
                literal = false
                out.append(.any)
                i += 1
            case "[":
                // Find the closing ']' (a ']' right after '[' or '[!' belongs to the set).
                var j = i + 1
                if j < s.count, s[j] == "!" { j += 1 }
                if j < s.count, s[j] == "]" { j += 1 }
                while j < s.count, s[j] != "]" { j += 1 }
                if j >= s.count {
                    out.append(.literal(c))
                    i += 1
                    continue
                }
                literal = false
                var k = i + 1
                var negated = false
                if s[k] == "!" { negated = true; k += 1 }
                var ranges: [ClosedRange<UInt32>] = []
                while k < j {
                    if k + 2 < j, s[k + 1] == "-" {
                        let lo = s[k].value, hi = s[k + 2].value
                        if lo <= hi { ranges.append(lo...hi) }
                        k += 3
                    } else {
                        ranges.append(s[k].value...s[k].value)
                        k += 1
                    }
                }
                out.append(.set(negated: negated, ranges: ranges))
                i = j + 1
            default:
                out.append(.literal(c))
                i += 1
            }
        }
        tokens = out
        isLiteral = literal
    }

    func matches(_ candidate: String) -> Bool {
        if isLiteral { return candidate == text }
        let s = Array(candidate.unicodeScalars)
        var ti = 0, si = 0
        var starToken = -1, starPos = 0
        while si < s.count {
            if ti < tokens.count {
                switch tokens[ti] {
                case .star:
                    starToken = ti
                    starPos = si
                    ti += 1
                    continue
                case .any:
                    ti += 1; si += 1
                    continue
                case .literal(let c) where c == s[si]:
                    ti += 1; si += 1
                    continue
                case .set(let negated, let ranges) where ranges.contains(where: { $0.contains(s[si].value) }) != negated:
                    ti += 1; si += 1
                    continue
                default:
                    break
                }
            }
            // Mismatch: let the last star swallow one more character, or fail.
            guard starToken >= 0 else { return false }
            starPos += 1
            si = starPos
            ti = starToken + 1
        }
        while ti < tokens.count, case .star = tokens[ti] { ti += 1 }
        return ti == tokens.count
    }

    static func matches(_ pattern: String, _ candidate: String) -> Bool {
        SelectionGlob(pattern).matches(candidate)
    }
}

/// A relative-path glob: `models/staging/*`, `models/**/stg_*.sql`.
struct SelectionPathGlob: Sendable {
    private enum Part: Sendable {
        case globstar
        case glob(SelectionGlob)
    }
    private let parts: [Part]

    init(_ pattern: String) {
        parts = SelectionPathGlob.components(pattern).map { $0 == "**" ? .globstar : .glob(SelectionGlob($0)) }
    }

    /// Splits a relative path into components, dropping empty ones and '.'.
    static func components(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init).filter { $0 != "." }
    }

    func matches(components: [String]) -> Bool {
        match(0, components[...])
    }

    private func match(_ pi: Int, _ rest: ArraySlice<String>) -> Bool {
        if pi == parts.count { return rest.isEmpty }
        switch parts[pi] {
        case .globstar:
            var r = rest
            while true {
                if match(pi + 1, r) { return true }
                guard !r.isEmpty else { return false }
                r = r.dropFirst()
            }
        case .glob(let g):
            guard let first = rest.first, g.matches(first) else { return false }
            return match(pi + 1, rest.dropFirst())
        }
    }
}
