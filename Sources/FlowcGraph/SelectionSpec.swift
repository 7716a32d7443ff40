// The parsed form of node selection: one `SelectionCriteria` per `method:value` with its graph
// operators, combined by set operations into a `SelectionSpec` tree. `Selector` parses the
// `--select` / `--exclude` strings of the CLI into that tree; `SelectorDefinition` (in
// SelectorYAML.swift) parses selectors.yml into the same tree.

/// How tests are pulled in when the nodes they test are selected (dbt's `--indirect-selection`).
public enum IndirectSelection: String, Sendable, CaseIterable, Equatable {
    /// A test is selected when any node it depends on is selected (dbt's default).
    case eager
    /// A test is selected only when every node it depends on is selected.
    case cautious
    /// Like cautious, but a parent may also be an ancestor of the selection (or a source).
    case buildable
    /// No test is selected indirectly.
    case empty
}

/// The selector methods of dbt 1.11 (`method:value`), plus `selector` (a named YAML selector).
public enum SelectionMethod: String, Sendable, CaseIterable, Equatable {
    case fqn, tag, group, access, source, path, file, package, config
    case testName = "test_name"
    case testType = "test_type"
    case resourceType = "resource_type"
    case state, exposure, metric, result
    case sourceStatus = "source_status"
    case version
    case semanticModel = "semantic_model"
    case savedQuery = "saved_query"
    case unitTest = "unit_test"
    case selector
}

/// One selection criterion: `[@][N+]method[.args]:value[+N]`.
public struct SelectionCriteria: Sendable, Equatable {
    /// The text it was parsed from (for messages).
    public var raw: String
    public var method: SelectionMethod
    /// Dotted method arguments: `config.meta.owner:x` → ["meta", "owner"].
    public var methodArguments: [String]
    public var value: String
    /// `@`: the selected nodes, their descendants and all ancestors of those descendants.
    public var childrensParents: Bool
    /// `+x` / `N+x`: ancestors, up to `parentsDepth` edges away (nil: all).
    public var parents: Bool
    public var parentsDepth: Int?
    /// `x+` / `x+N`: descendants, up to `childrenDepth` edges away (nil: all).
    public var children: Bool
    public var childrenDepth: Int?
    /// Indirect selection for this criterion; nil takes the invocation's mode.
    public var indirectSelection: IndirectSelection?

    public init(
        raw: String, method: SelectionMethod, methodArguments: [String] = [], value: String,
        childrensParents: Bool = false, parents: Bool = false, parentsDepth: Int? = nil,
        children: Bool = false, childrenDepth: Int? = nil,
        indirectSelection: IndirectSelection? = nil
    ) {
        self.raw = raw
        self.method = method
        self.methodArguments = methodArguments
        self.value = value
        self.childrensParents = childrensParents
        self.parents = parents
        self.parentsDepth = parentsDepth
        self.children = children
        self.childrenDepth = childrenDepth
        self.indirectSelection = indirectSelection
    }
}

/// A selection: criteria combined by set operations.
public indirect enum SelectionSpec: Sendable, Equatable {
    case criteria(SelectionCriteria)
    /// Space-separated elements, several `--select` values, YAML `union:`.
    case union([SelectionSpec])
    /// Comma-joined elements, YAML `intersection:`.
    case intersection([SelectionSpec])
    /// `--select … --exclude …`, YAML `exclude:`; the excluded side's tests go with it.
    case difference(include: SelectionSpec, exclude: SelectionSpec)
    /// The complete selection of another named selector (`selector:name`, `method: selector`).
    case selector(String)
}

/// The parsed `--select` (or `--exclude`) values of one invocation.
public struct Selector: Sendable, Equatable {
    public var spec: SelectionSpec

    public init(spec: SelectionSpec) { self.spec = spec }

    /// Parses CLI selection values: each value is split on whitespace into a union, each part
    /// on commas into an intersection of criteria. `--exclude` parses the same way and, as in
    /// dbt 1.11, pulls in tests with the invocation's indirect-selection mode too.
    public init(parsing values: [String]) throws {
        var union: [SelectionSpec] = []
        for value in values {
            for part in value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
                let text = String(part)
                let pieces = text.split(separator: ",", omittingEmptySubsequences: false)
                var intersection: [SelectionSpec] = []
                // an empty element ('tag:a,') is an empty fqn value, which matches nothing (dbt)
                for piece in pieces {
                    intersection.append(try SelectionParser.parseElement(String(piece)))
                }
                union.append(intersection.count == 1 ? intersection[0] : .intersection(intersection))
            }
        }
        self.spec = .union(union)
    }
}
