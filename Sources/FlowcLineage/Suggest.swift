// "did you mean" for names: the closest candidate by edit distance, when it is close enough
// to be a plausible typo.

func suggestion(_ name: String, _ candidates: [String]) -> String? {
    let target = Array(name.lowercased().unicodeScalars)
    var best: (String, Int)?
    for c in Set(candidates) {
        let d = editDistance(target, Array(c.lowercased().unicodeScalars))
        if d <= max(2, target.count / 3), d < (best?.1 ?? Int.max) || (d == best?.1 && c < (best?.0 ?? "")) {
            best = (c, d)
        }
    }
    return best.map { "did you mean '\($0.0)'?" }
}

private func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}

public enum NameSuggestion {
    /// "did you mean 'x'?" for the candidate closest to `name`, or nil when none is close.
    public static func hint(for name: String, among candidates: [String]) -> String? {
        suggestion(name, candidates)
    }
}
