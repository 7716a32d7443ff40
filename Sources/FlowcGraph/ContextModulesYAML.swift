// `toyaml`'s writer (dbt's `toyaml()`), in PyYAML's safe_dump layout.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FlowcProject
import FlowcTemplate

// MARK: - toyaml

/// Block YAML in PyYAML's `safe_dump(sort_keys=False)` layout.
enum YAMLWriter {
    static func document(_ v: Value, renderer: Renderer, sortKeys: Bool = false) throws -> String {
        var out = ""
        var open: [ObjectIdentifier] = []
        try write(v, indent: "", out: &out, open: &open, renderer: renderer, sortKeys: sortKeys)
        // a document that is one plain scalar is open-ended: PyYAML closes it with `...`
        if !isContainer(v), let first = out.first, !"'\"|>".contains(first) { out += "...\n" }
        return out
    }

    /// What safe_dump cannot represent (a Decimal, a Relation): toyaml then gives its default.
    struct Unrepresentable: Error {}

    /// Python's recursion limit; PyYAML gives up on deeper data too.
    static let maxDepth = 1000

    /// Notes that `v`'s items are being written inside the containers in `open`. PyYAML writes
    /// a list or dict that holds itself with anchors (`&id001`), which this writer does not
    /// have: say so rather than recurse without end.
    static func enter(_ v: Value, _ open: inout [ObjectIdentifier]) throws -> ObjectIdentifier? {
        if open.count >= maxDepth {
            throw TemplateError(.runtime, "RecursionError: maximum recursion depth exceeded while writing YAML")
        }
        let id: ObjectIdentifier
        switch v {
        case .list(let l): id = ObjectIdentifier(l)
        case .dict(let d): id = ObjectIdentifier(d)
        default: return nil
        }
        if open.contains(id) {
            throw TemplateError(.value, "toyaml cannot write a \(v.typeName) that contains itself",
                                hint: "PyYAML would write it with an anchor and an alias, which flowc does not support")
        }
        return id
    }

    static func isContainer(_ v: Value) -> Bool {
        switch v {
        case .list(let l): return !l.items.isEmpty
        case .tuple(let t): return !t.isEmpty
        case .dict(let d): return d.count > 0
        default: return false
        }
    }

    /// Writes `v` as block content; the caller has already placed the cursor at the indentation.
    static func write(_ v: Value, indent: String, out: inout String, open: inout [ObjectIdentifier],
                      renderer: Renderer, sortKeys: Bool) throws {
        // tuples have no identity; they count toward the depth under a placeholder
        let id = try enter(v, &open) ?? ObjectIdentifier(YAMLWriter.self)
        open.append(id)
        defer { open.removeLast() }
        switch v {
        case .dict(let d) where d.count > 0:
            var first = true
            let pairs = sortKeys ? try d.pairs.sorted { try $0.0.pyCompare($1.0) < 0 } : Array(d.pairs)
            for (k, val) in pairs {
                if !first { out += indent }
                first = false
                out += scalar(.string(k.pythonString), isKey: true) + ":"
                if case .dict = val, isContainer(val) {
                    out += "\n" + indent + "  "
                    try write(val, indent: indent + "  ", out: &out, open: &open, renderer: renderer, sortKeys: sortKeys)
                } else if isContainer(val) {
                    out += "\n" + indent
                    try write(val, indent: indent, out: &out, open: &open, renderer: renderer, sortKeys: sortKeys)
                } else {
                    out += " "
                    out += try inline(val, renderer: renderer, column: column(of: out), indent: indent) + "\n"
                }
            }
        case .list, .tuple:
            let items = try renderer.iterate(v)
            guard !items.isEmpty else { out += "[]\n"; return }
            var first = true
            for item in items {
                if !first { out += indent }
                first = false
                out += "- "
                if isContainer(item) {
                    try write(item, indent: indent + "  ", out: &out, open: &open, renderer: renderer, sortKeys: sortKeys)
                } else {
                    out += try inline(item, renderer: renderer, column: column(of: out), indent: indent) + "\n"
                }
            }
        default:
            out += try inline(v, renderer: renderer, column: column(of: out), indent: indent) + "\n"
        }
    }

    /// The column the writer is at: characters since the last line break.
    static func column(of out: String) -> Int {
        var n = 0
        for b in out.utf8.reversed() {
            if b == 10 { break }
            n += 1
        }
        return n
    }

