// A place in a project file: the file (relative to the project root, "/" separators) and a
// 1-based line and column. Every YAML value, key and diagnostic carries one.

public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    /// File path relative to the project root, e.g. "models/staging/_sources.yml".
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars (as libyaml counts them).
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The start of a file: used for whole-file diagnostics and synthesized values.
    public static func start(of file: String) -> SourceSpan {
        SourceSpan(file: file, line: 1, column: 1)
    }

    /// `file:line:column`
    public var description: String { "\(file):\(line):\(column)" }
}
