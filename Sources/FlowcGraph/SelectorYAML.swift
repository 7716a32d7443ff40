// YAML selectors (selectors.yml). The caller parses the YAML and hands over a plain
// `SelectorYAML` tree (scalars as strings), so this module needs no YAML library. A definition is
// one of: a CLI-style string (one element: graph operators, no set operators); a `method: value`
// pair; a full dictionary (`method`, `value`, `parents`, `children`, `childrens_parents`,
// `parents_depth`, `children_depth`, `indirect_selection`, `exclude`); or a `union:` /
// `intersection:` list whose items are definitions, one of which may be `exclude: [...]`.
// `method: selector` (or `selector: name`) reuses another selector's complete selection.

/// A YAML value as selectors.yml needs it. Booleans and numbers arrive as strings.
public indirect enum SelectorYAML: Sendable, Equatable, ExpressibleByStringLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    case null
    case string(String)
    case list([SelectorYAML])
    case map([String: SelectorYAML])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: SelectorYAML...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, SelectorYAML)...) {
        var m: [String: SelectorYAML] = [:]
        for (k, v) in elements { m[k] = v }
        self = .map(m)
    }
    public init(nilLiteral: ()) { self = .null }

    var kindName: String {
        switch self {
        case .null: return "nothing"
        case .string: return "a string"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }
}

/// One named selector of selectors.yml.
public struct SelectorDefinition: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// `default: true`: used when an invocation gives no --select, --exclude or --selector.
    public var isDefault: Bool
    public var definition: SelectionSpec

    public init(name: String, description: String? = nil, isDefault: Bool = false, definition: SelectionSpec) {
        self.name = name
        self.description = description
        self.isDefault = isDefault
        self.definition = definition
    }

    /// Parses a whole selectors.yml document (`selectors: [{name, definition, …}]`), checking
    /// that at most one entry is the default and every `selector:` reference names a selector
    /// defined above it, without a cycle.
    public static func parseFile(_ document: SelectorYAML) throws -> [String: SelectorDefinition] {
        guard case .map(let root) = document, let list = root["selectors"] else {
            throw SelectionError.invalidDefinition(
                selector: nil, reason: "expected a top-level 'selectors:' key, found \(document.kindName)",
                hint: "selectors.yml starts with 'selectors:' followed by a list of '- name: … definition: …'")
        }
        let items: [SelectorYAML]
        switch list {
        case .null: items = []
        case .list(let l): items = l
        default:
            throw SelectionError.invalidDefinition(
                selector: nil, reason: "'selectors' must be a list, found \(list.kindName)",
                hint: "write each selector as a list item: '- name: nightly'")
        }
        var out: [String: SelectorDefinition] = [:]
        // every entry marked default, replaced ones too: dbt counts them before it dedupes
        var defaults: [String] = []
        for (index, item) in items.enumerated() {
            guard case .map(let m) = item else {
                throw SelectionError.invalidDefinition(
                    selector: nil, reason: "each selector must be a mapping, found \(item.kindName)",
                    hint: "write '- name: <name>' and 'definition: …' under it")
            }
            guard case .string(let name)? = m["name"], !name.isEmpty else {
                throw SelectionError.invalidDefinition(
                    selector: nil, reason: "a selector has no 'name'", hint: "add 'name: <name>' to every selector")
            }
            guard let definition = m["definition"], definition != .null else {
                throw SelectionError.invalidDefinition(
                    selector: name, reason: "the selector has no 'definition'",
                    hint: "add 'definition:' with a string like 'tag:nightly' or a method/value mapping")
            }
            var description: String? = nil
            if case .string(let d)? = m["description"] { description = d }
            let isDefault = try SelectorYAMLParser(selector: name).bool(m["default"], key: "default")
            if isDefault { defaults.append(name) }
            let spec = try parseDefinition(definition, selector: name)
            // dbt reads the file from the top and resolves a reference as it reads it: the
            // selector referred to must be defined above
            for ref in references(in: spec) where out[ref] == nil {
                if ref == name {
                    throw SelectionError.invalidDefinition(
                        selector: name, reason: "the selector refers to itself",
                        hint: "remove its 'selector: \(name)' reference")
                }
                let later = items[(index + 1)...].contains { item in
                    if case .map(let other) = item, case .string(ref)? = other["name"] { return true }
                    return false
                }
                throw SelectionError.invalidDefinition(
                    selector: name, reason: "refers to selector '\(ref)', which is not defined " + (later ? "before it" : "in the file"),
                    hint: later ? "move '\(ref)' above '\(name)': dbt reads selectors.yml from the top"
                        : out.isEmpty ? "no selector is defined above '\(name)'"
                        : "defined above it: " + out.keys.sorted().joined(separator: ", "))
            }
            // a name defined again replaces the earlier definition (which must still parse), as
            // in dbt, which fills a dict in file order
            out[name] = SelectorDefinition(name: name, description: description, isDefault: isDefault, definition: spec)
        }
        try checkOneDefault(defaults)
        for name in out.keys.sorted() { try checkReferences(from: name, in: out, chain: []) }
        return out
    }

    /// Parses one `definition:` value. `selector` names the selector for messages.
    public static func parseDefinition(_ yaml: SelectorYAML, selector: String? = nil) throws -> SelectionSpec {
        try SelectorYAMLParser(selector: selector).definition(yaml)
    }

    /// The selector marked `default: true`, if any; more than one is an error.
    static func defaultSelectorName(in selectors: [String: SelectorDefinition]) throws -> String? {
        let defaults = selectors.values.filter(\.isDefault).map(\.name)
        try checkOneDefault(defaults)
        return defaults.first
    }

    private static func checkOneDefault(_ names: [String]) throws {
        guard names.count > 1 else { return }
        throw SelectionError.invalidDefinition(
            selector: nil, reason: "several selectors set 'default: true': " + names.sorted().joined(separator: ", "),
            hint: "only one selector may be the default")
    }

    private static func checkReferences(from name: String, in all: [String: SelectorDefinition], chain: [String]) throws {
        if chain.contains(name) {
            let cycle = (chain.drop(while: { $0 != name }) + [name]).joined(separator: " → ")
            throw SelectionError.invalidDefinition(
                selector: name, reason: "the selector refers to itself (\(cycle))",
                hint: "remove one of the 'selector:' references in the cycle")
        }
        guard let definition = all[name] else { return }
        for ref in references(in: definition.definition) {
            guard all[ref] != nil else {
                throw SelectionError.invalidDefinition(
                    selector: name, reason: "refers to selector '\(ref)', which is not defined",
                    hint: "defined selectors: " + all.keys.sorted().joined(separator: ", "))
            }
            try checkReferences(from: ref, in: all, chain: chain + [name])
        }
    }

    private static func references(in spec: SelectionSpec) -> [String] {
        switch spec {
        case .criteria: return []
        case .selector(let name): return [name]
        case .union(let s), .intersection(let s): return s.flatMap(references)
        case .difference(let a, let b): return references(in: a) + references(in: b)
        }
    }
}

