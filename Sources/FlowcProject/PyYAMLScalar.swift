// How PyYAML's `yaml.dump` (block style, allow_unicode=False, as dbt writes package-lock.yml)
// writes a string value: plain when it reads back as the same string, else single-quoted, else
// double-quoted with escapes. Follows PyYAML's emitter (analyze_scalar, choose_scalar_style) so
// a lock file flowc writes is byte-identical to dbt's. Not followed: PyYAML's folding of long
// scalars at spaces past column 80, and its multi-line quoted layout; such values are written
// double-quoted on one line (still valid YAML that reads back the same).

public enum PyYAMLScalar {
    /// `value` as the value of a block mapping entry.
    public static func quote(_ value: String) -> String {
        let analysis = Analysis(value)
        if readsBackAsString(value) && analysis.allowPlain { return value }
        if analysis.allowSingleQuoted { return "'" + value.replacingAll("'", with: "''") + "'" }
        return doubleQuoted(value)
    }

    /// Whether the plain scalar reads back as a string under YAML 1.1 (PyYAML's resolvers:
    /// null, bool, int, float, timestamp, merge `<<`, value `=`).
    static func readsBackAsString(_ text: String) -> Bool {
        guard case .string = YAMLScalar.resolve(text, .start(of: "")) else { return false }
        return text != "<<" && text != "=" && !isTimestamp(text)
    }

    /// PyYAML's timestamp resolver: `2001-12-14`, `2001-12-14t21:59:43.10-05:00`, `2001-12-14 21:59:43.10 -5`.
    public static func isTimestamp(_ text: String) -> Bool {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ min: Int, _ max: Int) -> Bool {
            let start = i
            while i < b.count, i - start < max, b[i] >= 48, b[i] <= 57 { i += 1 }
            return i - start >= min
        }
        func char(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue else { return false }
            i += 1
            return true
        }
        guard digits(4, 4), char("-"), digits(1, 2), char("-"), digits(1, 2) else { return false }
        if i == b.count { return b.count == 10 }  // the date-only form has two-digit month and day
        if char("T") || char("t") {} else {
            guard i < b.count, b[i] == 32 || b[i] == 9 else { return false }
            while i < b.count, b[i] == 32 || b[i] == 9 { i += 1 }
        }
        guard digits(1, 2), char(":"), digits(2, 2), char(":"), digits(2, 2) else { return false }
        if char(".") { _ = digits(0, Int.max) }
        if i == b.count { return true }
        while i < b.count, b[i] == 32 || b[i] == 9 { i += 1 }  // only before a zone
        if char("Z") { return i == b.count }
        guard char("-") || char("+"), digits(1, 2) else { return false }
        if char(":") { guard digits(2, 2) else { return false } }
        return i == b.count
    }

    /// The parts of PyYAML's `analyze_scalar` that decide between plain, single and double quotes.
    struct Analysis {
        var allowPlain = true
        var allowSingleQuoted = true

        init(_ value: String) {
            let scalars = Array(value.unicodeScalars)
            guard !scalars.isEmpty else { allowPlain = false; return }
            func isSpace(_ c: Unicode.Scalar) -> Bool { "\0 \t\r\n\u{85}\u{2028}\u{2029}".unicodeScalars.contains(c) }
            func isBreak(_ c: Unicode.Scalar) -> Bool { "\n\u{85}\u{2028}\u{2029}".unicodeScalars.contains(c) }
            var blockIndicators = value.hasPrefix("---") || value.hasPrefix("...")
            var lineBreaks = false, special = false
            var leadingSpace = false, trailingSpace = false, leadingBreak = false, trailingBreak = false
            var breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false
            var precededByWhitespace = true
            var followedByWhitespace = scalars.count == 1 || isSpace(scalars[1])
            let last = scalars.count - 1
            for (index, c) in scalars.enumerated() {
                if index == 0 {
                    if "#,[]{}&*!|>'\"%@`".unicodeScalars.contains(c) { blockIndicators = true }
                    if c == "-" && followedByWhitespace { blockIndicators = true }
                    if (c == "?" || c == ":") && followedByWhitespace { blockIndicators = true }
                } else {
                    if c == ":" && followedByWhitespace { blockIndicators = true }
                    if c == "#" && precededByWhitespace { blockIndicators = true }
                }
                if isBreak(c) { lineBreaks = true }
                if !(c == "\n" || (c.value >= 0x20 && c.value <= 0x7E)) { special = true }  // allow_unicode=False
                if c == " " {
                    if index == 0 { leadingSpace = true }
                    if index == last { trailingSpace = true }
                    if previousBreak { breakSpace = true }
                    previousSpace = true
                    previousBreak = false
                } else if isBreak(c) {
                    if index == 0 { leadingBreak = true }
                    if index == last { trailingBreak = true }
                    if previousSpace { spaceBreak = true }
                    previousSpace = false
                    previousBreak = true
                } else {
                    previousSpace = false
                    previousBreak = false
                }
                precededByWhitespace = isSpace(c)
                followedByWhitespace = index + 2 > last || isSpace(scalars[index + 2])
            }
            if leadingSpace || leadingBreak || trailingSpace || trailingBreak || lineBreaks || blockIndicators {
                allowPlain = false
            }
            // multi-line values: written double-quoted on one line (see the file comment)
            if breakSpace || spaceBreak || special || lineBreaks { allowSingleQuoted = false }
            if breakSpace || spaceBreak || special { allowPlain = false }
        }
    }

    /// PyYAML's double-quoted style with allow_unicode=False: named escapes, then \xXX, \uXXXX or
    /// \UXXXXXXXX in upper-case hex for everything outside printable ASCII.
    static func doubleQuoted(_ value: String) -> String {
        let named: [UInt32: String] = [0: "0", 7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r", 27: "e",
                                       0x22: "\"", 0x5C: "\\", 0x85: "N", 0xA0: "_", 0x2028: "L", 0x2029: "P"]
        var out = "\""
        for c in value.unicodeScalars {
            if let name = named[c.value] {
                out += "\\" + name
            } else if c.value >= 0x20 && c.value <= 0x7E {
                out.unicodeScalars.append(c)
            } else {
                let (prefix, width) = c.value <= 0xFF ? ("x", 2) : c.value <= 0xFFFF ? ("u", 4) : ("U", 8)
                let hex = String(c.value, radix: 16, uppercase: true)
                out += "\\" + prefix + String(repeating: "0", count: max(0, width - hex.count)) + hex
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
