// What each selector method matches: the nodes whose own properties satisfy `method:value`,
// before graph operators and set operations. Methods that accept Unix wildcards (fqn, tag,
// group, source, path, file, package, test_name and the named resources) go through
// `SelectionGlob`; the others compare exactly, as dbt does.

extension SelectionGraph {
    /// Resource types the `fqn` method never matches. dbt 1.11 searches every resource but
    /// sources by fqn: `-s revenue` selects metric:shop.revenue, `-s dash` exposure:shop.dash,
    /// and `staging.*` the semantic models and saved queries under it.
    private static let nonFqnTypes: Set<String> = ["source", "group", "doc", "macro"]

    /// The nodes a criterion's method matches, without graph operators.
    func matching(_ c: SelectionCriteria) throws -> Set<String> {
        let method = c.method
        let value = c.value
        switch method {
        case .fqn:
            let pattern = SelectionFqnPattern(value)
            // only a model is versioned for the fqn rule (dbt's is_versioned): a unit test of
            // dim_accounts v1 has a version but its fqn ends with its own name
            return select { n in
                !Self.nonFqnTypes.contains(n.resourceType)
                    && pattern.matches(n.fqn, isVersioned: n.version != nil && n.resourceType == "model")
            }
        case .tag:
            let g = SelectionGlob(value)
            return select { $0.tags.contains(where: g.matches) }
        case .group:
            let g = SelectionGlob(value)
            return select { n in n.group.map(g.matches) ?? false }
        case .access:
            return select { $0.resourceType == "model" && $0.access == value }
        case .package:
            // dbt: `package:this` is the root project, whatever its name
            let g = SelectionGlob(value == "this" ? rootPackage ?? value : value)
            return select { g.matches($0.packageName) }
        case .path:
            return matchingPath(value)
        case .file:
            let g = SelectionGlob(value)
            return select { n in
                let fileName = SelectionPathGlob.components(n.originalFilePath).last ?? ""
                return g.matches(fileName) || g.matches(Self.stem(fileName))
            }
        case .config:
            let path = c.methodArguments
            return select { n in n.config.matches(path: path, value) }
        case .testName:
            let g = SelectionGlob(value)
            return select { n in
                guard n.resourceType == "test" || n.resourceType == "unit_test", let name = n.testName else { return false }
                if g.matches(name) { return true }
                // "dbt_utils.equality" is also selected by "equality".
                if let dot = name.lastIndex(of: ".") { return g.matches(String(name[name.index(after: dot)...])) }
                return false
            }
        case .testType:
            let category = SelectionParser.testTypeCategory(value)
            return select { n in
                switch category {
                // "schema" is dbt's legacy name for generic tests, still accepted by dbt 1.11
                case "generic": return n.resourceType == "test" && n.testType == "generic"
                case "singular": return n.resourceType == "test" && n.testType == "singular"
                case "data": return n.resourceType == "test"
                case "unit": return n.resourceType == "unit_test"
                default: return false
                }
            }
        case .resourceType:
            return select { $0.resourceType == value }
        case .source:
            return matchingSource(value)
        case .exposure, .metric, .semanticModel, .savedQuery, .unitTest:
            // `name` or `package.name`, each a glob; more dots are an error, as in dbt
            let type = method.rawValue
            let (package, name) = try Self.packageAndName(c, method: method)
            return select { n in n.resourceType == type && package.matches(n.packageName) && name.matches(n.name) }
        case .version:
            return select { n in
                guard n.resourceType == "model" else { return false }
                guard let version = n.version else { return value == "none" }
                guard let latest = n.latestVersion else { return value == "latest" }
                switch value {
                case "latest": return Self.compareVersions(version, latest) == 0
                case "prerelease": return Self.compareVersions(version, latest) > 0
                case "old": return Self.compareVersions(version, latest) < 0
                default: return false
                }
            }
        case .state:
            return try matchingState(c)
        case .result:
            return try matchingResult(c)
        case .sourceStatus:
            return try matchingSourceStatus(c)
        case .selector:
            // Resolved by the evaluator before methods are consulted.
            return []
        }
    }

