// Splits a template into tokens, following Jinja2's lexer with its default delimiters:
// `{{ }}`, `{% %}`, `{# #}`, whitespace control with `-` (and `+`, accepted and inert because
// lstrip_blocks/trim_blocks are off, as in dbt), and `{% raw %}` blocks. Works on bytes.

#if canImport(Glibc)
import Glibc  // memchr
#elseif canImport(Darwin)
import Darwin
#endif

struct Lexer {
    let source: SourceFile
    /// The source bytes, borrowed for the duration of `tokenize`: the hot loops index them
    /// without Array's bounds checks and retain/release (every index is checked against `n`).
    private let b: UnsafeBufferPointer<UInt8>
    private var tokens: [Token] = []
    /// Open brackets in the current tag, kept here so each tag reuses the storage.
    private var brackets: [(UInt8, Int)] = []

    private init(_ source: SourceFile, _ bytes: UnsafeBufferPointer<UInt8>) {
        self.source = source
        self.b = bytes
        // About one token per 8 bytes of dbt-like SQL; a good guess avoids most regrowth.
        tokens.reserveCapacity(bytes.count / 8 + 16)
    }

    static func tokenize(_ source: SourceFile) throws -> [Token] {
        try source.bytes.withUnsafeBufferPointer { bytes in
            var lexer = Lexer(source, bytes)
            try lexer.run()
            return lexer.tokens
        }
    }

    private func error(_ message: String, at offset: Int) -> TemplateError {
        source.locate(TemplateError(.syntax, message), at: offset)
    }

    @inline(__always) private func byte(_ i: Int) -> UInt8 { i < b.count ? b[i] : 0 }

    @inline(__always) private static func isSpace(_ c: UInt8) -> Bool {
        c == 32 || c == 10 || c == 9 || c == 13 || c == 11 || c == 12
    }

    private func skipSpace(_ i: Int) -> Int {
        var j = i
        while j < b.count && Lexer.isSpace(b[j]) { j += 1 }
        return j
    }

    private mutating func emitData(_ start: Int, _ end: Int, stripRight: Bool) {
        var e = end
        if stripRight {
            while e > start && Lexer.isSpace(b[e - 1]) { e -= 1 }
        }
        if e > start { tokens.append(Token(kind: .data, start: Int32(start), end: Int32(e))) }
    }

    private mutating func run() throws {
        var pos = 0
        var stripNext = false  // a `-%}`-style end stripped the whitespace that follows
        let n = b.count
        while pos < n {
            if stripNext {
                pos = skipSpace(pos)
                stripNext = false
                if pos >= n { break }
            }
            let found = nextOpener(from: pos)
            if found < 0 {
                emitData(pos, n, stripRight: false)
                break
            }
            let kindByte = b[found + 1]
            let sign = byte(found + 2)
            let stripLeft = sign == 45  // '-'
            var bodyStart = found + 2
            if sign == 45 || sign == 43 { bodyStart += 1 }

            if kindByte == 37, let raw = rawBlock(at: found, bodyStart: bodyStart) {  // {% raw %}
                emitData(pos, found, stripRight: stripLeft)
                let (contentStart, contentEnd, endStripLeft, after, afterStrip) = try raw.get()
                emitData(contentStart, contentEnd, stripRight: endStripLeft)
                pos = after
                stripNext = afterStrip
                continue
            }
            emitData(pos, found, stripRight: stripLeft)

            switch kindByte {
            case 35:  // comment: ends at the first `#}`
                var j = bodyStart
                var end = -1
                while j + 1 < n {
                    if b[j] == 35 && b[j + 1] == 125 { end = j; break }
                    j += 1
                }
                if end < 0 { throw error("missing end of comment tag", at: found) }
                stripNext = end > bodyStart && b[end - 1] == 45
                pos = end + 2
            case 123:
                tokens.append(Token(kind: .variableBegin, start: Int32(found), end: Int32(bodyStart)))
                let r = try lexTag(from: bodyStart, block: false, opener: found)
                pos = r.next
                stripNext = r.strip
            default:
                tokens.append(Token(kind: .blockBegin, start: Int32(found), end: Int32(bodyStart)))
                let r = try lexTag(from: bodyStart, block: true, opener: found)
                pos = r.next
                stripNext = r.strip
            }
        }
        tokens.append(Token(kind: .eof, start: Int32(n), end: Int32(n)))
    }

    /// The offset of the next `{{`, `{%` or `{#` at or after `start`, or -1. memchr finds the
    /// candidate `{` bytes: most of a dbt template is SQL text between tags.
    private func nextOpener(from start: Int) -> Int {
        guard let base = b.baseAddress else { return -1 }
        var i = start
        while i + 1 < b.count {
            guard let p = memchr(base + i, 123, b.count - 1 - i) else { return -1 }  // {
            i = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            let c = b[i + 1]
            if c == 123 || c == 37 || c == 35 { return i }
            i += 1
        }
        return -1
    }

