// YAML text → YAMLValue, with a place for every value and key and PyYAML's (dbt's) typing.
// Most files take FastYAML's path; the rest, and every file with an error, come here, where
// libyaml (through Yams' Node API) does the parsing and this file adds what dbt users expect on
// top: YAML 1.1 scalar types (YAMLScalar), merge keys (`<<: *defaults`), "a repeated key keeps
// its last value" with a warning (Yams rejects repeated keys, see `markDuplicate`), and syntax
// errors as diagnostics at libyaml's line and column.
//
// Invariants: never traps on any input. Nesting is bounded before parsing (the composer and
// the conversion recurse), and aliases may not expand a document past a node budget (the
// "billion laughs" document).

import Yams

public enum YAMLReader {
    /// Parses one YAML document. `value` is nil for an empty document or when an error
    /// occurred (then `diagnostics` holds it); warnings may accompany a value.
    public static func parse(_ text: String, file: String) -> (value: YAMLValue?, diagnostics: [Diagnostic]) {
        // a byte order mark, which editors on Windows write and PyYAML (dbt) skips
        if text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) {
            let rest = String(text.unicodeScalars.dropFirst())
            return parse(rest, file: file)
        }
        if let fast = FastYAML.parse(text, file: file) { return (fast, []) }
        return parseWithYams(text, file: file)
    }

    /// Parses a project's YAML file (properties, the project file, packages.yml, selectors.yml)
    /// as dbt reads it: without the whitespace at its end, which dbt strips from every file it
    /// loads, so a block scalar (`description: >`) ending the file has no final newline. (dbt
    /// strips the start too; that only moves the first line, and keeping it keeps line numbers.)
    public static func parseFile(_ text: String, file: String) -> (value: YAMLValue?, diagnostics: [Diagnostic]) {
        var end = text.utf8.endIndex
        while end > text.utf8.startIndex {
            let before = text.utf8.index(before: end)
            let b = text.utf8[before]
            guard b == 32 || (9...13).contains(b) else { break }
            end = before
        }
        if end == text.utf8.endIndex { return parse(text, file: file) }
        return parse(String(text[..<end]), file: file)
    }

    /// The full path: Yams (libyaml) plus the conversion below. Handles all of YAML.
    static func parseWithYams(_ text: String, file: String) -> (value: YAMLValue?, diagnostics: [Diagnostic]) {
        if let deep = deepNesting(text) {
            let span = SourceSpan(file: file, line: deep, column: 1)
            return (nil, [.error("YAML nests deeper than \(maxDepth) levels", at: span, in: text)])
        }
        var source = text
        var shifts: [Shift] = []
        var attempts = 0
        while true {
            do {
                guard let node = try Yams.compose(yaml: source, .basic, .default, .utf8) else { return (nil, []) }
                var converter = Converter(file: file, text: text, shifts: shifts,
                                          budget: 10 * text.utf8.count + 10_000)
                do {
                    let value = try converter.convert(node)
                    return (value, converter.diagnostics)
                } catch let failure as Failure {
                    return (nil, converter.diagnostics + [failure.diagnostic])
                }
            } catch let YamlError.duplicatedKeysInMapping(_, context) {
                attempts += 1
                guard attempts <= 500,
                      let marked = markDuplicate(source, line: context.mark.line, column: context.mark.column,
                                                 tag: duplicateTag(attempts)) else {
                    let span = original(context.mark, shifts, file)
                    return (nil, [.error("too many repeated keys in one YAML file", at: span, in: text)])
                }
                for i in shifts.indices where shifts[i].line == context.mark.line && shifts[i].column >= context.mark.column {
                    shifts[i].column += duplicateTagWidth
                }
                shifts.append(Shift(line: context.mark.line, column: context.mark.column))
                source = marked
            } catch {
                return (nil, [syntaxError(error, file: file, text: text, shifts: shifts)])
            }
        }
    }

    static let maxDepth = 1000

    // MARK: Repeated keys

    /// Yams throws on a repeated mapping key, naming the first occurrence. PyYAML (and so dbt)
    /// keeps the last value instead. To get the tree anyway, the first occurrence is given a
    /// private tag in a copy of the text (which makes it a distinct key to Yams), and the
    /// document is parsed again; the converter treats tagged keys as ordinary ones and applies
    /// "later wins" with a warning. `Shift`s map places in the copy back to the original.
    /// The n-th tag: distinct each time, so that three occurrences of a key become three keys.
    static func duplicateTag(_ n: Int) -> String {
        let digits = String(n)
        return "!flowc-dup-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + " "
    }

    /// Width of every `duplicateTag(n)` for n < 10000, in Unicode scalars.
    static let duplicateTagWidth = 16

    struct Shift {
        var line: Int
        var column: Int
    }

    /// `source` with `tag` inserted at line:column (1-based, Unicode scalars).
    static func markDuplicate(_ source: String, line: Int, column: Int, tag: String) -> String? {
        let scalars = source.unicodeScalars
        var i = scalars.startIndex
        var currentLine = 1
        while currentLine < line {
            guard i != scalars.endIndex else { return nil }
            if scalars[i] == "\n" { currentLine += 1 }
            i = scalars.index(after: i)
        }
        var col = 1
        while col < column {
            guard i != scalars.endIndex, scalars[i] != "\n" else { return nil }
            i = scalars.index(after: i)
            col += 1
        }
        var out = String(source[source.startIndex..<i])
        out += tag
        out += source[i...]
        return out
    }

    /// A place in the (possibly marked) parsed text → the place in the file as written.
    static func original(_ mark: Mark, _ shifts: [Shift], _ file: String) -> SourceSpan {
        var column = mark.column
        let width = duplicateTagWidth
        for shift in shifts where shift.line == mark.line && shift.column + width <= mark.column {
            column -= width
        }
        return SourceSpan(file: file, line: mark.line, column: column)
    }

    // MARK: Errors

    static func syntaxError(_ error: Error, file: String, text: String, shifts: [Shift]) -> Diagnostic {
        guard let yamlError = error as? YamlError else {
            return .error("invalid YAML: \(error)", at: .start(of: file), in: text)
        }
        func describe(_ context: YamlError.Context?, _ problem: String, _ mark: Mark) -> Diagnostic {
            var message = "invalid YAML: \(problem)"
            if let context {
                let at = original(context.mark, shifts, file)
                message += " (\(context.text) at line \(at.line), column \(at.column))"
            }
            return .error(message, at: original(mark, shifts, file), in: text, hint: hint(for: problem))
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _): return describe(context, problem, mark)
        case let .parser(context, problem, mark, _): return describe(context, problem, mark)
        case let .composer(context, problem, mark, _): return describe(context, problem, mark)
        case let .reader(problem, offset, _, _):
            var span = SourceSpan.start(of: file)
            if let offset {
                let prefix = text.prefix(max(0, offset))
                var line = 1
                var column = 1
                for ch in prefix.unicodeScalars {
                    if ch == "\n" { line += 1; column = 1 } else { column += 1 }
                }
                span = SourceSpan(file: file, line: line, column: column)
            }
            return .error("invalid YAML: \(problem)", at: span, in: text)
        default:
            return .error("invalid YAML: \(yamlError)", at: .start(of: file), in: text)
        }
    }

    static func hint(for problem: String) -> String? {
        if problem.contains("tab") {
            return "YAML indents with spaces only"
        }
        if problem.contains("mapping values are not allowed") {
            return "a value containing ': ' must be quoted"
        }
        if problem.contains("found character that cannot start any token") {
            return "values starting with '{', '[', '@', '`', '%' or '|' must be quoted (e.g. \"{{ var('x') }}\")"
        }
        return nil
    }

    /// Line where nesting may exceed `maxDepth`, by a cheap upper bound (indentation, plus the
    /// block indicators `- `, `? `, `: ` on the line, plus open flow brackets), or nil when the
    /// text is safely shallow.
    static func deepNesting(_ text: String) -> Int? {
        var line = 1
        var flow = 0
        var lineBound = 0
        var atIndent = true
        var previous: UInt8 = 10
        for byte in text.utf8 {
            switch byte {
            case 10, 32:
                if previous == UInt8(ascii: "-") || previous == UInt8(ascii: "?") || previous == UInt8(ascii: ":") {
                    lineBound += 1
                }
                if byte == 10 {
                    line += 1
                    lineBound = 0
                    atIndent = true
                } else if atIndent {
                    lineBound += 1
                }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow += 1
                atIndent = false
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flow = max(0, flow - 1)
                atIndent = false
            default:
                atIndent = false
            }
            previous = byte
            if lineBound + flow > maxDepth { return line }
        }
        return nil
    }

    // MARK: Conversion

    struct Failure: Error {
        var diagnostic: Diagnostic
    }

    struct Converter {
        let file: String
        let text: String
        let shifts: [Shift]
        var budget: Int
        var diagnostics: [Diagnostic] = []

        init(file: String, text: String, shifts: [Shift], budget: Int) {
            self.file = file
            self.text = text
            self.shifts = shifts
            self.budget = budget
        }

        func span(_ mark: Mark?) -> SourceSpan {
            guard let mark else { return .start(of: file) }
            if shifts.isEmpty { return SourceSpan(file: file, line: mark.line, column: mark.column) }
            return YAMLReader.original(mark, shifts, file)
        }

        func fail(_ message: String, _ span: SourceSpan, hint: String? = nil) -> Failure {
            Failure(diagnostic: .error(message, at: span, in: text, hint: hint))
        }

        mutating func convert(_ node: Node) throws -> YAMLValue {
            budget -= 1
            if budget < 0 {
                throw fail("YAML aliases expand to too many values", span(node.mark))
            }
            switch node {
            case .scalar(let scalar):
                return try convertScalar(scalar)
            case .sequence(let sequence):
                try checkCollectionTag(sequence.tag.description, span(sequence.mark))
                var items: [YAMLValue] = []
                items.reserveCapacity(sequence.count)
                for item in sequence { items.append(try convert(item)) }
                return .list(items, span(sequence.mark))
            case .mapping(let mapping):
                try checkCollectionTag(mapping.tag.description, span(mapping.mark))
                return try convertMapping(mapping)
            case .alias(let alias):
                throw fail("unsupported YAML alias", span(alias.mark))
            }
        }

        func checkCollectionTag(_ tag: String, _ at: SourceSpan) throws {
            if tag.isEmpty || tag == "!" || tag.hasPrefix("tag:yaml.org,2002:") { return }
            throw fail("unknown YAML tag '\(tag)'", at, hint: "dbt reads YAML with PyYAML's safe loader, which accepts only standard tags")
        }

        func convertScalar(_ scalar: Node.Scalar) throws -> YAMLValue {
            let at = span(scalar.mark)
            let tag = scalar.tag.description
            let isPlain = scalar.style == .plain || scalar.style == .any
            switch tag {
            case "":
                return isPlain ? YAMLScalar.resolve(scalar.string, at) : .string(scalar.string, at)
            case "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary":
                return .string(scalar.string, at)
            case "tag:yaml.org,2002:null":
                return .null(at)
            case "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
                let resolved = YAMLScalar.resolve(scalar.string, at)
                switch (tag, resolved) {
                case ("tag:yaml.org,2002:bool", .bool), ("tag:yaml.org,2002:int", .int),
                     ("tag:yaml.org,2002:float", .double):
                    return resolved
                case ("tag:yaml.org,2002:float", .int(let i, _)):
                    return .double(Double(i), at)
                default:
                    throw fail("'\(scalar.string)' is not a valid \(tag.dropFirst("tag:yaml.org,2002:".count))", at)
                }
            default:
                if tag.hasPrefix("tag:yaml.org,2002:") { return .string(scalar.string, at) }
                if tag.hasPrefix("!flowc-dup-") {
                    return isPlain ? YAMLScalar.resolve(scalar.string, at) : .string(scalar.string, at)
                }
                throw fail("unknown YAML tag '\(tag)'", at,
                           hint: "dbt reads YAML with PyYAML's safe loader, which accepts only standard tags")
            }
        }

        /// Keys become strings as written; a repeated key keeps its first position and its last
        /// value (a Python dict); `<<` merges mappings whose keys the mapping does not set itself.
        mutating func convertMapping(_ mapping: Node.Mapping) throws -> YAMLValue {
            var entries: [YAMLValue.Entry] = []
            entries.reserveCapacity(mapping.count)
            var index: [String: Int] = [:]
            var merged: [YAMLValue.Entry] = []
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else {
                    throw fail("a mapping key must be a plain value, not a list or mapping", span(keyNode.mark))
                }
                let keySpan = span(keyScalar.mark)
                let value = try convert(valueNode)
                let isPlain = keyScalar.style == .plain || keyScalar.style == .any
                if isPlain && keyScalar.string == "<<" {
                    merged.append(contentsOf: try mergeEntries(value))
                    continue
                }
                let key = keyScalar.string
                if let i = index[key], i < entries.count {
                    let first = entries[i].keySpan
                    diagnostics.append(.warning(
                        "key '\(key)' repeats the one at line \(first.line); this later value is used",
                        at: keySpan, in: text))
                    entries[i].value = value
                } else {
                    index[key] = entries.count
                    entries.append((key: key, keySpan: keySpan, value: value))
                }
            }
            if !merged.isEmpty {
                // Merged keys come first (as PyYAML builds the dict), explicit keys win.
                var result: [YAMLValue.Entry] = []
                var seen: [String: Int] = [:]
                for entry in merged where seen[entry.key] == nil {
                    seen[entry.key] = result.count
                    result.append(entry)
                }
                for entry in entries {
                    if let i = seen[entry.key], i < result.count {
                        result[i].value = entry.value
                    } else {
                        seen[entry.key] = result.count
                        result.append(entry)
                    }
                }
                entries = result
            }
            return .map(entries, span(mapping.mark))
        }

        /// The entries a `<<` value contributes: a mapping, or a list of mappings where earlier
        /// ones win.
        func mergeEntries(_ value: YAMLValue) throws -> [YAMLValue.Entry] {
            switch value {
            case .map(let entries, _):
                return entries
            case .list(let items, _):
                var out: [YAMLValue.Entry] = []
                for item in items {
                    guard case .map(let entries, _) = item else {
                        throw fail("a merge key '<<' takes a mapping or a list of mappings", item.span)
                    }
                    out.append(contentsOf: entries)
                }
                return out
            default:
                throw fail("a merge key '<<' takes a mapping or a list of mappings", value.span)
            }
        }
    }
}