/// The definition grammar; `selector` is the enclosing selector's name, for messages.
struct SelectorYAMLParser {
    let selector: String?

    private func fail(_ reason: String, _ hint: String) -> SelectionError {
        .invalidDefinition(selector: selector, reason: reason, hint: hint)
    }

    func definition(_ yaml: SelectorYAML) throws -> SelectionSpec {
        switch yaml {
        case .string(let text):
            let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            let trimmed = String(text.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
            if trimmed.isEmpty {
                throw fail("the definition is an empty string", "write a selector like 'tag:nightly'")
            }
            // one element, as dbt reads it: spaces and commas do not split it ("a b" is the fqn
            // value "a b", which matches nothing); unions and intersections are YAML lists
            return try SelectionParser.parseElement(trimmed)
        case .null:
            throw fail("the definition is empty", "write a selector like 'tag:nightly' or a method/value mapping")
        case .list:
            throw fail(
                "expected union, intersection, a string or a mapping, found a list",
                "put the list under 'union:' or 'intersection:'")
        case .map(let m):
            if m["union"] != nil && m["intersection"] != nil {
                throw fail(
                    "'union' and 'intersection' cannot appear in the same mapping",
                    "nest one inside the other: 'union: [ {intersection: [...]}, ... ]'")
            }
            if let items = m["union"] { return try setOperation(items, key: "union") }
            if let items = m["intersection"] { return try setOperation(items, key: "intersection") }
            if m["method"] != nil { return try fullDictionary(m) }
            if m.count == 1, let (key, value) = m.first {
                if key == "exclude" {
                    throw fail(
                        "'exclude' needs something to exclude from",
                        "put '- exclude: [...]' in a union or intersection list, or next to 'method' and 'value'")
                }
                return try keyValue(key, value)
            }
            throw fail(
                "expected a 'method' key or a single 'method: value' pair, found keys " + m.keys.sorted().joined(separator: ", "),
                "write 'method: tag' and 'value: nightly', or just 'tag: nightly'")
        }
    }

    private func setOperation(_ yaml: SelectorYAML, key: String) throws -> SelectionSpec {
        guard case .list(let items) = yaml else {
            throw fail("'\(key)' must be a list, found \(yaml.kindName)", "write '\(key):' followed by '- …' items")
        }
        var includes: [SelectionSpec] = []
        var exclusion: SelectionSpec? = nil
        for item in items {
            if case .map(let m) = item, m.count == 1, let ex = m["exclude"] {
                if exclusion != nil {
                    throw fail(
                        "a '\(key)' list has more than one 'exclude' item",
                        "list everything to exclude under a single '- exclude:'")
                }
                exclusion = try exclusions(ex)
            } else {
                includes.append(try definition(item))
            }
        }
        let combined: SelectionSpec = key == "union" ? .union(includes) : .intersection(includes)
        guard let exclusion else { return combined }
        return .difference(include: combined, exclude: exclusion)
    }

    private func exclusions(_ yaml: SelectorYAML) throws -> SelectionSpec {
        if case .list(let items) = yaml { return .union(try items.map(definition)) }
        return .union([try definition(yaml)])
    }

    private func method(_ text: String, raw: String) throws -> (SelectionMethod, [String]) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let m = SelectionMethod(rawValue: parts[0]) else {
            throw SelectionError.unknownMethod(text: raw, method: parts[0])
        }
        return (m, Array(parts.dropFirst()))
    }

