// `modules.re`: Python's regular expressions on Swift's Regex, or ICU's where Swift's lacks a
// feature (ContextModulesReEngine.swift), Python-only syntax such as (?P<name>…) translated, with
// match objects as templates use them.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FlowcProject
import FlowcTemplate

// MARK: - re

enum RegexModule {
    static let ignoreCase = 2, multiline = 8, dotAll = 16

    static func make() -> TableObject {
        var m: [String: Value] = [
            "IGNORECASE": .int(ignoreCase), "I": .int(ignoreCase),
            "MULTILINE": .int(multiline), "M": .int(multiline),
            "DOTALL": .int(dotAll), "S": .int(dotAll),
            "compile": fn("compile") { args, _ in
                let s = try args.bind("compile", ["pattern", "flags"])
                return .object(try CompiledPattern(pattern(s[0]), flags: s[1]?.intValue ?? 0))
            },
            "escape": fn("escape") { args, _ in
                let s = try args.bind("escape", ["pattern"])
                return .string(escape(s[0]?.stringValue ?? ""))
            },
        ]
        for name in CompiledPattern.methods {
            m[name] = fn(name) { args, r in
                guard let first = args.value(0, "pattern") else { throw TemplateError(.type, "\(name)() missing argument 'pattern'") }
                var rest = Arguments(Array(args.positional.dropFirst()), keywords: args.keywords.filter { $0.0 != "pattern" && $0.0 != "flags" })
                // where `flags` sits among the arguments after the pattern: re.search(p, s, flags),
                // re.split(p, s, maxsplit, flags), re.sub(p, repl, s, count, flags)
                let flagIndex = name == "sub" || name == "split" || name == "subn" ? (name == "split" ? 2 : 3) : 1
                var flags = args.keyword("flags")?.intValue ?? 0
                if rest.positional.count > flagIndex {
                    flags = rest.positional[flagIndex].intValue ?? 0
                    rest.positional.removeSubrange(flagIndex...)
                }
                let compiled: CompiledPattern
                if case .object(let o) = first, let c = o as? CompiledPattern { compiled = c } else {
                    compiled = try CompiledPattern(pattern(first), flags: flags)
                }
                return try compiled.invoke(name, rest, renderer: r)
            }
        }
        return TableObject("module", m)
    }

