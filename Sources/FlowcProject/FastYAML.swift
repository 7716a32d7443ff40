// A fast path for the YAML dbt projects are made of. Properties files are most of a project's
// load time, and building Yams' node tree costs more than everything else together, so the
// common shape is read here straight from bytes into YAMLValue: block mappings and sequences,
// single-line plain/quoted scalars, single-line flow collections, literal and simple folded
// block scalars, comments.
//
// Contract: for a text it accepts, the result (values, types, key order, every place) is what
// the Yams path (YAMLReader.parseWithYams) gives. Anything else — anchors, aliases, tags,
// merge keys, repeated keys, multi-line plain or quoted scalars, multi-line flow collections,
// tabs, CR line ends, directives and document markers (but a leading `---`), any error — makes it give up (`nil`),
// and the Yams path reads the file with full YAML semantics and error reporting. Tests compare
// both paths on many documents.

enum FastYAML {
    /// `.some(value)` (value nil for an empty document) when the text is in the fast subset.
    static func parse(_ text: String, file: String) -> YAMLValue?? {
        var parser = Parser(text, file: file)
        do {
            return .some(try parser.document())
        } catch {
            return nil
        }
    }

    struct GiveUp: Error {}

    struct Parser {
        let b: [UInt8]
        let file: String
        var i = 0
        var line = 1
        var lineStart = 0
        var depth = 0

        init(_ text: String, file: String) {
            b = Array(text.utf8)
            self.file = file
        }

        // MARK: Bytes and places

        static let space: UInt8 = 32, newline: UInt8 = 10, hash: UInt8 = 35, colon: UInt8 = 58
        static let dash: UInt8 = 45, dquote: UInt8 = 34, squote: UInt8 = 39, backslash: UInt8 = 92
        static let lbracket: UInt8 = 91, rbracket: UInt8 = 93, lbrace: UInt8 = 123, rbrace: UInt8 = 125
        static let comma: UInt8 = 44, pipe: UInt8 = 124, greater: UInt8 = 62

        /// The byte at k, or 0 past the end (the text has no NUL: `prescan` refuses it).
        @inline(__always) func at(_ k: Int) -> UInt8 { k >= 0 && k < b.count ? b[k] : 0 }
        var cur: UInt8 { at(i) }
        var atEnd: Bool { i >= b.count }

        /// Blank, line end or end of text.
        @inline(__always) func isBlankOrEnd(_ c: UInt8) -> Bool { c == Parser.space || c == Parser.newline || c == 0 }

        /// The place of byte `offset` on the current line (columns count Unicode scalars).
        func span(_ offset: Int) -> SourceSpan {
            var column = 1
            var k = lineStart
            while k < offset && k < b.count {
                if b[k] & 0xC0 != 0x80 { column += 1 }
                k += 1
            }
            return SourceSpan(file: file, line: line, column: column)
        }

        /// Refuses bytes that need libyaml's care: tabs, CR, control characters, DEL, C1
        /// controls, a BOM, U+2028/2029 (YAML 1.1 line breaks), U+FFFE/FFFF.
        func prescan() throws {
            var k = 0
            let n = b.count
            while k < n {
                let c = b[k]
                if c < 0x20 {
                    if c != Parser.newline { throw GiveUp() }
                } else if c == 0x7F {
                    throw GiveUp()
                } else if c == 0xC2 {
                    if k + 1 < n, b[k + 1] >= 0x80, b[k + 1] <= 0x9F { throw GiveUp() }
                } else if c == 0xE2 {
                    if k + 2 < n, b[k + 1] == 0x80, b[k + 2] == 0xA8 || b[k + 2] == 0xA9 { throw GiveUp() }
                } else if c == 0xEF {
                    if k + 2 < n, b[k + 1] == 0xBB, b[k + 2] == 0xBF { throw GiveUp() }
                    if k + 2 < n, b[k + 1] == 0xBF, b[k + 2] == 0xBE || b[k + 2] == 0xBF { throw GiveUp() }
                }
                k += 1
            }
        }

        // MARK: Lines

        mutating func skipSpaces() {
            while cur == Parser.space { i += 1 }
        }

        /// After a value: spaces, an optional comment (after a space), then the line end, which
        /// is consumed. Anything else gives up.
        mutating func finishLine() throws {
            let before = i
            skipSpaces()
            if cur == Parser.hash {
                guard i > before || at(i - 1) == Parser.space else { throw GiveUp() }
                while !atEnd && cur != Parser.newline { i += 1 }
            }
            if atEnd { return }
            guard cur == Parser.newline else { throw GiveUp() }
            i += 1
            line += 1
            lineStart = i
        }

