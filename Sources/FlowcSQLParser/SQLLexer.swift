// Turns SQL text into tokens, working on UTF-8 bytes. Comments (`--`, `/* */`, nested in
// PostgreSQL) and whitespace are skipped. An unterminated string, quoted identifier or comment
// is an error at the place it opens.

struct SQLLexer {
    let bytes: [UInt8]
    let syntax: SQLSyntax
    private var i = 0

    /// Bit b set when some multi-character operator starts with byte b (< 128), so most
    /// symbols skip the operator list.
    private let operatorStarts: (UInt64, UInt64)
    /// `syntax.identifierQuotes` as pairs.
    private let identifierQuotes: [(UInt8, UInt8)]
    private var names = SQLNameCache()
    private let keywords = SQLWordTable.slots
    private let oneByteTexts = SQLLexer.asciiTexts
    /// The one-character Strings of the ASCII bytes, for punctuation tokens.
    private static let asciiTexts: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    init(_ text: String, syntax: SQLSyntax) {
        self.bytes = Array(text.utf8)
        self.syntax = syntax
        var starts: (UInt64, UInt64) = (0, 0)
        for op in syntax.operators {
            guard let b = op.utf8.first, b < 128 else { continue }
            if b < 64 { starts.0 |= 1 << UInt64(b) } else { starts.1 |= 1 << UInt64(b - 64) }
        }
        self.operatorStarts = starts
        self.identifierQuotes = syntax.identifierQuotes.map { ($0.key, $0.value) }
    }

    private func mayStartOperator(_ c: UInt8) -> Bool {
        if c < 64 { return operatorStarts.0 & (1 << UInt64(c)) != 0 }
        if c < 128 { return operatorStarts.1 & (1 << UInt64(c - 64)) != 0 }
        return true
    }

    mutating func tokenize() throws(SQLParseError) -> [SQLToken] {
        var tokens: [SQLToken] = []
        tokens.reserveCapacity(bytes.count / 4)
        while true {
            try skipTrivia()
            guard i < bytes.count else {
                tokens.append(SQLToken(kind: .end, text: "", span: SQLSpan(start: i, end: i)))
                return tokens
            }
            tokens.append(try next())
        }
    }

    private func at(_ k: Int) -> UInt8 { k < bytes.count ? bytes[k] : 0 }