    static func pattern(_ v: Value?) throws -> String {
        guard let s = v?.stringValue else { throw TemplateError(.type, "first argument must be string or compiled pattern") }
        return s
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            let alnum = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
            if !alnum && c.isASCII { out.append("\\") }
            out.unicodeScalars.append(c)
        }
        return out
    }

    /// Rewrites Python-only syntax into Swift regex syntax. Inside a character class a space or
    /// `#` is escaped: Python takes them literally there even in verbose mode (`(?x)[ #]`).
    static func translate(_ p: String, multiline: Bool = false) -> String {
        var out = ""
        let cs = Array(p.unicodeScalars)
        // Python's `$` (without MULTILINE) matches at the end and before a newline that ends
        // the text; the engines' `$` only at the very end
        let endBeforeNewline = !multiline && !Self.hasInlineFlag("m", p)
        var i = 0
        var inClass = false
        while i < cs.count {
            let c = cs[i]
            if c == "\\", i + 1 < cs.count {
                if cs[i + 1] == "Z" { out += "\\z" } else { out.unicodeScalars.append(c); out.unicodeScalars.append(cs[i + 1]) }
                i += 2
                continue
            }
            if inClass {
                if c == "]" {
                    inClass = false
                } else if c == " " || c == "#" {
                    out += "\\"
                }
                out.unicodeScalars.append(c)
                i += 1
                continue
            }
            if c == "[" {
                inClass = true
                out.unicodeScalars.append(c)
                i += 1
                // a `]` (after an optional `^`) right at the start is a member, not the end
                if i < cs.count, cs[i] == "^" { out.unicodeScalars.append(cs[i]); i += 1 }
                if i < cs.count, cs[i] == "]" { out += "\\]"; i += 1 }
                continue
            }
            // Python reads `{` as a repeat only in `{m}`, `{m,}`, `{,n}`, `{m,n}` (and `{,}`), and
            // any other brace as itself; ICU, the engine for lookbehind, rejects such a brace
            if c == "{" {
                if let (quantifier, end) = Self.repeatCount(cs, at: i) {
                    out += quantifier
                    i = end
                } else {
                    out += "\\{"
                    i += 1
                }
                continue
            }
            if c == "}" {
                out += "\\}"
                i += 1
                continue
            }
            if c == "$", endBeforeNewline {
                out += "(?=\\n?\\z)"
                i += 1
                continue
            }
            if c == "(", i + 2 < cs.count, cs[i + 1] == "?", cs[i + 2] == "P" {
                if i + 3 < cs.count, cs[i + 3] == "<" { out += "(?<"; i += 4; continue }
                if i + 3 < cs.count, cs[i + 3] == "=" {
                    var j = i + 4, name = ""
                    while j < cs.count, cs[j] != ")" { name.unicodeScalars.append(cs[j]); j += 1 }
                    out += "\\k<\(name)>"
                    i = j + 1
                    continue
                }
            }
            out.unicodeScalars.append(c)
            i += 1
        }
        return out
    }

    /// Whether the pattern sets `flag` inline (`(?m)`, `(?im)`, `(?m:…)`).
    static func hasInlineFlag(_ flag: Character, _ p: String) -> Bool {
        var rest = Substring(p)
        while let r = rest.range(of: "(?") {
            let letters = rest[r.upperBound...].prefix { $0.isLetter }
            if letters.contains(flag) { return true }
            rest = rest[r.upperBound...]
        }
        return false
    }

    /// The repeat count starting at the `{` at `i`, as the engines write it (`{,n}` → `{0,n}`),
    /// and the index after its `}`; nil when Python would read the brace literally.
    static func repeatCount(_ cs: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        var j = i + 1
        var low = "", high = ""
        while j < cs.count, ("0"..."9").contains(cs[j]) { low.unicodeScalars.append(cs[j]); j += 1 }
        var comma = false
        if j < cs.count, cs[j] == "," {
            comma = true
            j += 1
            while j < cs.count, ("0"..."9").contains(cs[j]) { high.unicodeScalars.append(cs[j]); j += 1 }
        }
        guard j < cs.count, cs[j] == "}", !(low.isEmpty && !comma) else { return nil }
        let text = "{" + (low.isEmpty ? "0" : low) + (comma ? "," + high : "") + "}"
        return (text, j + 1)
    }
}

final class CompiledPattern: TemplateObject {
    static let methods = ["search", "match", "fullmatch", "sub", "subn", "findall", "split", "finditer"]
    let source: String
    let flags: Int
    let engine: PatternEngine
    let groupCount: Int

    init(_ source: String, flags: Int) throws {
        self.source = source
        self.flags = flags
        let translated = RegexModule.translate(source, multiline: flags & RegexModule.multiline != 0)
        do { engine = try PatternEngine.make(translated, flags: flags) } catch {
            throw TemplateError(.value, "invalid regular expression '\(source)': \(error)")
        }
        // Capturing groups, counted from the pattern text (findall/groups need it without a match).
        groupCount = CompiledPattern.countGroups(translated)
    }

    static func countGroups(_ p: String) -> Int {
        let cs = Array(p.unicodeScalars)
        var n = 0, i = 0, inClass = false
        while i < cs.count {
            let c = cs[i]
            if c == "\\" { i += 2; continue }
            if inClass { if c == "]" { inClass = false } }
            else if c == "[" { inClass = true }
            else if c == "(" {
                if i + 1 < cs.count, cs[i + 1] == "?" {
                    if i + 2 < cs.count, cs[i + 2] == "<", i + 3 < cs.count, cs[i + 3] != "=", cs[i + 3] != "!" { n += 1 }
                } else { n += 1 }
            }
            i += 1
        }
        return n
    }

