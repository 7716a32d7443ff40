// Errors a template can raise, with the place they happened and a compiler-style rendering:
//   models/a.sql:3:8: error: expected 'endif' to close 'if' opened at models/a.sql:1:1
//     {% for x in y %}
//        ^

public struct SourceLocation: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
    public var description: String { "\(file):\(line):\(column)" }
}

public struct TemplateError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        case syntax = "TemplateSyntaxError"
        case undefined = "UndefinedError"
        case type = "TypeError"
        case value = "ValueError"
        case zeroDivision = "ZeroDivisionError"
        case security = "SecurityError"
        case runtime = "TemplateRuntimeError"
        case overflow = "OverflowError"
        case key = "KeyError"
        case index = "IndexError"
        case attribute = "AttributeError"
        /// Raised on purpose by the host (dbt's `exceptions.raise_compiler_error`).
        case host = "HostError"
    }

    public var kind: Kind
    public var message: String
    public var location: SourceLocation?
    /// The source line the location points into, for the caret snippet.
    public var sourceLine: String?
    public var hint: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    /// `file:line:col: error: message` followed by the line and a caret, and the hint.
    public var description: String {
        var out = ""
        if let location { out += "\(location): " }
        out += "error: \(message)"
        if let sourceLine, let location {
            out += "\n    \(sourceLine)\n    "
            var col = 1
            for ch in sourceLine where col < location.column {
                out += ch == "\t" ? "\t" : " "
                col += 1
            }
            out += "^"
        }
        if let hint { out += "\nhint: \(hint)" }
        return out
    }
}

/// Thrown by a host's `return(value)` to end the innermost macro call with that value (dbt).
/// `Error` demands Sendable; this one is thrown and caught within one render on one thread,
/// so the non-Sendable value never crosses threads.
public struct MacroReturn: Error, @unchecked Sendable, CustomStringConvertible {
    public let value: Value
    public init(_ value: Value) { self.value = value }
    /// A return() no macro caught (inside a top-level call block) says its value, as dbt's
    /// error does, not this type's name.
    public var description: String { value.stringValue ?? value.pythonRepr }
}
