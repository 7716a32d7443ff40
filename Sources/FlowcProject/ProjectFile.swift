// One file of a project found by discovery: where it is, what it is for, and its text.

public struct ProjectFile: Sendable {
    /// What a file is, by the project path it sits under and its extension.
    public enum Kind: String, Sendable, CaseIterable {
        /// `.sql` under a model path.
        case model
        /// `.py` under a model path: a dbt Python model, which flowc reports and leaves out.
        case pythonModel
        /// `.csv` under a seed path.
        case seed
        /// `.sql` under a macro path.
        case macro
        /// `.sql` under a test path, outside `generic/`.
        case singularTest
        /// `.sql` under `<test path>/generic/`: `{% test %}` definitions.
        case genericTestDefinition
        /// `.csv`/`.sql` under `<test path>/fixtures/`: unit-test fixtures.
        case fixture
        /// `.sql` under a snapshot path.
        case snapshot
        /// `.sql` under an analysis path.
        case analysis
        /// `.yml`/`.yaml` under a model, seed, macro, test, snapshot or analysis path.
        case properties
        /// `.md` under a docs path: `{% docs %}` blocks.
        case docs
    }

    /// Relative to the project root, with "/" separators, e.g. "models/staging/stg_orders.sql".
    public var path: String
    public var absolutePath: String
    public var text: String
    public var kind: Kind

    public init(path: String, absolutePath: String, text: String, kind: Kind) {
        self.path = path
        self.absolutePath = absolutePath
        self.text = text
        self.kind = kind
    }

    /// The file name without directory and extension: a model's, seed's or snapshot file's
    /// default node name ("stg_orders").
    public var name: String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    /// The extension without its dot, lowercased ("sql", "yml", "csv", "md").
    public var fileExtension: String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: ".") else { return "" }
        return String(file[file.index(after: dot)...]).lowercased()
    }
}