    private func keyValue(_ key: String, _ yaml: SelectorYAML) throws -> SelectionSpec {
        guard case .string(let value) = yaml, !value.isEmpty else {
            throw fail("'\(key):' needs a value, found \(yaml.kindName)", "write '\(key): <value>'")
        }
        let raw = "\(key):\(value)"
        let (m, args) = try method(key, raw: raw)
        if m == .selector { return .selector(value) }
        let c = SelectionCriteria(raw: raw, method: m, methodArguments: args, value: value)
        try SelectionParser.validate(c)
        return .criteria(c)
    }

    private func fullDictionary(_ m: [String: SelectorYAML]) throws -> SelectionSpec {
        guard case .string(let methodText)? = m["method"], !methodText.isEmpty else {
            throw fail("'method' must be a method name like 'tag'", "write 'method: tag'")
        }
        guard case .string(let value)? = m["value"], !value.isEmpty else {
            throw fail("method '\(methodText)' has no 'value'", "add 'value: <value>' next to 'method: \(methodText)'")
        }
        let raw = "\(methodText):\(value)"
        let (method, args) = try method(methodText, raw: raw)
        var spec: SelectionSpec
        if method == .selector {
            // A reused selector is taken whole: graph operators and indirect_selection on the
            // reference do not modify it (dbt documents the same).
            spec = .selector(value)
        } else {
            var c = SelectionCriteria(raw: raw, method: method, methodArguments: args, value: value)
            c.parents = try bool(m["parents"], key: "parents")
            c.children = try bool(m["children"], key: "children")
            c.childrensParents = try bool(m["childrens_parents"], key: "childrens_parents")
            c.parentsDepth = try int(m["parents_depth"], key: "parents_depth")
            c.childrenDepth = try int(m["children_depth"], key: "children_depth")
            if let mode = m["indirect_selection"], mode != .null {
                guard case .string(let s) = mode, let parsed = IndirectSelection(rawValue: s) else {
                    throw fail(
                        "indirect_selection must be eager, cautious, buildable or empty",
                        "write 'indirect_selection: cautious'")
                }
                c.indirectSelection = parsed
            }
            try SelectionParser.validate(c)
            spec = .criteria(c)
        }
        if let ex = m["exclude"], ex != .null {
            spec = .difference(include: spec, exclude: try exclusions(ex))
        }
        return spec
    }

    func bool(_ yaml: SelectorYAML?, key: String) throws -> Bool {
        guard let yaml, yaml != .null else { return false }
        if case .string(let s) = yaml {
            switch s.lowercased() {
            case "true", "yes", "on", "1": return true
            case "false", "no", "off", "0", "": return false
            default: break
            }
        }
        throw fail("'\(key)' must be true or false", "write '\(key): true'")
    }

    /// A depth; nil is no limit. dbt turns a falsy depth into None, so `children_depth: 0`
    /// follows every generation (only the command line's `x+0` means none). A quoted '0',
    /// which dbt takes as depth 0, reads the same here: the YAML's types are gone by now.
    private func int(_ yaml: SelectorYAML?, key: String) throws -> Int? {
        guard let yaml, yaml != .null else { return nil }
        if case .string(let s) = yaml, let n = Int(s), n >= 0 { return n == 0 ? nil : n }
        throw fail("'\(key)' must be a whole number", "write '\(key): 1'")
    }
}
