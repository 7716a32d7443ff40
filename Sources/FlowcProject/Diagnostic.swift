// Diagnostics: what the loaders report about a project, with the place and (when the file's
// text was at hand) the offending line, rendered like a compiler message:
//   models/schema.yml:4:5: error: 'models' entry has no 'name'
//       - description: orders
//       ^
//   hint: every model entry needs `name: <model file name without .sql>`

public struct Diagnostic: Error, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning, note
    }

    public var severity: Severity
    public var message: String
    public var span: SourceSpan?
    public var hint: String?
    /// The dbt event a warning is (`MissingArgumentsPropertyInGenericTestDeprecation`), for
    /// warn_error_options naming it; nil for warnings dbt has no event for.
    public var event: String?
    /// The text of the line `span` points into, for the caret snippet (nil when unknown). A
    /// long line (generated SQL, a minified file) is kept as the part around the column, marked
    /// with "…": thousands of findings on one such line each held and printed all of it.
    public var sourceLine: String? {
        get { shownLine }
        set { (shownLine, lineSkipped) = Self.excerpt(newValue, column: span?.column ?? 1) }
    }

    /// Sets `sourceLine` from a line known to be ASCII, so a long one is cut by byte offsets
    /// without counting its characters (each finding on a generated line would walk it).
    public mutating func setSourceLine(ascii line: String) {
        (shownLine, lineSkipped) = Self.cut(line.utf8, column: span?.column ?? 1) { String(decoding: $0, as: UTF8.self) }
    }
    private var shownLine: String?
    /// Characters of the line left out before `shownLine`, less the "…" that replaces them.
    private var lineSkipped = 0

    public init(_ severity: Severity, _ message: String, span: SourceSpan? = nil,
                hint: String? = nil, sourceLine: String? = nil) {
        self.severity = severity
        self.message = message
        self.span = span
        self.hint = hint
        self.sourceLine = sourceLine
    }

    public static let longestShownLine = 240

    /// The part of `line` around 1-based `column` when the line is longer than
    /// `longestShownLine` characters, with how many characters before it were replaced by "…".
    static func excerpt(_ line: String?, column: Int) -> (String?, Int) {
        guard let line else { return (nil, 0) }
        guard line.utf8.count > longestShownLine else { return (line, 0) }
        return cut(line.unicodeScalars, column: column) { String($0) }
    }

    /// `longestShownLine` units of `units` (a line's characters, or its bytes when it is ASCII)
    /// from 80 before `column` on, each cut end marked "…", and how many characters before the
    /// part the leading "…" stands for; a line that fits is kept whole.
    private static func cut<C: Collection>(_ units: C, column: Int, _ text: (C.SubSequence) -> String) -> (String, Int) {
        let count = units.count
        guard count > longestShownLine else { return (text(units[...]), 0) }
        let first = max(0, min(column - 1 - 80, count - longestShownLine))
        let from = units.index(units.startIndex, offsetBy: first)
        let to = units.index(from, offsetBy: longestShownLine)
        let shown = text(units[from..<to]) + (to < units.endIndex ? "…" : "")
        return first > 0 ? ("…" + shown, first - 1) : (shown, 0)
    }

    /// An error-severity diagnostic whose snippet line is taken from `text` (the file's contents).
    static func error(_ message: String, at span: SourceSpan?, in text: String?, hint: String? = nil) -> Diagnostic {
        make(.error, message, at: span, in: text, hint: hint)
    }

    static func warning(_ message: String, at span: SourceSpan?, in text: String?, hint: String? = nil) -> Diagnostic {
        make(.warning, message, at: span, in: text, hint: hint)
    }

    static func make(_ severity: Severity, _ message: String, at span: SourceSpan?, in text: String?,
                     hint: String?) -> Diagnostic {
        var line: String?
        if let span, let text { line = lineText(text, span.line) }
        return Diagnostic(severity, message, span: span, hint: hint, sourceLine: line)
    }

    public var isError: Bool { severity == .error }

    /// `file:line:col: severity: message`, then the source line and a caret, then the hint.
    public var description: String {
        var out = ""
        if let span { out += "\(span): " }
        out += "\(severity.rawValue): \(message)"
        if let span, let sourceLine {
            out += "\n    \(sourceLine)\n    "
            var col = 1
            let caret = span.column - lineSkipped
            for ch in sourceLine.unicodeScalars where col < caret {
                out += ch == "\t" ? "\t" : " "
                col += 1
            }
            out += "^"
        }
        if let hint { out += "\nhint: \(hint)" }
        return out
    }
}

/// The error thrown by `ProjectLoader.load` and `ProfileLoader.load`: every diagnostic collected
/// (errors first in file order, then warnings and notes), so a caller can print them all at once.
public struct ProjectErrors: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// The text of 1-based line `line` of `text` without its newline, or nil past the end.
func lineText(_ text: String, _ line: Int) -> String? {
    guard line >= 1 else { return nil }
    let utf8 = text.utf8
    var current = 1
    var start = utf8.startIndex
    if line > 1 {
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let byte = utf8[i]
            i = utf8.index(after: i)
            if byte == 10 {
                current += 1
                if current == line {
                    start = i
                    break
                }
            }
        }
        guard current == line else { return nil }
    }
    var end = start
    while end != utf8.endIndex, utf8[end] != 10, utf8[end] != 13 { end = utf8.index(after: end) }
    return String(text[start..<end])
}