    /// Recognises `{%[-+]? raw [-+]?%}` at `start`; returns the raw content's range, whether its
    /// end tag strips the content's trailing whitespace, where lexing resumes, and whether the
    /// end tag strips what follows.
    private func rawBlock(at start: Int, bodyStart: Int) -> Result<(Int, Int, Bool, Int, Bool), TemplateError>? {
        var j = skipSpace(bodyStart)
        guard byte(j) == 114, byte(j + 1) == 97, byte(j + 2) == 119 else { return nil }  // raw
        j += 3
        let afterName = byte(j)
        guard Lexer.isSpace(afterName) || afterName == 45 || afterName == 43 || afterName == 37 else { return nil }
        j = skipSpace(j)
        var stripAfterBegin = false
        if byte(j) == 45 || byte(j) == 43 {
            stripAfterBegin = byte(j) == 45
            j += 1
        }
        guard byte(j) == 37, byte(j + 1) == 125 else { return nil }
        var contentStart = j + 2
        if stripAfterBegin { contentStart = skipSpace(contentStart) }
        // find `{%[-+]? endraw [-+]?%}`
        var k = contentStart
        while k + 1 < b.count {
            if b[k] == 123 && b[k + 1] == 37 {
                var m = k + 2
                let endSign = byte(m)
                if endSign == 45 || endSign == 43 { m += 1 }
                m = skipSpace(m)
                if byte(m) == 101, byte(m + 1) == 110, byte(m + 2) == 100, byte(m + 3) == 114,
                   byte(m + 4) == 97, byte(m + 5) == 119 {  // endraw
                    m = skipSpace(m + 6)
                    var stripAfter = false
                    if byte(m) == 45 || byte(m) == 43 {
                        stripAfter = byte(m) == 45
                        m += 1
                    }
                    if byte(m) == 37 && byte(m + 1) == 125 {
                        return .success((contentStart, k, endSign == 45, m + 2, stripAfter))
                    }
                }
            }
            k += 1
        }
        return .failure(error("missing end of raw directive", at: start))
    }

    /// Lexes the inside of `{{ … }}` or `{% … %}` up to and including its end delimiter.
    private mutating func lexTag(from start: Int, block: Bool, opener: Int) throws -> (next: Int, strip: Bool) {
        var i = start
        // open brackets: `}}` inside `{'a': {'b': 1}}` does not end the tag
        brackets.removeAll(keepingCapacity: true)
        let n = b.count
        while true {
            i = skipSpace(i)
            if i >= n {
                throw error("unexpected end of template, expected '\(block ? "end of statement block" : "end of print statement")'", at: opener)
            }
            let c = b[i]
            if brackets.isEmpty {
                // end delimiters, with optional leading '-' or '+'
                var j = i
                var strip = false
                if (c == 45 || c == 43), j + 1 < n {
                    let d = b[j + 1]
                    if (block && d == 37) || (!block && d == 125) {
                        strip = c == 45
                        j += 1
                    }
                }
                if block && byte(j) == 37 && byte(j + 1) == 125 {
                    tokens.append(Token(kind: .blockEnd, start: Int32(i), end: Int32(j + 2)))
                    return (j + 2, strip)
                }
                if !block && byte(j) == 125 && byte(j + 1) == 125 {
                    tokens.append(Token(kind: .variableEnd, start: Int32(i), end: Int32(j + 2)))
                    return (j + 2, strip)
                }
            }
            if Lexer.isNameStart(c) {
                var j = i + 1
                while j < n && Lexer.isNameChar(b[j]) { j += 1 }
                tokens.append(Token(kind: .name, start: Int32(i), end: Int32(j), keyword: Keyword.classify(b, i, j)))
                i = j
                continue
            }
            if c >= 48 && c <= 57 {
                i = try lexNumber(i)
                continue
            }
            if c == 39 || c == 34 {  // ' "
                guard let j = closingQuote(c, after: i) else {
                    throw error("unexpected char '\(Character(Unicode.Scalar(c)))' at \(i)", at: i)
                }
                tokens.append(Token(kind: .string, start: Int32(i), end: Int32(j + 1)))
                i = j + 1
                continue
            }
            guard let (op, len) = Lexer.operatorAt(b, i) else {
                let scalar = String(decoding: b[i..<min(n, i + 4)], as: UTF8.self).first.map(String.init) ?? "?"
                throw error("unexpected char '\(scalar)' at \(i)", at: i)
            }
            switch op {
            case .lparen, .lbracket, .lbrace:
                brackets.append((c, i))
            case .rparen, .rbracket, .rbrace:
                guard let (open, _) = brackets.popLast() else {
                    throw error("unexpected '\(op.text)'", at: i)
                }
                let expected: UInt8 = open == 40 ? 41 : (open == 91 ? 93 : 125)
                if expected != c {
                    throw error("unexpected '\(op.text)', expected '\(Character(Unicode.Scalar(expected)))'", at: i)
                }
            default: break
            }
            tokens.append(Token(kind: .op(op), start: Int32(i), end: Int32(i + len)))
            i += len
        }
    }

