// Parsing YAML given on the command line or by other stages (`--vars`, `fromyaml`), with the
// same scalar rules as project files.

public enum YAMLText {
    /// The value of a YAML document; errors carry the place inside `text`.
    public static func parse(_ text: String, file: String) throws -> YAMLValue? {
        let (value, diagnostics) = YAMLReader.parse(text, file: file)
        if diagnostics.contains(where: \.isError) { throw ProjectErrors(diagnostics) }
        return value
    }
}
