// Python's textwrap.wrap as Jinja's `wordwrap` filter configures it (no tab expansion, no
// whitespace replacement, whitespace dropped at line edges), including textwrap's rules for
// breaking after hyphens, so wrapped output matches dbt's character for character.

struct TextWrap {
    var width: Int
    var breakLongWords: Bool
    var breakOnHyphens: Bool

    typealias Chunk = [Unicode.Scalar]

    /// textwrap's whitespace is ASCII only: '\t\n\x0b\x0c\r '.
    @inline(__always)
    static func isWS(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20: return true
        default: return false
        }
    }

    /// `[^\d\W]`: word characters that are not digits.
    @inline(__always)
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        PyStr.isWordChar(c) && !PyStr.isDecimal(c)
    }

    /// `[\w!"'&.,?]`
    @inline(__always)
    static func isWordPunct(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "!", "\"", "'", "&", ".", ",", "?": return true
        default: return PyStr.isWordChar(c)
        }
    }

    func wrap(_ text: String) throws -> [String] {
        if width <= 0 { throw TemplateError(.value, "invalid width \(width) (must be > 0)") }
        let chunks = split(Array(text.unicodeScalars))
        return wrapChunks(chunks).map { String(String.UnicodeScalarView($0)) }
    }

    /// textwrap's wordsep_re (or wordsep_simple_re without hyphen breaking), by hand.
    func split(_ t: [Unicode.Scalar]) -> [Chunk] {
        var chunks: [Chunk] = []
        let n = t.count
        var pos = 0
        // Two or more dashes at `i` followed by a word character.
        func emDashAt(_ i: Int) -> Bool {
            var j = i
            while j < n, t[j] == "-" { j += 1 }
            return j - i >= 2 && j < n && PyStr.isWordChar(t[j])
        }
        while pos < n {
            if Self.isWS(t[pos]) {
                var e = pos
                while e < n, Self.isWS(t[e]) { e += 1 }
                chunks.append(Array(t[pos..<e]))
                pos = e
                continue
            }
            if !breakOnHyphens {
                var e = pos
                while e < n, !Self.isWS(t[e]) { e += 1 }
                chunks.append(Array(t[pos..<e]))
                pos = e
                continue
            }
            if pos > 0, Self.isWordPunct(t[pos - 1]), t[pos] == "-", emDashAt(pos) {
                var e = pos
                while e < n, t[e] == "-" { e += 1 }
                chunks.append(Array(t[pos..<e]))
                pos = e
                continue
            }
            // Lazily grow the word one character at a time until an ending condition holds.
            var k = pos
            var end = n
            while k < n {
                guard !Self.isWS(t[k]) else { end = k; break }
                let next = k + 1
                // hyphenated word: consumes a following '-'
                if next < n, t[next] == "-" {
                    let afterDash = next + 1
                    let behindOK = (next >= 2 && Self.isLetter(t[next - 1]) && Self.isLetter(t[next - 2]))
                        || (next >= 3 && Self.isLetter(t[next - 1]) && t[next - 2] == "-" && Self.isLetter(t[next - 3]))
                    var aheadOK = false
                    if afterDash < n, Self.isLetter(t[afterDash]) {
                        if afterDash + 1 < n, Self.isLetter(t[afterDash + 1]) {
                            aheadOK = true
                        } else if afterDash + 2 < n, t[afterDash + 1] == "-", Self.isLetter(t[afterDash + 2]) {
                            aheadOK = true
                        }
                    }
                    if behindOK && aheadOK { end = afterDash; break }
                }
                // end of word
                if next == n || Self.isWS(t[next]) { end = next; break }
                // em-dash follows
                if Self.isWordPunct(t[k]), t[next] == "-", emDashAt(next) { end = next; break }
                k += 1
            }
            chunks.append(Array(t[pos..<end]))
            pos = end
        }
        return chunks
    }

    private static func isBlank(_ c: Chunk) -> Bool {
        c.allSatisfy { PyStr.isSpace($0.value) }
    }

    func wrapChunks(_ input: [Chunk]) -> [Chunk] {
        var lines: [Chunk] = []
        var chunks = Array(input.reversed())
        while !chunks.isEmpty {
            var line: [Chunk] = []
            var lineLen = 0
            if let last = chunks.last, Self.isBlank(last), !lines.isEmpty { chunks.removeLast() }
            while let last = chunks.last {
                if lineLen + last.count <= width {
                    line.append(last)
                    lineLen += last.count
                    chunks.removeLast()
                } else {
                    break
                }
            }
            if let last = chunks.last, last.count > width {
                handleLongWord(&chunks, &line, lineLen)
                lineLen = line.reduce(0) { $0 + $1.count }
            }
            if let tail = line.last, Self.isBlank(tail) {
                lineLen -= tail.count
                line.removeLast()
            }
            if !line.isEmpty { lines.append(Array(line.joined())) }
        }
        return lines
    }

    private func handleLongWord(_ chunks: inout [Chunk], _ line: inout [Chunk], _ lineLen: Int) {
        let spaceLeft = width < 1 ? 1 : width - lineLen
        guard let chunk = chunks.last else { return }
        if breakLongWords {
            var end = spaceLeft
            if breakOnHyphens && chunk.count > spaceLeft {
                var hyphen = -1
                var i = Swift.min(spaceLeft, chunk.count) - 1
                while i >= 0 {
                    if chunk[i] == "-" { hyphen = i; break }
                    i -= 1
                }
                if hyphen > 0 && chunk[0..<hyphen].contains(where: { $0 != "-" }) { end = hyphen + 1 }
            }
            let cut = Swift.max(0, Swift.min(end, chunk.count))
            line.append(Array(chunk[0..<cut]))
            chunks[chunks.count - 1] = Array(chunk[cut...])
        } else if line.isEmpty {
            line.append(chunk)
            chunks.removeLast()
        }
    }
}
