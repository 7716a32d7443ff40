// `fromyaml` as PyYAML's safe_load reads a document: a plain (unquoted) scalar in YAML 1.1's
// timestamp form is a date (`2015-01-01`) or a datetime (`2024-01-01 10:00:00`, aware with an
// offset or `Z`), which templates add timedeltas to and format (datavault4dbt's metadata
// parser reads `start_date: 2015-01-01` so). Quoted ones stay text.

import FlowcProject
import FlowcTemplate

public enum YAMLTimestamps {
    /// The document as a template value, with its plain timestamps as date and datetime objects.
    public static func value(_ y: YAMLValue, source: String) -> Value {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        return convert(y, lines)
    }

    private static func convert(_ y: YAMLValue, _ lines: [Substring]) -> Value {
        switch y {
        case .string(let s, let span):
            return plainTimestamp(s, at: span, lines).map { .object($0) } ?? .string(s)
        case .list(let items, _):
            return .list(items.map { convert($0, lines) })
        case .map(let entries, _):
            return .dict(entries.map { ($0.key, convert($0.value, lines)) })
        case .null, .bool, .int, .double:
            return Value(json: y.json)
        }
    }

    /// The date or datetime a scalar is when PyYAML reads it as one: timestamp-shaped and
    /// written without quotes (at `span` in `lines`); nil for text.
    static func plainTimestamp(_ s: String, at span: SourceSpan, _ lines: [Substring]) -> DateTimeObject? {
        guard PyYAMLScalar.isTimestamp(s), isPlain(at: span, lines) else { return nil }
        return timestamp(s)
    }

    /// Whether the scalar at `span` was written without quotes (a block scalar's `|` or `>`
    /// also makes text).
    private static func isPlain(at span: SourceSpan, _ lines: [Substring]) -> Bool {
        guard span.line >= 1, span.line <= lines.count else { return false }
        let scalars = lines[span.line - 1].unicodeScalars
        guard span.column >= 1, let first = scalars.dropFirst(span.column - 1).first else { return false }
        return !"'\"|>".unicodeScalars.contains(first)
    }

    /// PyYAML's construct_yaml_timestamp: a date, or a datetime (microseconds from the first
    /// six fraction digits) with a fixed-offset zone when one is written.
    static func timestamp(_ text: String) -> DateTimeObject? {
        let b = Array(text.utf8)
        var i = 0
        func number(_ max: Int) -> Int? {
            var n = 0, count = 0
            while i < b.count, count < max, b[i] >= 48, b[i] <= 57 {
                n = n * 10 + Int(b[i] - 48)
                i += 1
                count += 1
            }
            return count > 0 ? n : nil
        }
        func skip(_ set: String) { while i < b.count, set.utf8.contains(b[i]) { i += 1 } }
        guard let year = number(4) else { return nil }
        skip("-")
        guard let month = number(2) else { return nil }
        skip("-")
        guard let day = number(2) else { return nil }
        if i == b.count { return try? DateTimeObject.make(year, month, day, isDate: true) }
        skip("Tt \t")
        guard let hour = number(2) else { return nil }
        skip(":")
        guard let minute = number(2) else { return nil }
        skip(":")
        guard let second = number(2) else { return nil }
        var micros = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 6 { micros = micros * 10 + Int(b[i] - 48); digits += 1 }
                i += 1
            }
            for _ in digits..<6 { micros *= 10 }
        }
        skip(" \t")
        var zone: ZoneOffset?
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") {
                zone = .fixed(seconds: 0)
            } else {
                let negative = b[i] == UInt8(ascii: "-")
                i += 1
                guard let h = number(2) else { return nil }
                var m = 0
                if i < b.count, b[i] == UInt8(ascii: ":") {
                    i += 1
                    m = number(2) ?? 0
                }
                zone = .fixed(seconds: (negative ? -1 : 1) * (h * 3600 + m * 60))
            }
        }
        guard let naive = try? DateTimeObject.make(year, month, day, hour, minute, second, micros) else { return nil }
        return DateTimeObject(micros: naive.micros, zone: zone)
    }
}
