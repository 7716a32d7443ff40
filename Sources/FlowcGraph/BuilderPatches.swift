// Properties YAML applied to nodes: descriptions, columns, docs and `config:` blocks, with
// configs layered in dbt's precedence: defaults < the node's own project's folder configs <
// YAML < config(), and for a package's node, the ROOT project's folder configs last of all
// (dbt lets the root project override whatever a package sets, config() calls included).
import FlowcProject

extension ConfigResolver {
    /// The folder configs of one project file (the root's or an installed package's).
    init(projectName: String, config c: ProjectConfig) {
        var trees: [ResourceType: YAMLValue] = [:]
        if let m = c.models { trees[.model] = m }
        if let s = c.seeds { trees[.seed] = s }
        if let t = c.dataTests ?? c.tests { trees[.test] = t }
        if let s = c.snapshots { trees[.snapshot] = s }
        if let a = c.analyses { trees[.analysis] = a }
        if let s = c.sources { trees[.source] = s }
        var unrendered: [ResourceType: YAMLValue] = [:]
        if let raw = c.unrendered {
            for (type, key) in [(ResourceType.model, "models"), (.seed, "seeds"), (.snapshot, "snapshots"),
                                (.analysis, "analyses"), (.source, "sources")] {
                if let tree = raw[key] { unrendered[type] = tree }
            }
            if let t = raw["data_tests"] ?? raw["tests"] { unrendered[.test] = t }
        }
        self.init(projectName: projectName, folderConfigs: trees, unrenderedFolderConfigs: unrendered)
    }

    /// The layers for a node. dbt configures analyses from the `models:` tree, under their fqn
    /// (`<project>.analysis.<folders>.<name>`); flowc's `analyses:` tree (without the
    /// "analysis" level) applies after it.
    func layers(for node: Node, unrendered: Bool = false) -> [JSONObject] {
        guard node.resourceType == .analysis else { return folderLayers(node.resourceType, fqn: node.fqn, unrendered: unrendered) }
        var fqn = node.fqn
        if fqn.count > 1 { fqn.remove(at: 1) }
        return folderLayers(.model, fqn: node.fqn, unrendered: unrendered) + folderLayers(.analysis, fqn: fqn, unrendered: unrendered)
    }

    /// The layers for a node, each with its keys' text as written (for `unrendered_config`).
    func layersWithText(for node: Node) -> [(layer: JSONObject, text: JSONObject)] {
        ConfigResolver.paired(layers(for: node), layers(for: node, unrendered: true))
    }
}

extension Builder {
    /// Properties entries by the unique id they describe. As in dbt, an entry names a node of
    /// the YAML's own project first, else of any other package (a root project may describe and
    /// test a package's model); a name several packages have is ambiguous.
    mutating func collectPatches(nodes: [Node], setup: RenderSetup) -> [String: [PropertyPatch]] {
        var worker: RenderWorker?
        var packagesOf: [String: [String]] = [:]  // "model.name" → packages having it
        for n in nodes {
            let key = "\(n.resourceType.rawValue).\(n.name)"
            if !(packagesOf[key] ?? []).contains(n.packageName) { packagesOf[key, default: []].append(n.packageName) }
        }
        // every entry in file order, read into patches in parallel (columns, tests and configs
        // are most of it); an entry with Jinja is rendered below, by one worker
        var entries: [(scope: Int, file: String, kind: String, written: YAMLValue)] = []
        for (index, scope) in scopes.enumerated() {
            for props in scope.properties {
                let file = scope.local(props.path)
                for (kind, list) in [("model", props.models), ("seed", props.seeds), ("snapshot", props.snapshots),
                                     ("analysis", props.analyses)] {
                    for written in list { entries.append((index, file, kind, written)) }
                }
            }
        }
        let work = entries
        let plain: [PropertyPatch?] = parallelSlices(count: work.count, threads: options.threads, slices: options.threads * 4) { range in
            range.map { i in Builder.holdsJinja(work[i].written) ? nil : PropertyPatch(work[i].written, file: work[i].file) }
        }.flatMap { $0 }
        var patches: [String: [PropertyPatch]] = [:]
        for (i, e) in entries.enumerated() {
            let scope = scopes[e.scope], file = e.file, kind = e.kind
            var patch = (i < plain.count ? plain[i] : nil)
                ?? PropertyPatch(renderedProperties(e.written, package: scope.name, setup: setup, worker: &worker), file: file)
            patch.project = scope.name
            guard !patch.name.isEmpty else { continue }
            var owner = scope.name
            let having = packagesOf["\(kind).\(patch.name)"] ?? []
            if !having.contains(scope.name) {
                let others = having.sorted()
                if others.count > 1 {
                    error("\(kind) '\(patch.name)' described in \(file) is in several packages: " + others.joined(separator: ", "),
                          patch.span, hint: "dbt cannot tell which one this entry is for; describe it in its own package's properties YAML")
                    continue
                }
                if let only = others.first { owner = only }
            }
            let key = "\(kind).\(owner).\(patch.name)"
            if let existing = patches[key]?.first {
                error("\(kind) '\(patch.name)' is described twice: in \(existing.span.file) and \(patch.span.file)", patch.span,
                      hint: "keep one properties entry per \(kind)")
            }
            patches[key, default: []].append(patch)
        }
        DeferredRelease.drop((consume plain, consume entries, consume packagesOf))
        return patches
    }