    /// The offset of the quote `q` that closes the string literal opened at `open`: the first
    /// one after an even run of backslashes (backslashes pair off, so `\\'` ends a literal
    /// and `\'` does not), as a left-to-right scan skipping escaped bytes would find. memchr
    /// jumps to each candidate quote.
    private func closingQuote(_ q: UInt8, after open: Int) -> Int? {
        guard let base = b.baseAddress else { return nil }
        var from = open + 1
        while from < b.count {
            guard let p = memchr(base + from, Int32(q), b.count - from) else { return nil }
            let j = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            var k = j - 1
            while k > open && b[k] == 92 { k -= 1 }  // the run of backslashes before j
            if (j - 1 - k) % 2 == 0 { return j }
            from = j + 1
        }
        return nil
    }

    @inline(__always) static func isNameStart(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 || c >= 0x80
    }
    @inline(__always) static func isNameChar(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 48 && c <= 57)
    }

    /// Integers (decimal with `_`, 0b, 0o, 0x) and floats (`1.5`, `1e3`, `1.5e-3`). A float
    /// never directly follows a `.` (so `a.0.1` is two item accesses), as in Jinja2.
    private mutating func lexNumber(_ start: Int) throws -> Int {
        let n = b.count
        var i = start
        if b[i] == 48, i + 1 < n, [98, 66, 111, 79, 120, 88].contains(b[i + 1]) {  // 0b 0B 0o 0O 0x 0X
            i += 2
            while i < n && (Lexer.isNameChar(b[i])) { i += 1 }
            tokens.append(Token(kind: .integer, start: Int32(start), end: Int32(i)))
            return i
        }
        func digits(_ k: inout Int) {
            while k < n && ((b[k] >= 48 && b[k] <= 57) || (b[k] == 95 && k + 1 < n && b[k + 1] >= 48 && b[k + 1] <= 57)) { k += 1 }
        }
        digits(&i)
        if b[start] == 48, i - start > 1, b[start..<i].contains(where: { $0 >= 49 && $0 <= 57 }) {
            throw error("leading zeros in decimal integer literals are not permitted", at: start)
        }
        var isFloat = false
        let afterDot: Bool = {
            if case .op(.dot)? = tokens.last?.kind { return true }
            return false
        }()
        if !afterDot {
            if i + 1 < n && b[i] == 46 && b[i + 1] >= 48 && b[i + 1] <= 57 {
                i += 1
                digits(&i)
                isFloat = true
            }
            if i < n && (b[i] == 101 || b[i] == 69) {
                var k = i + 1
                if k < n && (b[k] == 43 || b[k] == 45) { k += 1 }
                if k < n && b[k] >= 48 && b[k] <= 57 {
                    digits(&k)
                    i = k
                    isFloat = true
                }
            }
        }
        tokens.append(Token(kind: isFloat ? .float : .integer, start: Int32(start), end: Int32(i)))
        return i
    }

    static func operatorAt(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Op, Int)? {
        let c = b[i]
        let d: UInt8 = i + 1 < b.count ? b[i + 1] : 0
        switch c {
        case 43: return (.add, 1)
        case 45: return (.sub, 1)
        case 47: return d == 47 ? (.floordiv, 2) : (.div, 1)
        case 42: return d == 42 ? (.pow, 2) : (.mul, 1)
        case 37: return (.mod, 1)
        case 126: return (.tilde, 1)
        case 91: return (.lbracket, 1)
        case 93: return (.rbracket, 1)
        case 40: return (.lparen, 1)
        case 41: return (.rparen, 1)
        case 123: return (.lbrace, 1)
        case 125: return (.rbrace, 1)
        case 61: return d == 61 ? (.eq, 2) : (.assign, 1)
        case 33: return d == 61 ? (.ne, 2) : nil
        case 62: return d == 61 ? (.gteq, 2) : (.gt, 1)
        case 60: return d == 61 ? (.lteq, 2) : (.lt, 1)
        case 46: return (.dot, 1)
        case 58: return (.colon, 1)
        case 124: return (.pipe, 1)
        case 44: return (.comma, 1)
        case 59: return (.semicolon, 1)
        default: return nil
        }
    }
}