    var typeName: String { "re.Pattern" }
    var pythonRepr: String { "re.compile(\(Value.string(source).pythonRepr))" }
    func render(renderer: Renderer) throws -> String { pythonRepr }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        if name == "pattern" { return .string(source) }
        if name == "flags" { return .int(flags) }
        if name == "groups" { return .int(groupCount) }
        guard CompiledPattern.methods.contains(name) else { return nil }
        return fn(name) { [self] args, r in try invoke(name, args, renderer: r) }
    }

    func invoke(_ name: String, _ args: Arguments, renderer: Renderer) throws -> Value {
        switch name {
        case "search", "match", "fullmatch":
            let s = try args.bind(name, ["string"])
            let text = try string(s[0], name)
            let m = try engine.firstMatch(in: text, from: text.startIndex,
                                          mode: name == "search" ? .search : name == "match" ? .prefix : .whole)
            return m.map { .object(MatchObject($0, in: text, pattern: self)) } ?? .none
        case "findall":
            let s = try args.bind(name, ["string"])
            let text = try string(s[0], name)
            return .list(ListBox(try matches(text).map { m in
                let mo = MatchObject(m, in: text, pattern: self)
                if groupCount == 0 { return mo.group(0) }
                if groupCount == 1 { return mo.group(1).isNone ? .string("") : mo.group(1) }
                return .tuple((1...groupCount).map { mo.group($0).isNone ? .string("") : mo.group($0) })
            }))
        case "finditer":
            let s = try args.bind(name, ["string"])
            let text = try string(s[0], name)
            return .list(ListBox(try matches(text).map { .object(MatchObject($0, in: text, pattern: self)) }))
        case "split":
            let s = try args.bind(name, ["string", "maxsplit"])
            let text = try string(s[0], name)
            let maxsplit = s[1]?.intValue ?? 0
            var out: [Value] = []
            var last = text.startIndex
            for (n, m) in try matches(text).enumerated() {
                if maxsplit > 0 && n >= maxsplit { break }
                out.append(.string(String(text[last..<m.range.lowerBound])))
                let mo = MatchObject(m, in: text, pattern: self)
                if groupCount > 0 { for g in 1...groupCount { out.append(mo.group(g)) } }
                last = m.range.upperBound
            }
            out.append(.string(String(text[last...])))
            return .list(ListBox(out))
        case "sub", "subn":
            let s = try args.bind(name, ["repl", "string", "count"])
            let text = try string(s[1], name)
            let count = s[2]?.intValue ?? 0
            var out = ""
            var last = text.startIndex
            var n = 0
            for m in try matches(text) {
                if count > 0 && n >= count { break }
                out += text[last..<m.range.lowerBound]
                let mo = MatchObject(m, in: text, pattern: self)
                switch s[0] ?? .none {
                case .string(let t): out += try expand(t, mo)
                case let f: out += try renderer.str(try renderer.call(f, Arguments([.object(mo)])))
                }
                last = m.range.upperBound
                n += 1
            }
            out += text[last...]
            return name == "sub" ? .string(out) : .tuple([.string(out), .int(n)])
        default:
            throw TemplateError(.attribute, "'re.Pattern' object has no attribute '\(name)'")
        }
    }

    func string(_ v: Value?, _ name: String) throws -> String {
        guard let s = v?.stringValue else {
            throw TemplateError(.type, "\(name)() expected string, got '\(v?.typeName ?? "nothing")'")
        }
        return s
    }

    /// Non-overlapping matches, with Python 3.7+'s handling of empty matches: allowed next to a
    /// previous match, and the search steps one character past each empty one.
    func matches(_ text: String) throws -> [PatternMatch] {
        var out: [PatternMatch] = []
        var pos = text.startIndex
        while pos <= text.endIndex {
            guard let m = try engine.firstMatch(in: text, from: pos, mode: .search) else { break }
            out.append(m)
            if m.range.isEmpty {
                if m.range.upperBound == text.endIndex { break }
                pos = text.unicodeScalars.index(after: m.range.upperBound)
            } else {
                pos = m.range.upperBound
            }
        }
        return out
    }

    /// Expands `\1`, `\g<1>`, `\g<name>` and escapes in a replacement string.
    func expand(_ t: String, _ m: MatchObject) throws -> String {
        var out = ""
        let cs = Array(t.unicodeScalars)
        var i = 0
        while i < cs.count {
            let c = cs[i]
            guard c == "\\", i + 1 < cs.count else { out.unicodeScalars.append(c); i += 1; continue }
            let d = cs[i + 1]
            if let v = d.properties.numericType, v == .decimal, d.isASCII {
                var j = i + 1, num = 0
                while j < cs.count, j < i + 3, cs[j].isASCII, let dv = Int(String(cs[j])) { num = num * 10 + dv; j += 1 }
                out += try m.groupText(.int(num))
                i = j
            } else if d == "g", i + 2 < cs.count, cs[i + 2] == "<" {
                var j = i + 3, name = ""
                while j < cs.count, cs[j] != ">" { name.unicodeScalars.append(cs[j]); j += 1 }
                guard j < cs.count else { throw TemplateError(.value, "missing >, unterminated name in replacement") }
                out += try m.groupText(Int(name).map(Value.int) ?? .string(name))
                i = j + 1
            } else {
                switch d {
                case "n": out += "\n"
                case "t": out += "\t"
                case "r": out += "\r"
                case "\\": out += "\\"
                default: out.unicodeScalars.append(c); out.unicodeScalars.append(d)
                }
                i += 2
            }
        }
        return out
    }
}