        /// From the start of a line: skips blank and comment lines; stops at the first non-space
        /// byte of the next content line and returns its indentation, or nil at the end.
        mutating func nextContent() -> Int? {
            while true {
                var k = i
                while at(k) == Parser.space { k += 1 }
                if k >= b.count {
                    i = k
                    return nil
                }
                if b[k] == Parser.newline || b[k] == Parser.hash {
                    while k < b.count && b[k] != Parser.newline { k += 1 }
                    i = k
                    if i < b.count {
                        i += 1
                        line += 1
                        lineStart = i
                    }
                    continue
                }
                i = k
                return i - lineStart
            }
        }

        var atSequenceEntry: Bool { cur == Parser.dash && isBlankOrEnd(at(i + 1)) }

        // MARK: Document and block nodes

        mutating func document() throws -> YAMLValue? {
            try prescan()
            guard var indent = nextContent() else { return nil }
            if indent == 0, cur == Parser.dash, at(i + 1) == Parser.dash, at(i + 2) == Parser.dash,
               isBlankOrEnd(at(i + 3)) {
                i += 3  // a leading "---" document start
                try finishLine()
                guard let next = nextContent() else { throw GiveUp() }
                indent = next
            }
            let root = try blockNode(indent: indent)
            guard nextContent() == nil else { throw GiveUp() }
            return root
        }

        /// A block collection starting at the current byte (a content line's first byte).
        mutating func blockNode(indent: Int) throws -> YAMLValue {
            if atSequenceEntry { return try blockSequence(indent: indent) }
            if lineHasKey() { return try blockMapping(indent: indent) }
            throw GiveUp()
        }

        /// Gives up on a repeated key (the Yams path warns about it). Small mappings compare
        /// keys directly; past 8 keys a set takes over.
        func checkNew(_ key: String, _ entries: [YAMLValue.Entry], _ seen: inout Set<String>) throws {
            if entries.count < 8 {
                for e in entries where e.key == key { throw GiveUp() }
                return
            }
            if seen.isEmpty { for e in entries { seen.insert(e.key) } }
            guard seen.insert(key).inserted else { throw GiveUp() }
        }

        mutating func enter() throws {
            depth += 1
            if depth > 200 { throw GiveUp() }
        }

        mutating func blockMapping(indent n: Int) throws -> YAMLValue {
            try enter()
            defer { depth -= 1 }
            let mapSpan = span(i)
            var entries: [YAMLValue.Entry] = []
            var seen: Set<String> = []
            while true {
                let keySpan = span(i)
                let key = try readKey()
                try checkNew(key, entries, &seen)
                let value = try blockValue(parentIndent: n, emptySpan: span(i), indentlessSequence: true)
                entries.append((key: key, keySpan: keySpan, value: value))
                if atEnd { break }
                let m = i - lineStart
                if m < n { break }
                guard m == n else { throw GiveUp() }
                if atSequenceEntry { break }
            }
            return .map(entries, mapSpan)
        }

        mutating func blockSequence(indent n: Int) throws -> YAMLValue {
            try enter()
            defer { depth -= 1 }
            let seqSpan = span(i)
            var items: [YAMLValue] = []
            while true {
                i += 1  // the dash
                let afterDash = span(i)
                skipSpaces()
                if atSequenceEntry { throw GiveUp() }  // "- - x"
                if isBlankOrEnd(cur) || cur == Parser.hash {
                    items.append(try blockValue(parentIndent: n, emptySpan: afterDash, indentlessSequence: false))
                } else if lineHasKey() {
                    items.append(try blockMapping(indent: i - lineStart))
                } else {
                    items.append(try inlineValue(blockIndent: n))
                }
                if atEnd { break }
                let m = i - lineStart
                if m < n { break }
                guard m == n else { throw GiveUp() }
                if !atSequenceEntry { break }
            }
            return .list(items, seqSpan)
        }

        /// The value after `key:` or `-`: inline, or a nested block on the following lines, or
        /// null. Ends positioned at the next content line (or the end).
        mutating func blockValue(parentIndent n: Int, emptySpan: SourceSpan, indentlessSequence: Bool) throws -> YAMLValue {
            skipSpaces()
            if isBlankOrEnd(cur) || cur == Parser.hash {
                try finishLine()
                guard let m = nextContent() else { return .null(emptySpan) }
                if m > n { return try blockNode(indent: m) }
                if m == n && indentlessSequence && atSequenceEntry { return try blockSequence(indent: n) }
                return .null(emptySpan)
            }
            return try inlineValue(blockIndent: n)
        }