    /// Sets a node's config from its project's folder configs and its properties entry (with
    /// its description, columns, constraints and docs); returns the key of the entry used.
    static func applyConfig(_ node: inout Node, resolver: ConfigResolver?, patches: [String: [PropertyPatch]],
                            versioned: [String: VersionedModelSpec]) -> String? {
        var config = node.config
        var unrendered = JSONObject()
        let package = node.packageName
        for (layer, text) in resolver?.layersWithText(for: node) ?? [] {
            ConfigMerge.apply(layer, to: &config)
            for (k, v) in text { unrendered[ConfigMerge.canonicalKey(k)] = v }
        }
        // A version is described by its model's entry (`model.<package>.<name>`).
        let key = node.version == nil ? node.uniqueId : "model.\(package).\(node.name)"
        let patch = patches[key]?.first
        if let patch {
            ConfigMerge.apply(patch.config, to: &config)
            for (k, v) in patch.config { unrendered[ConfigMerge.canonicalKey(k)] = v }
            node.description = patch.description ?? ""
            node.columns = patch.columns
            node.constraints = patch.constraints
            node.patchPath = "\(patch.project)://\(patch.file)"
            if let show = patch.docsShow { node.docsShow = show }
            if node.resourceType == .model { node.deprecationDate = deprecationDate(patch.entry["deprecation_date"]) }
            applyVersionPatch(&node, &config, spec: versioned[VersionedModelSpec.key(package, node.name)], file: patch.file)
        }
        node.meta = config["meta"] ?? .object(JSONObject())
        node.config = config
        node.unrenderedConfig = unrendered
        return patch == nil ? nil : key
    }

    /// The root project's folder configs, which dbt applies to a package's nodes after the
    /// package's own configs, properties and config() calls.
    var rootResolver: ConfigResolver? { resolvers[projectName] }

    mutating func applyConfigs(_ nodes: inout [Node], patches: [String: [PropertyPatch]],
                               versioned: [String: VersionedModelSpec] = [:]) {
        let resolvers = self.resolvers
        // each node on its own, in parallel: the folder config layers and merges are a
        // visible share of reading a large project
        let usedKeys = parallelUpdate(&nodes, threads: options.threads) { node in
            Builder.applyConfig(&node, resolver: resolvers[node.packageName], patches: patches, versioned: versioned)
        }
        let used = Set(usedKeys.compactMap { $0 })
        for (key, list) in patches where !used.contains(key) {
            guard let patch = list.first else { continue }
            let kind = key.split(separator: ".").first.map(String.init) ?? "model"
            let known = nodes.filter { $0.resourceType.rawValue == kind }.map(\.name)
            warning("\(patch.file) describes \(kind) '\(patch.name)', but no such \(kind) exists", patch.span,
                    hint: Suggest.didYouMean(patch.name, known).map { "did you mean '\($0)'?" })
        }
    }
}

extension Builder {
    /// Whether `applyRootProjectConfigs` changes nodes: only a package's are, by the root
    /// project's folder configs.
    var rootConfigsReachPackages: Bool { rootResolver != nil && scopes.count > 1 }

    /// After parsing: the root project's `models: <package>: …` (and seeds, snapshots, …)
    /// configs win over everything a package's node set itself, as in dbt. This is how a
    /// project disables a package's folder (`+enabled: false`) or moves it to another schema.
    mutating func applyRootProjectConfigs(_ nodes: inout [Node]) {
        guard let root = rootResolver, rootConfigsReachPackages else { return }
        for i in nodes.indices where nodes[i].packageName != projectName {
            var config = nodes[i].config
            for (layer, text) in root.layersWithText(for: nodes[i]) {
                ConfigMerge.apply(layer, to: &config)
                for (k, v) in text { nodes[i].unrenderedConfig[ConfigMerge.canonicalKey(k)] = v }
            }
            nodes[i].meta = config["meta"] ?? .object(JSONObject())
            nodes[i].config = config
        }
    }

