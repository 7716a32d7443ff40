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
    /// The text of the line `span` points into, for the caret snippet (nil when unknown).
    public var sourceLine: String?

    public init(_ severity: Severity, _ message: String, span: SourceSpan? = nil,
                hint: String? = nil, sourceLine: String? = nil) {
        self.severity = severity
        self.message = message
        self.span = span
        self.hint = hint
        self.sourceLine = sourceLine
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
            for ch in sourceLine.unicodeScalars where col < span.column {
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