    /// The package and name globs of `exposure:`, `metric:`, `semantic_model:`, `saved_query:`
    /// and `unit_test:` values: `name` (any package) or `package.name`.
    private static func packageAndName(_ c: SelectionCriteria, method: SelectionMethod) throws -> (SelectionGlob, SelectionGlob) {
        let parts = c.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: return (SelectionGlob("*"), SelectionGlob(parts[0]))
        case 2: return (SelectionGlob(parts[0]), SelectionGlob(parts[1]))
        default:
            let m = method.rawValue
            throw SelectionError.invalidSyntax(
                text: c.raw, reason: "'\(c.value)' has \(parts.count) dotted parts; \(m): takes a name or a package and a name",
                hint: "write '\(m):<name>' or '\(m):<package>.<name>'")
        }
    }

    private func select(_ predicate: (SelectableNode) -> Bool) -> Set<String> {
        var out: Set<String> = []
        for (id, node) in nodes where predicate(node) { out.insert(id) }
        return out
    }

    /// `path:` selects nodes defined in the file, or in or under the directory, the value names
    /// (a glob relative to the project root), and, as dbt, the nodes a YAML file the value names
    /// patches (`path:models/schema.yml` selects the models that file describes; a directory
    /// does not reach patches through the YAML files inside it).
    private func matchingPath(_ value: String) -> Set<String> {
        // an empty glob would match every path (dbt stops with a traceback): nothing, as `tag:`
        guard !value.isEmpty else { return [] }
        let glob = SelectionPathGlob(value)
        // dbt globs the value in the root project's directory, then takes the nodes whose path
        // (relative to their own package) is one of the paths found or under one: a package's
        // node matches only where the root project has that path too (`path:models` selects
        // packages' models, `path:models/staging` not when only a package has that folder).
        // The root project's paths are its nodes' files and the folders above them.
        var rootPaths: Set<String> = []
        if let root = rootPackage {
            for n in nodes.values where n.packageName == root {
                let comps = SelectionPathGlob.components(n.originalFilePath)
                for count in stride(from: comps.count, through: 0, by: -1) { rootPaths.insert(comps.prefix(count).joined(separator: "/")) }
            }
        }
        func exists(_ comps: ArraySlice<String>, in n: SelectableNode) -> Bool {
            rootPackage == nil || n.packageName == rootPackage || rootPaths.contains(comps.joined(separator: "/"))
        }
        return select { n in
            if let patch = n.patchPath, glob.matches(components: SelectionPathGlob.components(patch)) { return true }
            let comps = SelectionPathGlob.components(n.originalFilePath)
            if comps.isEmpty { return false }
            for count in stride(from: comps.count, through: 0, by: -1)
            where glob.matches(components: Array(comps.prefix(count))) && exists(comps.prefix(count), in: n) {
                return true
            }
            return false
        }
    }

    /// `source:src`, `source:src.table`, `source:package.src.table`, each part a glob.
    private func matchingSource(_ value: String) -> Set<String> {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let package: SelectionGlob, source: SelectionGlob, table: SelectionGlob
        switch parts.count {
        case 1: (package, source, table) = (SelectionGlob("*"), SelectionGlob(parts[0]), SelectionGlob("*"))
        case 2: (package, source, table) = (SelectionGlob("*"), SelectionGlob(parts[0]), SelectionGlob(parts[1]))
        case 3: (package, source, table) = (SelectionGlob(parts[0]), SelectionGlob(parts[1]), SelectionGlob(parts[2]))
        default: return []
        }
        return select { n in
            n.resourceType == "source" && package.matches(n.packageName)
                && source.matches(n.sourceName ?? "") && table.matches(n.name)
        }
    }

    private static func stem(_ fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return fileName }
        return String(fileName[..<dot])
    }

    /// Numeric when both versions are numbers, else by string order.
    private static func compareVersions(_ a: String, _ b: String) -> Int {
        if let x = Double(a), let y = Double(b) { return x == y ? 0 : (x < y ? -1 : 1) }
        return a == b ? 0 : (a < b ? -1 : 1)
    }
}
