// The engines behind `modules.re` patterns: Swift's Regex, and ICU's (NSRegularExpression) for
// the patterns Swift's cannot compile but Python's re accepts, such as lookbehind (`(?<!…)`,
// which dbt-project-evaluator's hard-coded-reference check uses). Matches from either come as
// a PatternMatch, so match objects and findall/sub/split work the same over both.
import Foundation

/// One match: the whole match's range, each group's (index 0 the whole; nil when the group took
/// no part), and the named groups' indexes.
struct PatternMatch {
    var range: Range<String.Index>
    var groups: [Range<String.Index>?]
    var names: [String: Int]
}

enum PatternEngine {
    case swift(Regex<AnyRegexOutput>)
    /// `whole` is the pattern anchored at both ends, for fullmatch; nil when wrapping it does
    /// not compile, and then an anchored match must reach the end instead.
    case icu(NSRegularExpression, whole: NSRegularExpression?, names: [String: Int])

    enum Mode { case search, prefix, whole }

    /// Swift's Regex when it takes the pattern, else ICU's; Swift's error when neither does.
    static func make(_ translated: String, flags: Int) throws -> PatternEngine {
        do {
            var r = try Regex(translated).matchingSemantics(.unicodeScalar)
            if flags & RegexModule.ignoreCase != 0 { r = r.ignoresCase() }
            if flags & RegexModule.multiline != 0 { r = r.anchorsMatchLineEndings() }
            if flags & RegexModule.dotAll != 0 { r = r.dotMatchesNewlines() }
            return .swift(r)
        } catch let swiftError {
            var options: NSRegularExpression.Options = []
            if flags & RegexModule.ignoreCase != 0 { options.insert(.caseInsensitive) }
            if flags & RegexModule.multiline != 0 { options.insert(.anchorsMatchLines) }
            if flags & RegexModule.dotAll != 0 { options.insert(.dotMatchesLineSeparators) }
            guard let regex = try? NSRegularExpression(pattern: translated, options: options) else { throw swiftError }
            // A newline ends a trailing verbose-mode comment that would swallow the closing `)`.
            let whole = ["", "\n"].lazy.compactMap {
                try? NSRegularExpression(pattern: "\\A(?:" + translated + $0 + ")\\z", options: options)
            }.first
            return .icu(regex, whole: whole, names: groupNames(translated))
        }
    }

    /// The first match starting at or after `from` (`.search`), at `from` (`.prefix`), or
    /// spanning all of `text` (`.whole`).
    func firstMatch(in text: String, from: String.Index, mode: Mode) throws -> PatternMatch? {
        switch self {
        case .swift(let regex):
            let m: Regex<AnyRegexOutput>.Match?
            switch mode {
            case .search where from == text.startIndex: m = try regex.firstMatch(in: text)
            case .search:
                // Searching a substring would make `^`, `\A` and `\b` see its start as the
                // text's (re.sub('^stg_', '', 'stg_stg_x') removed both): the text's own matches,
                // in order, give the first one at or after `from` with anchors as Python's
                m = text.matches(of: regex).first { $0.range.lowerBound >= from }
            case .prefix: m = try regex.prefixMatch(in: text[from...])
            case .whole: m = try regex.wholeMatch(in: text[from...])
            }
            guard let m else { return nil }
            var names: [String: Int] = [:]
            for (i, e) in m.output.enumerated() { if let n = e.name, names[n] == nil { names[n] = i } }
            return PatternMatch(range: m.range, groups: m.output.map(\.range), names: names)
        case .icu(let regex, let whole, let names):
            let range = NSRange(from..<text.endIndex, in: text)
            let found: NSTextCheckingResult?
            // the text before `from` stays visible to anchors and lookbehind, as in Python
            let bounds: NSRegularExpression.MatchingOptions = [.withTransparentBounds, .withoutAnchoringBounds]
            switch mode {
            case .search: found = regex.firstMatch(in: text, options: bounds, range: range)
            case .prefix: found = regex.firstMatch(in: text, options: bounds.union(.anchored), range: range)
            case .whole:
                if let whole {
                    found = whole.firstMatch(in: text, options: [], range: range)
                } else {
                    found = regex.firstMatch(in: text, options: [.anchored], range: range)
                        .flatMap { NSMaxRange($0.range) == NSMaxRange(range) ? $0 : nil }
                }
            }
            guard let found, let matched = Range(found.range, in: text) else { return nil }
            let groups: [Range<String.Index>?] = (0..<found.numberOfRanges).map { i in
                let r = found.range(at: i)
                return r.location == NSNotFound ? nil : Range(r, in: text)
            }
            return PatternMatch(range: matched, groups: groups, names: names)
        }
    }

    /// The indexes of the named groups `(?<name>…)` of a (translated) pattern, counting
    /// capturing groups as CompiledPattern.countGroups does.
    static func groupNames(_ p: String) -> [String: Int] {
        let cs = Array(p.unicodeScalars)
        var names: [String: Int] = [:]
        var n = 0, i = 0, inClass = false
        while i < cs.count {
            let c = cs[i]
            if c == "\\" { i += 2; continue }
            if inClass {
                if c == "]" { inClass = false }
            } else if c == "[" {
                inClass = true
            } else if c == "(" {
                if i + 1 < cs.count, cs[i + 1] == "?" {
                    if i + 3 < cs.count, cs[i + 2] == "<", cs[i + 3] != "=", cs[i + 3] != "!" {
                        n += 1
                        var j = i + 3, name = ""
                        while j < cs.count, cs[j] != ">" { name.unicodeScalars.append(cs[j]); j += 1 }
                        if names[name] == nil { names[name] = n }
                    }
                } else {
                    n += 1
                }
            }
            i += 1
        }
        return names
    }
}
