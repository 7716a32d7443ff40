// Properties YAML applied to nodes: descriptions, columns, docs and `config:` blocks, with
// configs layered in dbt's precedence (defaults < project folders < YAML < config()).
import FlowcProject

extension Builder {
    mutating func collectPatches() -> [String: [PropertyPatch]] {
        var patches: [String: [PropertyPatch]] = [:]
        for props in project.properties {
            for (kind, entries) in [("model", props.models), ("seed", props.seeds), ("snapshot", props.snapshots),
                                    ("analysis", props.analyses)] {
                for entry in entries {
                    let patch = PropertyPatch(entry, file: props.path)
                    guard !patch.name.isEmpty else { continue }
                    let key = "\(kind).\(projectName).\(patch.name)"
                    if let existing = patches[key]?.first {
                        error("\(kind) '\(patch.name)' is described twice: in \(existing.file) and \(props.path)", patch.span,
                              hint: "keep one properties entry per \(kind)")
                    }
                    patches[key, default: []].append(patch)
                }
            }
        }
        return patches
    }

    func folderResolver() -> ConfigResolver {
        var trees: [ResourceType: YAMLValue] = [:]
        let c = project.config
        if let m = c.models { trees[.model] = m }
        if let s = c.seeds { trees[.seed] = s }
        if let t = c.dataTests ?? c.tests { trees[.test] = t }
        if let s = c.snapshots { trees[.snapshot] = s }
        if let a = c.analyses { trees[.analysis] = a }
        if let s = c.sources { trees[.source] = s }
        return ConfigResolver(projectName: projectName, folderConfigs: trees)
    }

    mutating func applyConfigs(_ nodes: inout [Node], patches: [String: [PropertyPatch]],
                               versioned: [String: VersionedModelSpec] = [:]) {
        let resolver = folderResolver()
        var used: Set<String> = []
        for i in nodes.indices {
            var config = nodes[i].config
            let folderType: ResourceType = nodes[i].resourceType == .analysis ? .analysis : nodes[i].resourceType
            var fqn = nodes[i].fqn
            if nodes[i].resourceType == .analysis { fqn.remove(at: 1) }
            var unrendered = JSONObject()
            for layer in resolver.folderLayers(folderType, fqn: fqn) {
                ConfigMerge.apply(layer, to: &config)
                for (k, v) in layer { unrendered[ConfigMerge.canonicalKey(k)] = v }
            }
            // A version is described by its model's entry (`model.<project>.<name>`).
            let key = nodes[i].version == nil ? nodes[i].uniqueId : "model.\(projectName).\(nodes[i].name)"
            if let patch = patches[key]?.first {
                used.insert(key)
                ConfigMerge.apply(patch.config, to: &config)
                for (k, v) in patch.config { unrendered[ConfigMerge.canonicalKey(k)] = v }
                nodes[i].description = patch.description ?? ""
                nodes[i].columns = patch.columns
                nodes[i].patchPath = "\(projectName)://\(patch.file)"
                if let show = patch.docsShow { nodes[i].docsShow = show }
                Self.applyVersionPatch(&nodes[i], &config, spec: versioned[nodes[i].name], file: patch.file)
            }
            nodes[i].meta = config["meta"] ?? .object(JSONObject())
            nodes[i].config = config
            nodes[i].unrenderedConfig = unrendered
        }
        for (key, list) in patches where !used.contains(key) {
            guard let patch = list.first else { continue }
            let kind = key.split(separator: ".").first.map(String.init) ?? "model"
            let known = nodes.filter { $0.resourceType.rawValue == kind }.map(\.name)
            warning("\(patch.file) describes \(kind) '\(patch.name)', but no such \(kind) exists", patch.span,
                    hint: Suggest.didYouMean(patch.name, known).map { "did you mean '\($0)'?" })
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
