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
    static func document(_ v: Value, renderer: Renderer) throws -> String {
        var out = ""
        var open: [ObjectIdentifier] = []
        try write(v, indent: "", out: &out, open: &open, renderer: renderer)
        return out
    }

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
                      renderer: Renderer) throws {
        // tuples have no identity; they count toward the depth under a placeholder
        let id = try enter(v, &open) ?? ObjectIdentifier(YAMLWriter.self)
        open.append(id)
        defer { open.removeLast() }
        switch v {
        case .dict(let d) where d.count > 0:
            var first = true
            for (k, val) in d.pairs {
                if !first { out += indent }
                first = false
                out += scalar(.string(k.pythonString)) + ":"
                if case .dict = val, isContainer(val) {
                    out += "\n" + indent + "  "
                    try write(val, indent: indent + "  ", out: &out, open: &open, renderer: renderer)
                } else if isContainer(val) {
                    out += "\n" + indent
                    try write(val, indent: indent, out: &out, open: &open, renderer: renderer)
                } else {
                    out += " " + (try inline(val, renderer: renderer)) + "\n"
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
                    try write(item, indent: indent + "  ", out: &out, open: &open, renderer: renderer)
                } else {
                    out += try inline(item, renderer: renderer) + "\n"
                }
            }
        default:
            out += try inline(v, renderer: renderer) + "\n"
        }
    }

    static func inline(_ v: Value, renderer: Renderer) throws -> String {
        switch v {
        case .none, .undefined: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int, .double: return v.pythonString
        case .dict: return "{}"
        case .list, .tuple: return "[]"
        case .string: return scalar(v)
        default: return scalar(.string(try renderer.str(v)))
        }
    }

    static let reserved: Set<String> = ["", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n"]

    static func scalar(_ v: Value) -> String {
        let s = v.stringValue ?? ""
        if s.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\r" || ($0.isASCII && $0.asciiValue! < 32) }) {
            var out = "\""
            for c in s.unicodeScalars {
                switch c {
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\r": out += "\\r"
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                default: out.unicodeScalars.append(c)
                }
            }
            return out + "\""
        }
        let needsQuotes = reserved.contains(s.lowercased())
            || Double(s) != nil || Int(s) != nil
            || s.first == " " || s.last == " "
            || "-?:,[]{}#&*!|>'\"%@`".contains(s.first!)
            || s.contains(": ") || s.contains(" #") || s.hasSuffix(":")
        return needsQuotes ? "'" + s.replacingQuotes() + "'" : s
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for c in self { if c == "'" { out += "''" } else { out.append(c) } }
        return out
    }
}