        /// A value on the rest of the line; ends positioned at the next content line.
        mutating func inlineValue(blockIndent n: Int) throws -> YAMLValue {
            let start = span(i)
            let value: YAMLValue
            switch cur {
            case Parser.dquote: value = .string(try doubleQuoted(), start)
            case Parser.squote: value = .string(try singleQuoted(), start)
            case Parser.lbracket, Parser.lbrace: value = try flowNode()
            case Parser.pipe, Parser.greater: return try blockScalar(parentIndent: n)
            default: value = YAMLScalar.resolve(try plainValue(), start)
            }
            try finishLine()
            _ = nextContent()
            return value
        }

        // MARK: Keys and plain scalars

        /// Does the rest of this line start with `key:` (plain or quoted key)?
        func lineHasKey() -> Bool {
            var k = i
            let c = at(k)
            if c == Parser.dquote || c == Parser.squote {
                k += 1
                while k < b.count && b[k] != Parser.newline {
                    if b[k] == Parser.backslash && c == Parser.dquote {
                        k += 2
                        continue
                    }
                    if b[k] == c {
                        if c == Parser.squote && at(k + 1) == Parser.squote {
                            k += 2
                            continue
                        }
                        return at(k + 1) == Parser.colon && isBlankOrEnd(at(k + 2))
                    }
                    k += 1
                }
                return false
            }
            if !plainCanStart(c, next: at(k + 1)) { return false }
            while k < b.count && b[k] != Parser.newline {
                if b[k] == Parser.colon && isBlankOrEnd(at(k + 1)) { return true }
                if b[k] == Parser.hash && at(k - 1) == Parser.space { return false }
                k += 1
            }
            return false
        }

        /// May a plain scalar start with `c` (followed by `next`)? Indicators may not, except
        /// `-`, `?`, `:` followed by a non-blank.
        func plainCanStart(_ c: UInt8, next: UInt8) -> Bool {
            switch c {
            case 0, Parser.space, Parser.newline: return false
            case Parser.dash, UInt8(ascii: "?"), Parser.colon: return !isBlankOrEnd(next)
            case Parser.comma, Parser.lbracket, Parser.rbracket, Parser.lbrace, Parser.rbrace, Parser.hash,
                 UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), Parser.pipe, Parser.greater,
                 Parser.squote, Parser.dquote, UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
                return false
            default: return true
            }
        }

        /// A block mapping key and its `:`; leaves `i` just after the colon.
        mutating func readKey() throws -> String {
            let c = cur
            var key: String
            if c == Parser.dquote || c == Parser.squote {
                key = c == Parser.dquote ? try doubleQuoted() : try singleQuoted()
            } else {
                guard plainCanStart(c, next: at(i + 1)) else { throw GiveUp() }
                let start = i
                while true {
                    let x = cur
                    if x == Parser.newline || x == 0 { throw GiveUp() }
                    if x == Parser.colon && isBlankOrEnd(at(i + 1)) { break }
                    if x == Parser.hash && at(i - 1) == Parser.space { throw GiveUp() }
                    i += 1
                }
                guard i - start <= 1000, at(i - 1) != Parser.space else { throw GiveUp() }
                key = String(decoding: b[start..<i], as: UTF8.self)
                if key == "<<" { throw GiveUp() }
            }
            guard cur == Parser.colon, isBlankOrEnd(at(i + 1)) else { throw GiveUp() }
            i += 1
            return key
        }

        /// A single-line plain scalar in block context (a value), trailing spaces trimmed.
        mutating func plainValue() throws -> String {
            guard plainCanStart(cur, next: at(i + 1)) else { throw GiveUp() }
            let start = i
            var end = i
            while true {
                let x = cur
                if x == Parser.newline || x == 0 { break }
                if x == Parser.hash && at(i - 1) == Parser.space { break }
                if x == Parser.colon && isBlankOrEnd(at(i + 1)) { throw GiveUp() }  // "a: b: c"
                i += 1
                if x != Parser.space { end = i }
            }
            i = end
            return String(decoding: b[start..<end], as: UTF8.self)
        }

        // MARK: Quoted scalars (single line)