    /// dbt refuses two relations with one database representation (database.schema.alias),
    /// which packages make possible: a package's model may share a root model's name.
    mutating func checkRelationNames(_ nodes: [Node]) {
        var seen: [String: Node] = [:]
        for n in nodes where n.enabled && [.model, .seed, .snapshot].contains(n.resourceType) && n.materialized != "ephemeral" {
            let key = "\(n.database).\(n.schema).\(n.alias)"
            if let other = seen[key], other.uniqueId != n.uniqueId {  // same id: checkDuplicates reported it
                error("two resources would be built as \(n.database).\(n.schema).\(n.alias): \(other.uniqueId) (\(other.displayPath)) and \(n.uniqueId) (\(n.displayPath))",
                      n.span, hint: "give one of them another `alias` or `schema` config, or disable one")
            } else {
                seen[key] = n
            }
        }
    }
}

extension Builder {
    static let runnableMaterializations = ["table", "view", "incremental", "ephemeral"]

    /// A model whose materialization flowc cannot build is reported before anything runs (dbt
    /// finds out only when it runs the model): a warning, as `compile` can still compile it. So
    /// is a project's redefinition of a materialization flowc builds itself.
    mutating func checkMaterializations(_ nodes: [Node]) {
        let adapter = options.dialect.name, root = projectName
        var byPackage: [String: Set<String>] = [:]
        for m in manifest.macros.values where m.name.hasPrefix("materialization_") { byPackage[m.packageName, default: []].insert(m.name) }
        let packages = byPackage.keys.filter { $0 != root && $0 != BuiltinMacros.packageName }
        func defines(_ package: String, _ macro: String) -> Bool { byPackage[package]?.contains(macro) == true }
        var warnedOverride: Set<String> = []
        for n in nodes where n.enabled && (n.resourceType == .model || n.resourceType == .snapshot) {
            let m = n.materialized
            if let ignored = MaterializationLookup.ignoredOverride(m, adapter: adapter, root: root, defines: defines),
               warnedOverride.insert(ignored).inserted {
                warning("the project redefines the '\(m)' materialization (\(ignored)); flowc builds '\(m)' models its own way and does not use it",
                        n.span, hint: "flowc runs custom materializations and redefined table and view ones; give this one a name of its own to use it")
            }
            if n.resourceType != .model || Self.runnableMaterializations.contains(m) { continue }
            if m == "materialized_view", options.dialect.ddl.createMaterializedViewAs != nil { continue }
            if MaterializationLookup.find(m, adapter: adapter, root: root, packages: packages, defines: defines) != nil { continue }
            let hint = m == "materialized_view"
                ? "flowc cannot build materialized views on \(adapter)"
                : Suggest.didYouMean(m, Self.runnableMaterializations).map { "did you mean '\($0)'?" }
                    ?? "flowc builds table, view, incremental and ephemeral models, and custom ones a `{% materialization \(m), default %}` block defines"
            warning("model '\(n.name)' is materialized as '\(m)', which flowc cannot build", n.span, hint: hint)
        }
        // dbt runs a root project's (or, with a flag, a package's) `test` materialization for
        // every data test; flowc runs tests itself, so say so rather than ignore it silently
        guard nodes.contains(where: { $0.enabled && $0.resourceType == .test }) else { return }
        for package in [root] + packages.sorted() {
            guard let macro = [adapter, "default"].map({ "materialization_test_\($0)" }).first(where: { defines(package, $0) }) else { continue }
            let file = manifest.macros["macro.\(package).\(macro)"].map { m in
                package == root ? m.originalFilePath : (manifest.packageDirectories[package].map { $0 + "/" } ?? "") + m.originalFilePath
            }
            warning("\(package == root ? "the project" : "package '\(package)'") redefines the 'test' materialization (\(macro)); "
                    + "flowc runs data tests its own way and does not use it", file.map { SourceSpan(file: $0, line: 1, column: 1) },
                    hint: "flowc counts a test's failing rows itself (fail_calc, warn_if, error_if, store_failures); what the "
                        + "materialization adds to a test run, such as recording results elsewhere, does not happen")
            break
        }
    }
}

/// "did you mean" suggestions by edit distance.
public enum Suggest {
    public static func didYouMean(_ word: String, _ candidates: [String]) -> String? {
        var best: (String, Int)?
        let limit = max(2, word.count / 3)
        for c in candidates {
            let d = distance(word, c)
            if d <= limit, d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}
