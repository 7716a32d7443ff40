// Python's `json.dumps(value, sort_keys=True)` of a YAML value, byte for byte: dbt hashes
// packages.yml entries in that form, so package-lock.yml's sha1_hash is only equal to dbt's
// if every separator, escape and float matches.
import FlowcProject
import FlowcTemplate

enum PythonJSON {
    static func dumps(_ value: YAMLValue) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    static func write(_ value: YAMLValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b, _): out += b ? "true" : "false"
        case .int(let i, _): out += String(i)
        case .double(let d, _):
            // json.dumps writes float('inf') and nan as JavaScript names, others as repr()
            if d.isNaN { out += "NaN" } else if d.isInfinite { out += d < 0 ? "-Infinity" : "Infinity" } else { out += pythonFloatRepr(d) }
        case .string(let s, _): writeString(s, to: &out)
        case .list(let items, _):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                write(item, to: &out)
            }
            out += "]"
        case .map(let entries, _):
            // Python sorts str keys by code point, which Swift's String order is not
            let sorted = entries.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
            out += "{"
            for (i, entry) in sorted.enumerated() {
                if i > 0 { out += ", " }
                writeString(entry.key, to: &out)
                out += ": "
                write(entry.value, to: &out)
            }
            out += "}"
        }
    }

    /// ensure_ascii: everything outside printable ASCII as \uXXXX (UTF-16, lowercase hex).
    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for unit in s.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        out += "\""
    }
}
