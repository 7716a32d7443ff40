// Evaluates a selection the way dbt 1.11 does. Each criterion first matches nodes by its method,
// then grows by its graph operators, then pulls in tests indirectly. Every step yields two sets:
// `direct` (selected) and `indirect` (tests that touch the selection but were held back by
// cautious/buildable mode). Set operations combine both sets component-wise, and after each one
// the held-back tests are reconsidered against the combined selection ("incorporation"): this is
// how `--select a b --indirect-selection cautious` selects a relationships test between a and b.
//
// `--exclude` pulls in tests with the same mode as `--select` (dbt 1.11): in eager mode a test
// goes as soon as any node it tests is excluded; in cautious or buildable mode a test that also
// tests a node still selected stays; in empty mode excluding a model leaves its tests.
//
// The command's resource types filter the final set only, so `dbt run --select +fct` may
// traverse sources and seeds without selecting them.

public enum NodeSelection {
    /// dbt semantics: `select` (nil or empty = every node, or the selector marked
    /// `default: true` when neither select nor exclude is given), `exclude`, `selectorName`
    /// (`--selector`, which takes precedence over select/exclude), `resourceTypes` (the
    /// command's, nil = all), `indirectSelection` (`--indirect-selection`). Returns the selected
    /// unique ids sorted. A selection matching nothing returns [] (the caller warns).
    public static func select(
        _ graph: SelectionGraph, select: [String]?, exclude: [String]?,
        selectors: [String: SelectorDefinition] = [:], selectorName: String? = nil,
        resourceTypes: Set<String>? = nil, indirectSelection: IndirectSelection = .eager
    ) throws -> [String] {
        let spec = try selectionSpec(select: select, exclude: exclude, selectors: selectors, selectorName: selectorName)
        return try evaluate(graph, spec: spec, selectors: selectors, resourceTypes: resourceTypes, indirectSelection: indirectSelection)
    }

    /// The spec an invocation selects with: `--selector`, else the default selector when no
    /// select/exclude is given, else `select` minus `exclude`.
    public static func selectionSpec(
        select: [String]?, exclude: [String]?, selectors: [String: SelectorDefinition] = [:],
        selectorName: String? = nil
    ) throws -> SelectionSpec {
        if let selectorName {
            guard selectors[selectorName] != nil else {
                throw SelectionError.unknownSelector(name: selectorName, known: Array(selectors.keys))
            }
            return .selector(selectorName)
        }
        let noSelect = select?.isEmpty ?? true
        let noExclude = exclude?.isEmpty ?? true
        if noSelect && noExclude, let name = try SelectorDefinition.defaultSelectorName(in: selectors) {
            return .selector(name)
        }
        let include = noSelect ? defaultIncludes : try Selector(parsing: select ?? []).spec
        guard let exclude, !noExclude else { return include }
        return .difference(include: include, exclude: try Selector(parsing: exclude).spec)
    }

    /// Evaluates a parsed spec; see `select`.
    public static func evaluate(
        _ graph: SelectionGraph, spec: SelectionSpec, selectors: [String: SelectorDefinition] = [:],
        resourceTypes: Set<String>? = nil, indirectSelection: IndirectSelection = .eager
    ) throws -> [String] {
        var evaluator = SelectionEvaluator(graph: graph, selectors: selectors, mode: indirectSelection)
        let result = try evaluator.evaluate(spec)
        return result.direct.filter { id in
            guard let node = graph.nodes[id] else { return false }
            return resourceTypes?.contains(node.resourceType) ?? true
        }.sorted()
    }

    /// What an invocation without `--select` starts from: every resource.
    static let defaultIncludes: SelectionSpec = .union(
        [SelectionMethod.fqn, .source, .exposure, .metric, .semanticModel, .savedQuery, .unitTest].map {
            .criteria(SelectionCriteria(raw: "\($0.rawValue):*", method: $0, value: "*"))
        })
}

struct SelectionEvaluator {
    struct Result {
        var direct: Set<String>
        var indirect: Set<String>
    }

    let graph: SelectionGraph
    let selectors: [String: SelectorDefinition]
    let mode: IndirectSelection
    /// Named selectors being evaluated, innermost last (to report reference cycles).
    var resolving: [String] = []

    init(graph: SelectionGraph, selectors: [String: SelectorDefinition], mode: IndirectSelection) {
        self.graph = graph
        self.selectors = selectors
        self.mode = mode
    }