    /// A value written on the current line at `column`; a long string wraps onto lines
    /// indented two past `indent`, the enclosing block's, as PyYAML wraps at 80 columns.
    static func inline(_ v: Value, renderer: Renderer, column: Int = 0, indent: String = "") throws -> String {
        switch v {
        case .none, .undefined: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int, .double: return v.pythonString
        case .dict: return "{}"
        case .list, .tuple: return "[]"
        case .string: return scalar(v, column: column, indent: indent.count + 2)
        // dates and datetimes are YAML timestamps, written plain (`2024-01-01 12:00:00`)
        case .object(let o) where o is DateTimeObject: return try renderer.str(v)
        default: throw Unrepresentable()
        }
    }

    /// A string as PyYAML's safe_dump writes it: plain when reading it back gives the same
    /// string, else single-quoted (line breaks doubled, as YAML folds one), else (control or
    /// non-ASCII characters, which safe_dump escapes) double-quoted. Plain and single-quoted
    /// text wraps at the first single space past column 80; keys do not wrap.
    static func scalar(_ v: Value, isKey: Bool = false, column: Int = 0, indent: Int = 2) -> String {
        let s = v.stringValue ?? ""
        if s.unicodeScalars.contains(where: { !($0 == "\n" || (0x20...0x7E).contains($0.value)) }) || (isKey && s.contains("\n")) {
            return doubleQuoted(s)
        }
        let plain = !s.contains("\n") && !resolvesToNonString(s) && !s.hasPrefix(" ") && !s.hasSuffix(" ")
            && !Self.blockIndicatorStart(s) && !s.contains(": ") && !s.contains(" #") && !s.hasSuffix(":")
        return wrapped(s, quoted: !plain, split: !isKey, column: column, indent: indent)
    }

    /// A first character that starts YAML syntax in block context (`-`, `?` and `:` only
    /// when a space or the end follows).
    static func blockIndicatorStart(_ s: String) -> Bool {
        guard let first = s.first else { return false }
        if "#,[]{}&*!|>'\"%@`".contains(first) { return true }
        if "-?:".contains(first) {
            let second = s.dropFirst().first
            return second == nil || second == " "
        }
        return false
    }

    /// Whether PyYAML's resolvers (YAML 1.1) read the plain text as something else than a
    /// string: a bool, null, int (also `1_000`, `0x1f`, `12:30`), float (`1.5`, `.inf`, but
    /// not `1e3`), timestamp, merge or value key.
    static func resolvesToNonString(_ s: String) -> Bool {
        if s.isEmpty { return true }
        if s.wholeMatch(of: #/yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|<<|=/#) != nil {
            return true
        }
        if s.wholeMatch(of: #/[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+/#) != nil {
            return true
        }
        if s.wholeMatch(of: #/[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)/#) != nil {
            return true
        }
        return s.wholeMatch(of: #/[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?/#) != nil
    }

    /// PyYAML's write_plain / write_single_quoted: a lone space past column 80 becomes a line
    /// break and the continuation's indentation; in quotes, `'` doubles and a run of line breaks
    /// is written with one more (the first would fold into a space).
    static func wrapped(_ s: String, quoted: Bool, split: Bool, column start: Int, indent: Int) -> String {
        let chars = Array(s)
        var out = quoted ? "'" : ""
        var column = start + (quoted ? 1 : 0)
        let margin = String(repeating: " ", count: indent)
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            if ch == " " {
                var j = i
                while j < chars.count && chars[j] == " " { j += 1 }
                // PyYAML breaks only at a single space, and in quotes not at either end
                if j == i + 1 && column > 80 && split && (!quoted || (i != 0 && j != chars.count)) {
                    out += "\n" + margin
                    column = indent
                } else {
                    out += String(repeating: " ", count: j - i)
                    column += j - i
                }
                i = j
            } else if ch == "\n" {
                var j = i
                while j < chars.count && chars[j] == "\n" { j += 1 }
                out += String(repeating: "\n", count: j - i + 1) + margin
                column = indent
                i = j
            } else {
                out += ch == "'" && quoted ? "''" : String(ch)
                column += ch == "'" && quoted ? 2 : 1
                i += 1
            }
        }
        return quoted ? out + "'" : out
    }

    /// PyYAML's double-quoted style, with its escapes (safe_dump escapes non-ASCII text).
    static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\0": out += "\\0"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0B}": out += "\\v"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            case "\u{1B}": out += "\\e"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{85}": out += "\\N"
            case "\u{A0}": out += "\\_"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if (0x20...0x7E).contains(c.value) { out.unicodeScalars.append(c) }
                else if c.value <= 0xFF { out += "\\x" + hex(c.value, 2) }
                else if c.value <= 0xFFFF { out += "\\u" + hex(c.value, 4) }
                else { out += "\\U" + hex(c.value, 8) }
            }
        }
        return out + "\""
    }

    static func hex(_ v: UInt32, _ width: Int) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
