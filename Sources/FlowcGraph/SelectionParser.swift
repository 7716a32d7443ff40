// Parses one selection element, `[@][N+][method[.args]:]value[+N]`, into a criterion, as dbt
// 1.11's selector pattern reads it. What dbt rejects is rejected here (an unknown method, '@'
// with a trailing '+', a value outside resource_type's, test_type's or version's vocabulary);
// what dbt reads as a criterion matching nothing stays one, so the caller warns that it matches
// no node, as dbt does: an empty value ('+', '1+', '@', 'tag:', 'fqn:', the empty element of
// 'tag:a,'), a depth with no name ('2+3' is the parents of a node named '3'), or `config:` without
// a key. Without a method dbt picks one from the value: `path` when it contains a '/', `file`
// when it ends in .sql, .py or .csv, otherwise `fqn` (a bare directory name such as `seeds` is
// an fqn value too, as in dbt 1.11: write `seeds/` or `path:seeds` for the directory).

enum SelectionParser {
    /// Resource types `resource_type:` accepts (dbt's node types).
    static let resourceTypes: [String] = [
        "model", "analysis", "test", "snapshot", "operation", "seed", "rpc", "sql_operation",
        "doc", "source", "macro", "exposure", "metric", "group", "saved_query", "semantic_model",
        "unit_test", "fixture", "function",
    ]
    static let versionSelectors: [String] = ["latest", "prerelease", "old", "none"]

    /// Parses one element (no spaces, no commas).
    static func parseElement(_ text: String) throws -> SelectionSpec {
        let chars = Array(text.unicodeScalars)
        var i = 0
        var childrensParents = false
        if i < chars.count, chars[i] == "@" {
            childrensParents = true
            i += 1
        }
        // Leading `N+` / `+`.
        var parents = false
        var parentsDepth: Int? = nil
        var j = i
        while j < chars.count, isDigit(chars[j]) { j += 1 }
        if j < chars.count, chars[j] == "+" {
            parents = true
            if j > i { parentsDepth = try depth(chars[i..<j], text: text) }
            i = j + 1
        }
        // `method[.args]:` prefix.
        var methodText: String? = nil
        var k = i
        while k < chars.count, isWordOrDot(chars[k]) { k += 1 }
        if k > i, k < chars.count, chars[k] == ":" {
            methodText = String(String.UnicodeScalarView(chars[i..<k]))
            i = k + 1
        }
        // Trailing `+N` / `+`: the first '+' followed only by digits.
        var end = chars.count
        var children = false
        var childrenDepth: Int? = nil
        var p = i
        while p < chars.count {
            if chars[p] == "+", chars[(p + 1)...].allSatisfy(isDigit) {
                children = true
                end = p
                if p + 1 < chars.count { childrenDepth = try depth(chars[(p + 1)...], text: text) }
                break
            }
            p += 1
        }
        let value = String(String.UnicodeScalarView(chars[i..<end]))
        let hasOperator = childrensParents || parents || children

        guard let methodText else {
            let criteria = SelectionCriteria(
                raw: text, method: defaultMethod(for: value), value: value,
                childrensParents: childrensParents, parents: parents, parentsDepth: parentsDepth,
                children: children, childrenDepth: childrenDepth)
            try validate(criteria)
            return .criteria(criteria)
        }
        let parts = methodText.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let name = parts[0]
        guard let method = SelectionMethod(rawValue: name) else {
            throw SelectionError.unknownMethod(text: text, method: name)
        }
        let criteria = SelectionCriteria(
            raw: text, method: method, methodArguments: Array(parts.dropFirst()), value: value,
            childrensParents: childrensParents, parents: parents, parentsDepth: parentsDepth,
            children: children, childrenDepth: childrenDepth)
        if method == .selector {
            if hasOperator {
                throw SelectionError.invalidSyntax(
                    text: text, reason: "graph operators cannot be applied to a selector reference",
                    hint: "put the operators inside the selector's definition (parents: true, children: true)")
            }
            return .selector(value)
        }
        try validate(criteria)
        return .criteria(criteria)
    }

    /// Checks a criterion's graph operators, and its value where the method has a fixed
    /// vocabulary. Shared by the CLI parser and the YAML selector parser.
    static func validate(_ c: SelectionCriteria) throws {
        let text = c.raw
        if c.childrensParents && c.children {
            // dbt: '@' already takes every descendant ('@+x', the parents of x too, is fine)
            throw SelectionError.invalidSyntax(
                text: text, reason: "the '@' prefix and the '+' suffix cannot be combined",
                hint: "'@x' already selects x, its descendants and their ancestors; write '@\(c.value)'")
        }
        switch c.method {
        case .resourceType:
            if !resourceTypes.contains(c.value) {
                throw SelectionError.invalidSyntax(
                    text: text, reason: "'\(c.value)' is not a resource type",
                    hint: "use one of " + resourceTypes.joined(separator: ", "))
            }
        case .testType:
            if testTypeCategory(c.value) == nil {
                throw SelectionError.invalidSyntax(
                    text: text, reason: "'\(c.value)' is not a test type",
                    hint: "use one of generic, singular, data (generic and singular) or unit")
            }
        case .version:
            if !versionSelectors.contains(c.value) {
                throw SelectionError.invalidSyntax(
                    text: text, reason: "'\(c.value)' is not a version selector",
                    hint: "use one of latest, prerelease, old or none")
            }
        case .source:
            if c.value.split(separator: ".", omittingEmptySubsequences: false).count > 3 {
                throw SelectionError.invalidSyntax(
                    text: text, reason: "a source selector has at most three dotted parts",
                    hint: "write 'source:<source>', 'source:<source>.<table>' or 'source:<package>.<source>.<table>'")
            }
        default:
            break
        }
    }

    /// The tests `test_type:<value>` selects: "generic", "data" (generic and singular),
    /// "singular" or "unit"; nil for a value dbt rejects. dbt tests `value in ("data")`, which
    /// is a substring test on the string "data" (likewise "singular", "unit"): so an empty
    /// value selects every data test, and "sing" the singular ones. Kept for compatibility.
    static func testTypeCategory(_ value: String) -> String? {
        if value == "generic" || value == "schema" { return "generic" }
        if value.isEmpty || "data".contains(value) { return "data" }
        if "singular".contains(value) { return "singular" }
        if "unit".contains(value) { return "unit" }
        return nil
    }

    /// dbt's choice of method for a value written without one.
    static func defaultMethod(for value: String) -> SelectionMethod {
        if value.contains("/") || value.contains("\\") { return .path }
        let lower = value.lowercased()
        if lower.hasSuffix(".sql") || lower.hasSuffix(".py") || lower.hasSuffix(".csv") { return .file }
        return .fqn
    }

    private static func depth<C: Collection>(_ digits: C, text: String) throws -> Int where C.Element == Unicode.Scalar {
        let s = String(String.UnicodeScalarView(digits))
        guard let n = Int(s) else {
            throw SelectionError.invalidSyntax(
                text: text, reason: "depth '\(s)' is too large", hint: "leave the number out to follow every generation")
        }
        return n
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    /// Python's `[\w.]` in a method name: letters, digits, underscore and dots.
    static func isWordOrDot(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c == "." || c.properties.isAlphabetic || c.properties.numericType != nil
    }
}
