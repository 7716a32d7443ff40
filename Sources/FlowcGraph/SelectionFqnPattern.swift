// dbt's fqn rule, compiled once per selector: the selector matches a node when it equals the
// node's name, or when its dotted parts are a prefix of the node's fqn, and from the first part
// with a wildcard on, the rest of the selector glob-matches the rest of the fqn joined by dots.
// The fqn is tried with and without its leading package name, so `staging.*` and
// `bench.staging.*` both work. Compiled because the method runs over every node: splitting the
// selector and the fqn anew per node was most of a `--select name` over 10,000 models.

struct SelectionFqnPattern: Sendable {
    let selector: String
    private let parts: [String]
    /// The first part with a glob character, the parts from it on as one glob, and the whole
    /// selector as a glob (dbt 1.11 also matches a bare wildcard against the name alone).
    private let wildcard: (index: Int, rest: SelectionGlob, whole: SelectionGlob)?

    init(_ selector: String) {
        self.selector = selector
        parts = selector.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let isGlob: (String) -> Bool = { $0.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" || $0 == "]" }) }
        if let i = parts.firstIndex(where: isGlob) {
            wildcard = (i, SelectionGlob(parts[i...].joined(separator: ".")), SelectionGlob(selector))
        } else {
            wildcard = nil
        }
    }

    func matches(_ fqn: [String], isVersioned: Bool) -> Bool {
        if isSelected(fqn[...], isVersioned: isVersioned) { return true }
        return fqn.count > 1 && isSelected(fqn.dropFirst(), isVersioned: isVersioned)
    }

    private func isSelected(_ fqn: ArraySlice<String>, isVersioned: Bool) -> Bool {
        guard let last = fqn.last else { return false }
        let name = isVersioned && fqn.count >= 2 ? fqn[fqn.endIndex - 2] : last
        if isVersioned {
            // fqn ends with the version ("dim_accounts", "v2"): the model name selects every
            // version, "dim_accounts.v2" or "dim_accounts_v2" one of them.
            if fqn.count >= 2 {
                if name == selector { return true }
                // dbt also joins the last two parts with '_': `dim_accounts_v2`
                if fqn.suffix(2).joined(separator: "_") == selector { return true }
                if parts.count >= 2, fqn.suffix(2).elementsEqual(parts.suffix(2)) { return true }
            }
        } else if last == selector {
            return true
        }
        // an fqn part may hold dots itself (a version "1.2"): compared split, as dbt does
        if fqn.contains(where: { $0.utf8.contains(UInt8(ascii: ".")) }) {
            let flat = fqn.flatMap { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
            return prefixMatches(flat[...], name: name)
        }
        return prefixMatches(fqn, name: name)
    }

    private func prefixMatches(_ flat: ArraySlice<String>, name: String) -> Bool {
        if parts.count > flat.count { return false }
        for (i, part) in parts.enumerated() {
            if let wildcard, i == wildcard.index {
                if wildcard.rest.matches(flat[(flat.startIndex + i)...].joined(separator: ".")) { return true }
                guard parts.count == 1 else { return false }
                return wildcard.whole.matches(name)
            }
            if flat[flat.startIndex + i] != part { return false }
        }
        return true
    }
}