    mutating func evaluate(_ spec: SelectionSpec) throws -> Result {
        switch spec {
        case .criteria(let c):
            return try evaluate(criteria: c)
        case .selector(let name):
            guard let definition = selectors[name] else {
                throw SelectionError.unknownSelector(name: name, known: Array(selectors.keys))
            }
            if resolving.contains(name) {
                let chain = (resolving.drop(while: { $0 != name }) + [name]).joined(separator: " → ")
                throw SelectionError.invalidDefinition(
                    selector: name, reason: "the selector refers to itself (\(chain))",
                    hint: "remove one of the 'selector:' references in the cycle")
            }
            resolving.append(name)
            defer { resolving.removeLast() }
            return try evaluate(definition.definition)
        case .union(let specs):
            let parts = try specs.map { try evaluate($0) }
            var direct: Set<String> = [], indirect: Set<String> = []
            for p in parts {
                direct.formUnion(p.direct)
                indirect.formUnion(p.direct.union(p.indirect))
            }
            return Result(direct: incorporate(direct, indirect), indirect: indirect)
        case .intersection(let specs):
            let parts = try specs.map { try evaluate($0) }
            guard var direct = parts.first?.direct, var indirect = parts.first.map({ $0.direct.union($0.indirect) }) else {
                return Result(direct: [], indirect: [])
            }
            for p in parts.dropFirst() {
                direct.formIntersection(p.direct)
                indirect.formIntersection(p.direct.union(p.indirect))
            }
            return Result(direct: incorporate(direct, indirect), indirect: indirect)
        case .difference(let include, let exclude):
            let a = try evaluate(include)
            let b = try evaluate(exclude)
            let direct = a.direct.subtracting(b.direct)
            let indirect = a.direct.union(a.indirect).subtracting(b.direct.union(b.indirect))
            return Result(direct: incorporate(direct, indirect), indirect: indirect)
        }
    }

    private func evaluate(criteria c: SelectionCriteria) throws -> Result {
        let collected = try graph.matching(c)
        var selected = collected
        if c.childrensParents {
            let down = collected.union(graph.descendants(of: collected))
            selected.formUnion(down)
            selected.formUnion(graph.ancestors(of: down))
        }
        if c.parents { selected.formUnion(graph.ancestors(of: collected, depth: c.parentsDepth)) }
        if c.children { selected.formUnion(graph.descendants(of: collected, depth: c.childrenDepth)) }
        return expand(selected, mode: c.indirectSelection ?? mode)
    }

    private func isTest(_ id: String) -> Bool {
        guard let type = graph.nodes[id]?.resourceType else { return false }
        return type == "test" || type == "unit_test"
    }

    private func parentSet(_ id: String) -> Set<String> { Set(graph.parents[id] ?? []) }

    /// Indirect selection of one criterion: the tests among the children of `selected`.
    private func expand(_ selected: Set<String>, mode: IndirectSelection) -> Result {
        if mode == .empty { return Result(direct: selected, indirect: []) }
        var direct = selected
        var indirect: Set<String> = []
        var buildable: Set<String> = []
        if mode == .buildable {
            buildable = selected.union(graph.ancestors(of: selected))
            for (id, node) in graph.nodes where node.resourceType == "source" { buildable.insert(id) }
        }
        for id in selected {
            for child in graph.children[id] ?? [] where isTest(child) && !direct.contains(child) {
                let parents = parentSet(child)
                if mode == .eager || parents.isSubset(of: selected) {
                    direct.insert(child)
                } else if mode == .buildable && parents.isSubset(of: buildable) {
                    direct.insert(child)
                } else {
                    indirect.insert(child)
                }
            }
        }
        indirect.subtract(direct)
        return Result(direct: direct, indirect: indirect)
    }

    /// Reconsiders held-back tests against a combined selection (cautious: all parents
    /// selected; buildable: all parents selected or ancestors of the selection).
    private func incorporate(_ direct: Set<String>, _ indirect: Set<String>) -> Set<String> {
        if direct == indirect { return direct }
        var selected = direct
        switch mode {
        case .cautious:
            for id in indirect where isTest(id) && !selected.contains(id) && parentSet(id).isSubset(of: direct) {
                selected.insert(id)
            }
        case .buildable:
            let reach = direct.union(graph.ancestors(of: direct))
            for id in indirect where isTest(id) && !selected.contains(id) && parentSet(id).isSubset(of: reach) {
                selected.insert(id)
            }
        case .eager, .empty:
            break
        }
        return selected
    }
}