final class MatchObject: TemplateObject {
    let match: PatternMatch
    let text: String
    let pattern: CompiledPattern

    init(_ match: PatternMatch, in text: String, pattern: CompiledPattern) {
        self.match = match
        self.text = text
        self.pattern = pattern
    }

    var typeName: String { "re.Match" }
    var truthy: Bool { true }
    var pythonRepr: String {
        let (a, b) = span(0) ?? (-1, -1)
        return "<re.Match object; span=(\(a), \(b)), match=\(group(0).pythonRepr)>"
    }
    func render(renderer: Renderer) throws -> String { pythonRepr }

    /// The group a key names (a number or a name), if the pattern has it.
    func element(_ key: Value) -> Int? {
        switch key {
        case .int(let i): return i >= 0 && i < match.groups.count ? i : nil
        case .string(let name): return match.names[name]
        default: return nil
        }
    }

    func group(_ i: Int) -> Value { groupValue(.int(i)) }

    func groupValue(_ key: Value) -> Value {
        guard let i = element(key), let r = match.groups[i] else { return .none }
        return .string(String(text[r]))
    }

    func groupText(_ key: Value) throws -> String {
        guard element(key) != nil else { throw TemplateError(.index, "invalid group reference \(key.pythonString)") }
        return groupValue(key).stringValue ?? ""
    }

    func offset(_ i: String.Index) -> Int { text.unicodeScalars.distance(from: text.startIndex, to: i) }

    func span(_ key: Value) -> (Int, Int)? {
        guard let i = element(key) else { return nil }
        guard let r = match.groups[i] else { return (-1, -1) }
        return (offset(r.lowerBound), offset(r.upperBound))
    }
    func span(_ i: Int) -> (Int, Int)? { span(.int(i)) }

    func checked(_ key: Value?) throws -> Value {
        let k = key ?? .int(0)
        guard element(k) != nil else { throw TemplateError(.index, "no such group") }
        return k
    }

    func item(_ key: Value, renderer: Renderer) throws -> Value? { groupValue(try checked(key)) }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "group":
            return fn("group") { [self] args, _ in
                if args.positional.count > 1 { return .tuple(try args.positional.map { groupValue(try checked($0)) }) }
                return groupValue(try checked(args.positional.first))
            }
        case "groups":
            return fn("groups") { [self] args, _ in
                let d = args.value(0, "default") ?? .none
                guard pattern.groupCount > 0 else { return .tuple([]) }
                return .tuple((1...pattern.groupCount).map { let v = group($0); return v.isNone ? d : v })
            }
        case "groupdict":
            return fn("groupdict") { [self] _, _ in
                let pairs: [(String, Value)] = match.names.sorted { $0.value < $1.value }.map { ($0.key, groupValue(.int($0.value))) }
                return .dict(pairs)
            }
        case "start", "end", "span":
            return fn(name) { [self] args, _ in
                guard let (a, b) = span(try checked(args.positional.first)) else { return .none }
                return name == "start" ? .int(a) : name == "end" ? .int(b) : .tuple([.int(a), .int(b)])
            }
        case "string": return .string(text)
        case "re": return .object(pattern)
        default: return nil
        }
    }
}
