// Parsing YAML given on the command line or by other stages (`--vars`, `fromyaml`), with the
// same scalar rules as project files.

public enum YAMLText {
    /// The value of a YAML document; errors carry the place inside `text`.
    public static func parse(_ text: String, file: String) throws -> YAMLValue? {
        // The fast path nests at most 200 levels, fine on any stack; the full path recurses
        // deeper, so it runs on a worker's large stack.
        if let fast = FastYAML.parse(text, file: file) { return fast }
        let result = Parallel.run { YAMLReader.parseWithYams(text, file: file) }
        let diagnostics = result?.diagnostics ?? []
        if diagnostics.contains(where: \.isError) { throw ProjectErrors(diagnostics) }
        return result?.value
    }
}