        mutating func singleQuoted() throws -> String {
            i += 1
            // Common case first: no '' escape before the closing quote.
            var k = i
            while k < b.count, b[k] != Parser.squote, b[k] != Parser.newline { k += 1 }
            if k < b.count, b[k] == Parser.squote, at(k + 1) != Parser.squote {
                let s = String(decoding: b[i..<k], as: UTF8.self)
                i = k + 1
                return s
            }
            var out: [UInt8] = []
            while true {
                let x = cur
                if x == Parser.newline || x == 0 { throw GiveUp() }
                if x == Parser.squote {
                    if at(i + 1) == Parser.squote {
                        out.append(Parser.squote)
                        i += 2
                        continue
                    }
                    i += 1
                    break
                }
                out.append(x)
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }

        mutating func doubleQuoted() throws -> String {
            i += 1
            // Common case first: no escape before the closing quote.
            var k = i
            while k < b.count, b[k] != Parser.dquote, b[k] != Parser.backslash, b[k] != Parser.newline { k += 1 }
            if k < b.count, b[k] == Parser.dquote {
                let s = String(decoding: b[i..<k], as: UTF8.self)
                i = k + 1
                return s
            }
            var out: [UInt8] = []
            while true {
                let x = cur
                if x == Parser.newline || x == 0 { throw GiveUp() }
                if x == Parser.dquote {
                    i += 1
                    break
                }
                if x != Parser.backslash {
                    out.append(x)
                    i += 1
                    continue
                }
                let e = at(i + 1)
                i += 2
                switch e {
                case Parser.dquote, Parser.backslash, UInt8(ascii: "/"), Parser.space: out.append(e)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "0"): out.append(0)
                case UInt8(ascii: "a"): out.append(7)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "e"): out.append(27)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "v"): out.append(11)
                case UInt8(ascii: "x"): try appendScalar(hexDigits: 2, to: &out)
                case UInt8(ascii: "u"): try appendScalar(hexDigits: 4, to: &out)
                case UInt8(ascii: "U"): try appendScalar(hexDigits: 8, to: &out)
                default: throw GiveUp()
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        mutating func appendScalar(hexDigits: Int, to out: inout [UInt8]) throws {
            var value: UInt32 = 0
            for _ in 0..<hexDigits {
                let c = cur
                let digit: UInt32
                switch c {
                case 48...57: digit = UInt32(c - 48)
                case 65...70: digit = UInt32(c - 55)
                case 97...102: digit = UInt32(c - 87)
                default: throw GiveUp()
                }
                value = value * 16 + digit
                i += 1
            }
            guard let scalar = Unicode.Scalar(value) else { throw GiveUp() }
            out.append(contentsOf: String(Character(scalar)).utf8)
        }

        // MARK: Flow collections (single line)

        mutating func flowNode() throws -> YAMLValue {
            try enter()
            defer { depth -= 1 }
            let start = span(i)
            let open = cur
            let close = open == Parser.lbracket ? Parser.rbracket : Parser.rbrace
            i += 1
            skipSpaces()
            var items: [YAMLValue] = []
            var entries: [YAMLValue.Entry] = []
            var seen: Set<String> = []
            if cur == close {
                i += 1
                return open == Parser.lbracket ? .list([], start) : .map([], start)
            }
            while true {
                if open == Parser.lbracket {
                    items.append(try flowItem())
                } else {
                    let keySpan = span(i)
                    let key = try flowKey()
                    try checkNew(key, entries, &seen)
                    skipSpaces()
                    entries.append((key: key, keySpan: keySpan, value: try flowItem()))
                }
                skipSpaces()
                if cur == Parser.comma {
                    i += 1
                    skipSpaces()
                    if cur == close { throw GiveUp() }
                    continue
                }
                guard cur == close else { throw GiveUp() }
                i += 1
                break
            }
            return open == Parser.lbracket ? .list(items, start) : .map(entries, start)
        }

        mutating func flowItem() throws -> YAMLValue {
            let start = span(i)
            let value: YAMLValue
            switch cur {
            case Parser.lbracket, Parser.lbrace: value = try flowNode()
            case Parser.dquote: value = .string(try doubleQuoted(), start)
            case Parser.squote: value = .string(try singleQuoted(), start)
            default: value = YAMLScalar.resolve(try flowPlain(), start)
            }
            var k = i
            while at(k) == Parser.space { k += 1 }
            if at(k) == Parser.colon { throw GiveUp() }  // "[a: b]" or an adjacent value
            return value
        }

        /// A flow plain scalar: up to `,`, `[`, `]`, `{`, `}` or a comment; any `:` gives up.
        mutating func flowPlain() throws -> String {
            guard plainCanStart(cur, next: at(i + 1)) else { throw GiveUp() }
            let start = i
            var end = i
            while true {
                let x = cur
                switch x {
                case 0, Parser.newline, Parser.comma, Parser.lbracket, Parser.rbracket, Parser.lbrace, Parser.rbrace:
                    i = end
                    return String(decoding: b[start..<end], as: UTF8.self)
                case Parser.colon:
                    throw GiveUp()
                case Parser.hash where at(i - 1) == Parser.space:
                    throw GiveUp()
                default:
                    i += 1
                    if x != Parser.space { end = i }
                }
            }
        }

        /// A flow mapping key and its `: `.
        mutating func flowKey() throws -> String {
            let key: String
            switch cur {
            case Parser.dquote: key = try doubleQuoted()
            case Parser.squote: key = try singleQuoted()
            default:
                guard plainCanStart(cur, next: at(i + 1)) else { throw GiveUp() }
                let start = i
                while true {
                    let x = cur
                    if x == Parser.colon { break }
                    switch x {
                    case 0, Parser.newline, Parser.comma, Parser.lbracket, Parser.rbracket, Parser.lbrace,
                         Parser.rbrace, Parser.hash, Parser.space:
                        throw GiveUp()
                    default: i += 1
                    }
                }
                key = String(decoding: b[start..<i], as: UTF8.self)
                if key == "<<" { throw GiveUp() }
            }
            guard cur == Parser.colon, at(i + 1) == Parser.space else { throw GiveUp() }
            i += 2
            return key
        }

        // MARK: Block scalars

        /// `|`, `|-`, `|+`, `>`, `>-`, `>+` (no indentation indicator). Folded scalars give up on
        /// more-indented lines; both give up on whitespace-only lines longer than the indent.
        mutating func blockScalar(parentIndent n: Int) throws -> YAMLValue {
            let start = span(i)
            let folded = cur == Parser.greater
            i += 1
            var chomp = 0
            if cur == Parser.dash {
                chomp = -1
                i += 1
            } else if cur == UInt8(ascii: "+") {
                chomp = 1
                i += 1
            }
            guard isBlankOrEnd(cur) || cur == Parser.hash else { throw GiveUp() }
            try finishLine()
            guard !atEnd else { throw GiveUp() }

            var indent = -1
            var lines: [ArraySlice<UInt8>?] = []  // nil: an empty line
            while i < b.count {
                var k = i
                while at(k) == Parser.space { k += 1 }
                let spaces = k - i
                if k >= b.count { throw GiveUp() }  // trailing spaces at the end of the text
                if b[k] == Parser.newline {
                    if spaces > 0 && (indent < 0 || spaces > indent) { throw GiveUp() }
                    lines.append(nil)
                    i = k + 1
                    line += 1
                    lineStart = i
                    continue
                }
                if indent < 0 {
                    guard spaces > n else { throw GiveUp() }  // an empty block scalar
                    indent = spaces
                }
                if spaces < indent { break }
                var e = k
                while e < b.count && b[e] != Parser.newline { e += 1 }
                guard e < b.count else { throw GiveUp() }  // no line end after the last line
                if folded && spaces > indent { throw GiveUp() }
                lines.append(b[(i + indent)..<e])
                i = e + 1
                line += 1
                lineStart = i
            }
            guard indent >= 0 else { throw GiveUp() }
            var trailing = 0
            while let last = lines.last, last == nil {
                trailing += 1
                lines.removeLast()
            }
            var out: [UInt8] = []
            var emptyRun = 0
            var first = true
            for entry in lines {
                guard let content = entry else {
                    emptyRun += 1
                    continue
                }
                if !first {
                    if folded {
                        if emptyRun == 0 { out.append(Parser.space) } else {
                            out.append(contentsOf: repeatElement(Parser.newline, count: emptyRun))
                        }
                    } else {
                        out.append(contentsOf: repeatElement(Parser.newline, count: emptyRun + 1))
                    }
                } else if emptyRun > 0 {
                    out.append(contentsOf: repeatElement(Parser.newline, count: emptyRun))
                }
                first = false
                emptyRun = 0
                out.append(contentsOf: content)
            }
            if chomp >= 0 { out.append(Parser.newline) }
            if chomp > 0 { out.append(contentsOf: repeatElement(Parser.newline, count: trailing)) }
            _ = nextContent()
            return .string(String(decoding: out, as: UTF8.self), start)
        }
    }
}