    private mutating func skipTrivia() throws(SQLParseError) {
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C {
                i += 1
            } else if c == UInt8(ascii: "-") && at(i + 1) == UInt8(ascii: "-") {
                while i < bytes.count && bytes[i] != 0x0A { i += 1 }
            } else if c == UInt8(ascii: "/") && at(i + 1) == UInt8(ascii: "*") {
                let start = i
                var depth = 0
                repeat {
                    if at(i) == UInt8(ascii: "/") && at(i + 1) == UInt8(ascii: "*") {
                        depth += syntax.nestedComments || depth == 0 ? 1 : 0
                        i += 2
                    } else if at(i) == UInt8(ascii: "*") && at(i + 1) == UInt8(ascii: "/") {
                        depth -= 1
                        i += 2
                    } else {
                        i += 1
                    }
                } while depth > 0 && i < bytes.count
                if depth > 0 {
                    throw SQLParseError("unterminated comment", at: SQLSpan(start: start, end: start + 2),
                                        hint: "close it with */")
                }
            } else {
                return
            }
        }
    }

    private static func isWordStart(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || c >= 0x80
    }

    private static func isWordByte(_ c: UInt8) -> Bool {
        isWordStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x24
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private func text(_ from: Int, _ to: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) }
    }

    /// The word `bytes[start..<end]` folded to lower case, its classes and keyword. A word of at most
    /// 16 bytes is folded into two integers, which find it in the word table (keywords) or the
    /// name cache before a String is made of it.
    private mutating func word(_ start: Int, _ end: Int) -> (String, SQLWordClass, SQLKeyword) {
        let length = end - start
        guard length <= 16 else {
            let (text, classes) = longWord(start, end)
            return (text, classes, .notKeyword)
        }
        let (lo, hi) = bytes.withUnsafeBytes { Self.foldedWord($0, start, length) }
        if let entry = keywords.entry(lo: lo, hi: hi, length: length) { return (entry.word, entry.classes, entry.keyword) }
        let text = names.word(lo: lo, hi: hi, length: length) {
            withUnsafeBytes(of: (lo.littleEndian, hi.littleEndian)) { String(decoding: $0.prefix(length), as: UTF8.self) }
        }
        return (text, [], .notKeyword)
    }

    /// The `length` (at most 16) bytes from `start` with A-Z folded to lower case, as two
    /// little-endian integers, zero-padded. Eight bytes at a time where the text has them:
    /// words are most of a query's tokens.
    @inline(__always)
    private static func foldedWord(_ raw: UnsafeRawBufferPointer, _ start: Int, _ length: Int) -> (UInt64, UInt64) {
        @inline(__always) func chunk(_ from: Int, _ count: Int) -> UInt64 {
            guard count > 0 else { return 0 }
            var x: UInt64 = 0
            if from + 8 <= raw.count {
                x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: from, as: UInt64.self))
                if count < 8 { x &= (1 << UInt64(8 * count)) &- 1 }
            } else {
                for k in 0..<count { x |= UInt64(raw[from + k]) << UInt64(8 * k) }
            }
            // SWAR: bytes 0x41...0x5A (not those >= 0x80) get bit 0x20
            let low7 = x & 0x7F7F_7F7F_7F7F_7F7F
            let atLeastA = (low7 &+ 0x3F3F_3F3F_3F3F_3F3F) & 0x8080_8080_8080_8080
            let pastZ = (low7 &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
            let upper = atLeastA & ~pastZ & ~x & 0x8080_8080_8080_8080
            return x | (upper >> 2)
        }
        return (chunk(start, min(length, 8)), chunk(start + 8, length - 8))
    }

    /// `word` for words longer than 16 bytes.
    private func longWord(_ start: Int, _ end: Int) -> (String, SQLWordClass) {
        bytes.withUnsafeBufferPointer { buf in
            let raw = UnsafeBufferPointer(rebasing: buf[start..<end])
            var upper = false
            for b in raw where b >= 0x41 && b <= 0x5A { upper = true; break }
            if !upper { return (String(decoding: raw, as: UTF8.self), SQLWordTable.longWordClasses(raw)) }
            let lower = raw.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            return lower.withUnsafeBufferPointer { (String(decoding: $0, as: UTF8.self), SQLWordTable.longWordClasses($0)) }
        }
    }

    private mutating func next() throws(SQLParseError) -> SQLToken {
        let start = i
        let c = bytes[i]
        if Self.isWordStart(c) {
            // A one-letter prefix right before a quote makes a special string: E'…', X'…', B'…', N'…'.
            if at(i + 1) == UInt8(ascii: "'"), [0x65, 0x45, 0x78, 0x58, 0x62, 0x42, 0x6E, 0x4E].contains(c) {
                i += 1
                var token = try quoted(start: start, close: UInt8(ascii: "'"), kind: .string,
                                       backslashEscapes: c == 0x65 || c == 0x45)
                token.prefix = c | 0x20
                return token
            }
            while i < bytes.count && Self.isWordByte(bytes[i]) { i += 1 }
            let (text, classes, keyword) = word(start, i)
            var token = SQLToken(kind: .word, text: text, span: SQLSpan(start: start, end: i))
            token.classes = classes
            token.keyword = keyword
            return token
        }
        if Self.isDigit(c) || (c == UInt8(ascii: ".") && Self.isDigit(at(i + 1))) {
            return number(start: start)
        }
        if let close = identifierQuote(c) {
            return try quoted(start: start, close: close, kind: .quotedIdentifier, backslashEscapes: false)
        }
        switch c {
        case UInt8(ascii: "'"):
            return try quoted(start: start, close: c, kind: .string, backslashEscapes: false)
        case UInt8(ascii: "("): return single(.leftParen)
        case UInt8(ascii: ")"): return single(.rightParen)
        case UInt8(ascii: "["): return single(.leftBracket)
        case UInt8(ascii: "]"): return single(.rightBracket)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: ";"): return single(.semicolon)
        case UInt8(ascii: "."): return single(.dot)
        case UInt8(ascii: "$"):
            if syntax.dollarQuoting, let token = try dollar(start: start) { return token }
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "@"):
            if let token = parameter(start: start) { return token }
        default: break
        }
        for op in syntax.operators where mayStartOperator(c) && matches(op) {
            i += op.utf8.count
            return SQLToken(kind: .symbol, text: op, span: SQLSpan(start: start, end: i))
        }
        if c < 0x80 {
            return single(.symbol)
        }
        throw SQLParseError("unexpected character", at: SQLSpan(start: start, end: start + 1), hint: nil)
    }

    /// The closing byte of a quoted identifier opened by `c` (a linear search: one to three
    /// quote characters, cheaper than hashing a byte per token).
    private func identifierQuote(_ c: UInt8) -> UInt8? {
        for (open, close) in identifierQuotes where open == c { return close }
        return nil
    }

    private func matches(_ op: String) -> Bool {
        var k = i
        for b in op.utf8 {
            guard at(k) == b else { return false }
            k += 1
        }
        return true
    }

    /// A one-byte token; `bytes[i]` is ASCII (punctuation or a one-character operator).
    private mutating func single(_ kind: SQLTokenKind) -> SQLToken {
        let c = Int(bytes[i])
        i += 1
        let text = c < oneByteTexts.count ? oneByteTexts[c] : self.text(i - 1, i)
        return SQLToken(kind: kind, text: text, span: SQLSpan(start: i - 1, end: i))
    }

    private mutating func number(start: Int) -> SQLToken {
        if bytes[i] == UInt8(ascii: "0"), at(i + 1) | 0x20 == UInt8(ascii: "x") {
            i += 2
            while i < bytes.count, Self.isHex(bytes[i]) { i += 1 }
            return SQLToken(kind: .number, text: text(start, i), span: SQLSpan(start: start, end: i))
        }
        while i < bytes.count, Self.isDigit(bytes[i]) || bytes[i] == UInt8(ascii: "_") { i += 1 }
        if at(i) == UInt8(ascii: "."), at(i + 1) != UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
        }
        if at(i) | 0x20 == UInt8(ascii: "e") {
            let sign = at(i + 1) == UInt8(ascii: "+") || at(i + 1) == UInt8(ascii: "-") ? 1 : 0
            if Self.isDigit(at(i + 1 + sign)) {
                i += 1 + sign
                while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
            }
        }
        return SQLToken(kind: .number, text: text(start, i), span: SQLSpan(start: start, end: i))
    }

    private static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66) }

    /// A quoted string or identifier from `start` (the position of the prefix letter, if any);
    /// `i` is at the opening quote. A doubled closing quote stands for itself.
    private mutating func quoted(start: Int, close: UInt8, kind: SQLTokenKind,
                                 backslashEscapes: Bool) throws(SQLParseError) -> SQLToken {
        let open = i
        i += 1
        // Fast path: no escapes or doubled quotes before the closing quote, so the content is a
        // slice of the input.
        var k = i
        while k < bytes.count, bytes[k] != close, !(backslashEscapes && bytes[k] == UInt8(ascii: "\\")) { k += 1 }
        if k < bytes.count, bytes[k] == close, at(k + 1) != close || close == UInt8(ascii: "]") {
            let token = SQLToken(kind: kind, text: text(i, k), span: SQLSpan(start: start, end: k + 1))
            i = k + 1
            return token
        }
        var content: [UInt8] = []
        while true {
            guard i < bytes.count else {
                let what = kind == .string ? "string" : "quoted identifier"
                throw SQLParseError("unterminated \(what)", at: SQLSpan(start: open, end: open + 1),
                                    hint: "close it with \(String(UnicodeScalar(close)))")
            }
            let b = bytes[i]
            if backslashEscapes && b == UInt8(ascii: "\\") && i + 1 < bytes.count {
                content.append(bytes[i + 1])
                i += 2
            } else if b == close {
                if at(i + 1) == close && close != UInt8(ascii: "]") {
                    content.append(close)
                    i += 2
                } else {
                    i += 1
                    break
                }
            } else {
                content.append(b)
                i += 1
            }
        }
        return SQLToken(kind: kind, text: String(decoding: content, as: UTF8.self), span: SQLSpan(start: start, end: i))
    }

    /// `$tag$ … $tag$` (tag may be empty) or a `$1` parameter; nil when `$` starts neither.
    private mutating func dollar(start: Int) throws(SQLParseError) -> SQLToken? {
        if Self.isDigit(at(i + 1)) {
            i += 1
            while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
            return SQLToken(kind: .parameter, text: text(start, i), span: SQLSpan(start: start, end: i))
        }
        var k = i + 1
        while k < bytes.count, Self.isWordByte(bytes[k]), bytes[k] != UInt8(ascii: "$") { k += 1 }
        guard at(k) == UInt8(ascii: "$") else { return nil }
        let tag = Array(bytes[i...k])
        let bodyStart = k + 1
        var j = bodyStart
        while j + tag.count <= bytes.count {
            if bytes[j] == UInt8(ascii: "$") && Array(bytes[j..<(j + tag.count)]) == tag {
                i = j + tag.count
                var token = SQLToken(kind: .string, text: text(bodyStart, j), span: SQLSpan(start: start, end: i))
                token.prefix = UInt8(ascii: "$")
                return token
            }
            j += 1
        }
        throw SQLParseError("unterminated dollar-quoted string", at: SQLSpan(start: start, end: bodyStart),
                            hint: "close it with \(String(decoding: tag, as: UTF8.self))")
    }

    /// `?`, `?NNN`, `:name`, `@name` parameters (SQLite); nil when the byte is an operator here.
    private mutating func parameter(start: Int) -> SQLToken? {
        guard syntax.prefixedParameters else { return nil }
        let c = bytes[i]
        if c == UInt8(ascii: "?") {
            i += 1
            while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
            return SQLToken(kind: .parameter, text: text(start, i), span: SQLSpan(start: start, end: i))
        }
        guard Self.isWordStart(at(i + 1)) else { return nil }
        i += 1
        while i < bytes.count, Self.isWordByte(bytes[i]) { i += 1 }
        return SQLToken(kind: .parameter, text: text(start, i), span: SQLSpan(start: start, end: i))
    }
}
