// The DAG: ref()/source() calls resolved to unique ids (unknown names get a "did you mean"),
// disabled parents and cycles reported with their whole path, and parent/child maps built.
// A name is looked up as dbt does: in the root project, then the calling node's package, then
// any package (ref('pkg', 'name') only in that package); dbt's behaviour flag
// `require_ref_searches_node_package_before_root` puts the calling node's package first.
import FlowcProject
import Foundation

extension Builder {
    mutating func readDocsAndExposures(setup: RenderSetup) {
        // for Jinja in exposures (`url: "{{ var('bi') }}/x"`), made only when one has some
        let templated = scopes.contains { $0.properties.contains { $0.exposures.contains { e in
            let text = JSONWriter.string(e.json)
            return text.holdsJinjaTag
        } } }
        let worker = templated ? try? RenderWorker(setup: setup) : nil
        for scope in scopes { readDocsAndExposures(scope, worker: worker) }
        let overview = BuiltinDocs.overview
        if manifest.docs[overview.uniqueId] == nil { manifest.docs[overview.uniqueId] = overview }
    }

    /// What dbt's exposure schema requires: a type it knows, an owner, a maturity it knows.
    mutating func checkExposureEntry(_ e: YAMLValue, name: String) {
        let types = ["dashboard", "notebook", "analysis", "ml", "application"]
        if let type = e["type"] {
            if !types.contains(type.scalarText ?? "") {
                error("exposure '\(name)' has type '\(type.scalarText ?? "")', which is not one of " + types.joined(separator: ", "),
                      type.span, hint: Suggest.didYouMean(type.scalarText ?? "", types).map { "did you mean '\($0)'?" })
            }
        } else {
            error("exposure '\(name)' has no type", e["name"]?.span, hint: "add `type:` (one of " + types.joined(separator: ", ") + ")")
        }
        if e["owner"] == nil {
            error("exposure '\(name)' has no owner", e["name"]?.span, hint: "add `owner: {name: …, email: …}`")
        }
        if let maturity = e["maturity"], !["high", "medium", "low"].contains(maturity.scalarText ?? "") {
            error("exposure '\(name)' has maturity '\(maturity.scalarText ?? "")', which is not high, medium or low", maturity.span)
        }
    }

    mutating func readDocsAndExposures(_ scope: PackageScope, worker: RenderWorker?) {
        let package = scope.name
        for file in scope.files where file.kind == .docs {
            let text = file.text
            func at(_ i: String.Index) -> SourceSpan { Self.span(at: i, in: text, file: file.path) }
            var rest = Substring(text)
            while let open = Self.docsTag("docs", in: rest) {
                let afterOpen = rest[open.upperBound...]
                guard let close = afterOpen.range(of: "%}") else {
                    error("a {% docs %} tag is not closed", at(open.lowerBound), hint: "write it as {% docs name %}")
                    break
                }
                let name = NodeFactory.stripped(String(afterOpen[..<close.lowerBound])).trimmingDash()
                let body = afterOpen[close.upperBound...]
                let end = Self.docsTag("enddocs", in: body)
                // dbt reads the file as a template: a block left open swallows no neighbour silently
                if let next = Self.docsTag("docs", in: body), end.map({ next.lowerBound < $0.lowerBound }) ?? true {
                    error("docs block '\(name)' is not closed before the next {% docs %} block", at(next.lowerBound),
                          hint: "end '\(name)' with {% enddocs %}")
                    rest = body[next.lowerBound...]
                    continue
                }
                guard let end else {
                    error("docs block '\(name)' is not closed", at(open.lowerBound), hint: "end it with {% enddocs %}")
                    break
                }
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    error("a docs block needs a name of letters, digits and underscores, found '\(name)'", at(open.lowerBound),
                          hint: "write it as {% docs name %}")
                    rest = body[end.upperBound...]
                    continue
                }
                let uid = "doc.\(package).\(name)"
                if let other = manifest.docs[uid] {
                    error("two docs blocks are named '\(name)' in package '\(package)': \(scope.prefix + other.originalFilePath) and \(file.path)",
                          at(open.lowerBound), hint: "rename or remove one of them; doc('\(name)') would not know which to use")
                }
                // dbt's `path` is relative to the resource folder the file is in
                let local = scope.local(file.path)
                let paths = scope.config
                let (_, inFolder) = NodeFactory.split(local, roots: paths.modelPaths + paths.seedPaths + paths.snapshotPaths
                                                      + paths.analysisPaths + paths.macroPaths + paths.testPaths)
                manifest.docs[uid] = DocBlock(uniqueId: uid, name: name, packageName: package, path: inFolder,
                                              originalFilePath: local,
                                              contents: NodeFactory.stripped(String(body[..<end.lowerBound])))
                rest = body[end.upperBound...]
            }
        }
        for props in scope.properties {
            let file = scope.local(props.path)
            for declared in props.exposures {
                // Jinja in its values (label, url, owner, meta, …) rendered as dbt renders them
                let e = renderedEntry(declared, worker: worker, package: package, keep: Self.keptUnrendered)
                guard let name = e["name"]?.string else { continue }
                let uid = "exposure.\(package).\(name)"
                let (_, rest) = NodeFactory.split(file, roots: scope.config.modelPaths)
                let fqn = [package] + NodeFactory.directories(rest) + [name]
                let config = exposureConfig(e, fqn: fqn, scope: scope)
                // dbt keeps a disabled exposure out of the graph (listed under `disabled`)
                let enabled = config["enabled"]?.boolValue ?? true
                var x = Exposure(uniqueId: uid, name: name, packageName: package, path: rest,
                                 originalFilePath: file, fqn: fqn,
                                 type: e["type"]?.string ?? "dashboard", owner: e["owner"]?.json ?? .object(JSONObject()))
                x.description = e["description"]?.string ?? ""
                x.span = e["name"]?.span
                checkExposureEntry(e, name: name)
                x.label = e["label"]?.string
                x.maturity = e["maturity"]?.string
                x.url = e["url"]?.string
                // dbt's: the sorted union of the tags, the meta keys of its config over its own
                x.tags = Array(Set((e["tags"]?.list ?? []).compactMap(\.scalarText)
                                   + ConfigMerge.asList(config["tags"] ?? .null).compactMap(\.stringValue))).sorted()
                var meta = e["meta"]?.json.objectValue ?? JSONObject()
                for (k, v) in config["meta"]?.objectValue ?? JSONObject() { meta[k] = v }
                x.meta = .object(meta)
                x.configSet = config
                for dep in e["depends_on"]?.list ?? [] {
                    guard let s = dep.string else { continue }
                    let t = NodeFactory.stripped(s)
                    if t.hasPrefix("ref("), let call = Self.refCall(t) {
                        x.refs.append(call)  // ref('m'), ref('pkg', 'm'), ref('m', v=1)
                    } else if let args = Self.callArguments(t, "source"), args.count == 2 {
                        x.sources.append(args)
                    } else if let args = Self.callArguments(t, "metric"), args.count == 1 || args.count == 2 {
                        // linked once the semantic layer is read (linkExposureMetrics)
                        x.metrics.append(args)
                        x.metricSpans.append(dep.span)
                    } else {
                        error("exposure '\(name)' depends on '\(s)', which is not a ref(), source() or metric()", dep.span,
                              hint: "write ref('model'), source('source', 'table') or metric('metric')")
                    }
                }
                if enabled { manifest.exposures[uid] = x } else { manifest.disabledExposures[uid] = x }
            }
        }
    }

    /// The next `{% <tag>` (or `{%- <tag>`) followed by white space or `%}`, e.g. `{% enddocs %}`.
    static func docsTag(_ tag: String, in text: Substring) -> Range<Substring.Index>? {
        var from = text.startIndex
        while let r = text.range(of: "{%", range: from..<text.endIndex) {
            var i = r.upperBound
            if i < text.endIndex, text[i] == "-" { i = text.index(after: i) }
            while i < text.endIndex, text[i] == " " || text[i] == "\t" || text[i] == "\n" { i = text.index(after: i) }
            if text[i...].hasPrefix(tag) {
                let after = text.index(i, offsetBy: tag.count)
                if after == text.endIndex || [" ", "\t", "\n", "%", "-"].contains(text[after]) { return r.lowerBound..<after }
            }
            from = r.upperBound
        }
        return nil
    }

    static func callArguments(_ text: String, _ fn: String) -> [String]? {
        guard text.hasPrefix(fn + "("), text.hasSuffix(")") else { return nil }
        let inner = text.dropFirst(fn.count + 1).dropLast()
        return inner.split(separator: ",").map { NodeFactory.stripped(String($0)).trimmingCharacters(in: "'\"") }
    }

    /// The place of a quoted name ('x' or "x") in a node's file, for errors about a ref to it.
    func placeOfQuoted(_ name: String, in node: Node) -> SourceSpan? {
        let single = placeOf("'\(name)'", in: node)
        if single != node.span { return single }
        return placeOf("\"\(name)\"", in: node)
    }

    /// The place of `needle` in a node's file (the node's start when absent).
    func placeOf(_ needle: String, in node: Node) -> SourceSpan? {
        placeOf(needle, inFile: node.displayPath) ?? node.span
    }

    /// The place of `needle` in the project file at `path` (root-relative), if it is there.
    func placeOf(_ needle: String, inFile path: String) -> SourceSpan? {
        guard let file = scopes.lazy.compactMap({ $0.files.first { $0.path == path } }).first else { return nil }
        return Self.place(of: needle, in: file.text, file: path, standalone: false)
    }

    /// `flags: {require_ref_searches_node_package_before_root: true}` in the root project file.
    var packageFirst: Bool {
        if case .bool(let on, _)? = project.config.flags?["require_ref_searches_node_package_before_root"] { return on }
        return false
    }

    /// Each node's dependencies when every ref() and source() it makes resolves without a
    /// message, else nil (`linkDependencies` then reports what is wrong). In parallel: this is
    /// all of linking on a sound project, and a third of its time was the lookups.
    static func quickLinks(_ ids: [String], _ nodes: [String: Node], refs: RefIndex, sources: SourceIndex,
                           rootProject: String, packageFirst: Bool, threads: Int) -> [[String]?] {
        parallelSlices(count: ids.count, threads: threads, slices: threads * 4) { range in
            range.map { i -> [String]? in
                guard let node = nodes[ids[i]] else { return nil }
                var deps: [String] = []
                for r in node.refs {
                    guard case .found(let found) = refs.lookup(r, from: node.packageName) else { return nil }
                    // a package depending on the root project's model gets a warning
                    if !packageFirst, node.packageName != rootProject, found.packageName == rootProject,
                       r.package != rootProject { return nil }
                    if !deps.contains(found.uniqueId) { deps.append(found.uniqueId) }
                }
                for s in node.sources {
                    guard s.count == 2, let sid = sources.source(s[0], s[1], from: node.packageName)?.uniqueId else { return nil }
                    if !deps.contains(sid) { deps.append(sid) }
                }
                return sourcesFirst(deps)
            }
        }.flatMap { $0 }
    }

    /// dbt links a node's sources before its refs, so depends_on.nodes lists them first.
    static func sourcesFirst(_ deps: [String]) -> [String] {
        deps.filter { $0.hasPrefix("source.") } + deps.filter { !$0.hasPrefix("source.") }
    }

    mutating func linkDependencies() {
        let packageFirst = self.packageFirst
        manifest.refSearchesPackageFirst = packageFirst
        // Resolved first and set after: the indexes hold every node, and setting a field of a
        // node something else holds copies all its fields.
        var resolved: [(id: String, deps: [String])] = []
        var foreignKeys: [(id: String, target: String)] = []
        do {
            let refs = RefIndex(manifest.nodes.values, rootProject: projectName, packageFirst: packageFirst)
            // for messages only: made when there is something to report
            lazy var refNames: Set<String> = Set(refs.names)
            var disabledByName: [String: String] = [:]
            for (uid, n) in manifest.disabled { disabledByName[n.name] = uid }
            lazy var names = refs.names
            let sources = SourceIndex(manifest.sources.values, rootProject: projectName, packageFirst: packageFirst)
            let ids = Array(manifest.nodes.keys)
            let linked = Builder.quickLinks(ids, manifest.nodes, refs: refs, sources: sources, rootProject: projectName,
                                            packageFirst: packageFirst, threads: options.threads)
            var slow: [String] = []
            for (uid, quick) in zip(ids, linked) {
                if let deps = quick { resolved.append((uid, deps)) } else { slow.append(uid) }
            }
            // the nodes with something to report, in id order so the report is the same each
            // time (sorting every id was a tenth of linking a large project)
            for uid in slow.sorted() {
                guard let node = manifest.nodes[uid] else { continue }
                var deps: [String] = []
                for r in node.refs {
                    let lookup = refs.lookup(r, from: node.packageName)
                    if case .ambiguous(let packages) = lookup {
                        error("ref('\(r.name)') matches models in several packages: " + packages.joined(separator: ", "),
                              placeOfQuoted(r.name, in: node),
                              hint: "name the package with a two-argument ref, e.g. ref('\(packages.first ?? "package")', '\(r.name)')")
                    } else if case .found(let found) = lookup {
                        let target = found.uniqueId
                        if !deps.contains(target) { deps.append(target) }
                        if !packageFirst, node.packageName != projectName, found.packageName == projectName, r.package != projectName {
                            // dbt warns: the package now depends on whatever the root project calls this name.
                            warning("\(node.resourceType.rawValue) '\(node.name)' in package '\(node.packageName)' depends on the root project's \(target)",
                                    placeOfQuoted(r.name, in: node),
                                    hint: "dbt looks up a package's ref() in the root project first; set `flags: {require_ref_searches_node_package_before_root: true}` in the project file to look in the package first")
                        }
                    } else if let v = r.version, refNames.contains(r.name) {
                        let known = refs.versions(of: r.name)
                        error("ref('\(r.name)', v=\(v)) names no version of '\(r.name)'", placeOfQuoted(r.name, in: node),
                              hint: known.isEmpty ? "'\(r.name)' has no versions" : "its versions are " + known.joined(separator: ", "))
                    } else if disabledByName[r.name] != nil {
                        error("\(node.resourceType.rawValue) '\(node.name)' depends on '\(r.name)', which is disabled",
                              placeOfQuoted(r.name, in: node), hint: "enable '\(r.name)' or remove the ref")
                    } else if let package = r.package, refNames.contains(r.name) {
                        error("ref('\(package)', '\(r.name)'): package '\(package)' has no model, seed or snapshot '\(r.name)'",
                              placeOfQuoted(r.name, in: node), hint: refs.packages(of: r.name).isEmpty ? nil
                                : "'\(r.name)' is in " + refs.packages(of: r.name).joined(separator: ", "))
                    } else {
                        let python = project.pythonModelPaths.first { ($0 as NSString).lastPathComponent == r.name + ".py" }
                        let hint = python.map { "'\(r.name)' is a Python model (\($0)), which flowc does not build" }
                            ?? Suggest.didYouMean(r.name, names).map { "did you mean '\($0)'?" }
                        error("ref('\(r.name)') names no model, seed or snapshot", placeOfQuoted(r.name, in: node), hint: hint)
                    }
                }
                for s in node.sources {
                    if let sid = sources.source(s[0], s[1], from: node.packageName)?.uniqueId {
                        if !deps.contains(sid) { deps.append(sid) }
                    } else {
                        let known = manifest.sources.values.map { "\($0.sourceName).\($0.name)" }
                        let hint = Suggest.didYouMean("\(s[0]).\(s[1])", known).map { "did you mean '\($0)'?" }
                        error("source('\(s[0])', '\(s[1])') is not defined in any properties file", placeOfQuoted(s[1], in: node),
                              hint: hint ?? "declare it under `sources:` in a .yml file")
                    }
                }
                resolved.append((uid, Builder.sourcesFirst(deps)))
            }
            for (uid, var x) in manifest.exposures {
                for r in x.refs {
                    if let t = refs.node(r, from: x.packageName)?.uniqueId {
                        x.dependsOnNodes.append(t)
                    } else if disabledByName[r.name] != nil {
                        // dbt's words for a disabled parent
                        error("Exposure '\(uid)' (\(x.originalFilePath)) depends on a node named '\(r.name)' which is disabled", x.span,
                              hint: "enable '\(r.name)', or remove it from the exposure's depends_on")
                    } else {
                        error("exposure '\(x.name)' refs '\(r.name)', which does not exist", x.span,
                              hint: Suggest.didYouMean(r.name, names).map { "did you mean '\($0)'?" })
                    }
                }
                for s in x.sources {
                    x.dependsOnNodes.append(sources.source(s[0], s[1], from: x.packageName)?.uniqueId
                                            ?? "source.\(x.packageName).\(s[0]).\(s[1])")
                }
                // as dbt's depends_on: each node once, however often the exposure names it
                var seen: Set<String> = []
                x.dependsOnNodes = Builder.sourcesFirst(x.dependsOnNodes.filter { seen.insert($0).inserted })
                manifest.exposures[uid] = x
            }
            // a project hook's refs and sources, for its depends_on in the manifest (hooks run
            // before or after all nodes, so they stay out of the DAG)
            for (uid, var op) in manifest.operations where !op.refs.isEmpty || !op.sources.isEmpty {
                var deps: [String] = []
                for r in op.refs {
                    if let t = refs.node(r, from: op.packageName)?.uniqueId, !deps.contains(t) { deps.append(t) }
                }
                for s in op.sources where s.count == 2 {
                    if let t = sources.source(s[0], s[1], from: op.packageName)?.uniqueId, !deps.contains(t) { deps.append(t) }
                }
                op.dependsOnNodes = Builder.sourcesFirst(deps)
                manifest.operations[uid] = op
            }
            foreignKeys = foreignKeyLinks(refs: refs, sources: sources)
        }
        for (uid, deps) in resolved { manifest.nodes[uid]?.dependsOnNodes = deps }
        for (uid, target) in foreignKeys where manifest.nodes[uid]?.dependsOnNodes.contains(target) == false {
            manifest.nodes[uid]?.dependsOnNodes.append(target)
        }
        var parents: [String: [String]] = [:]
        var children: [String: [String]] = [:]
        let size = manifest.nodes.count + manifest.sources.count + manifest.exposures.count + manifest.unitTests.count
        parents.reserveCapacity(size)
        children.reserveCapacity(size)
        for (uid, node) in manifest.nodes { parents[uid] = node.dependsOnNodes; children[uid] = [] }
        for uid in manifest.sources.keys { parents[uid] = []; children[uid] = [] }
        for (uid, x) in manifest.exposures { parents[uid] = x.dependsOnNodes; children[uid] = [] }
        // a unit test is a child of the model it tests (selecting the model selects it)
        for (uid, u) in manifest.unitTests { parents[uid] = u.dependsOnNodes; children[uid] = [] }
        // the cycle search on a thread of its own while the children are listed: linking is
        // one thread's work otherwise, and the search is a fifth of it on a large project
        let parentsOf = parents
        let searching = BackgroundValue { DAG.findCycle(parents: parentsOf) }
        for (child, ps) in parents { for p in ps { children[p, default: []].append(child) } }
        // sorted in place, through the values (a lookup by key per list was a visible cost)
        for i in children.values.indices { children.values[i].sort() }
        manifest.parentMap = parents
        manifest.childMap = children
        if let cycle = searching.value() {
            let first = cycle.first.flatMap { manifest.nodes[$0] }
            error("dependency cycle: " + cycle.map { $0.split(separator: ".").last.map(String.init) ?? $0 }.joined(separator: " -> "),
                  first?.span, hint: "a model cannot depend on itself, directly or through others")
        }
    }

    /// A contracted model's foreign keys (`to: ref('customers')`) are dependencies, as in dbt
    /// 1.9: the referenced table must exist before the constraint is created. A `to:` naming
    /// nothing is an error at its constraint.
    mutating func foreignKeyLinks(refs: RefIndex, sources: SourceIndex) -> [(id: String, target: String)] {
        var links: [(id: String, target: String)] = []
        // only contracted models have constraints that count; sorted for a stable error order
        let contracted = manifest.nodes.parallelCompactMap(threads: options.threads) { id, n in
            n.resourceType == .model && n.config["contract"]?["enforced"]?.boolValue == true ? id : nil
        }.sorted()
        for uid in contracted {
            guard let node = manifest.nodes[uid] else { continue }
            let constraints = node.constraints.map { ($0, node.span) }
                + node.columns.flatMap { c in c.constraints.map { ($0, c.span ?? node.span) } }
            for (c, span) in constraints where c["type"]?.stringValue == "foreign_key" {
                guard let to = c["to"]?.stringValue else { continue }
                var target: String?
                switch RelationReference.parse(to) {
                case .ref(let call)?: target = refs.node(call, from: node.packageName)?.uniqueId
                case .source(let s, let t)?: target = sources.source(s, t, from: node.packageName)?.uniqueId
                default: break
                }
                guard let target else {
                    error("the foreign key of model '\(node.name)' points `to: \(to)`, which names no model, seed, snapshot or source",
                          span, hint: "write `to: ref('model')` or `to: source('source', 'table')`")
                    continue
                }
                if target != uid { links.append((uid, target)) }
            }
        }
        return links
    }
}

extension String {
    func trimmingDash() -> String {
        var s = Substring(self)
        while s.first == "-" { s.removeFirst() }
        while s.last == "-" { s.removeLast() }
        return NodeFactory.stripped(String(s))
    }

    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}

public enum DAG {
    /// A cycle as a path that returns to its start, or nil.
    public static func findCycle(parents: [String: [String]]) -> [String]? {
        // Whether there is a cycle does not depend on the visiting order, which cycle is
        // reported does: sorting the names (a tenth of linking a large project) is left to the
        // rare graph that has one.
        guard findCycle(parents: parents, names: Array(parents.keys)) != nil else { return nil }
        return findCycle(parents: parents, names: parents.keys.sorted())
    }

    static func findCycle(parents: [String: [String]], names: [String]) -> [String]? {
        // Depth-first over integer indices (string-keyed state was most of linking a large
        // project), iterative so a long chain cannot overflow the stack. Roots in the order
        // given, parents in their listed order.
        var index: [String: Int] = [:]
        index.reserveCapacity(names.count)
        for (i, n) in names.enumerated() { index[n] = i }
        let edges: [[Int]] = names.map { (parents[$0] ?? []).compactMap { index[$0] } }
        var state = [UInt8](repeating: 0, count: names.count)  // 1 visiting, 2 done
        var stack: [(node: Int, next: Int)] = []
        for root in 0..<names.count where state[root] == 0 {
            state[root] = 1
            stack.append((root, 0))
            while let top = stack.last {
                let ps = edges[top.node]
                if top.next == ps.count {
                    state[top.node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let p = ps[top.next]
                if state[p] == 1, let i = stack.firstIndex(where: { $0.node == p }) {
                    let path = stack[i...].map { names[$0.node] } + [names[p]]
                    return path.reversed()
                }
                if state[p] == 0 {
                    state[p] = 1
                    stack.append((p, 0))
                }
            }
        }
        return nil
    }
}


extension Builder {
    /// An exposure's config as dbt's ExposureConfig works it out: the project file's
    /// `exposures:` folder configs along its fqn (its package's, then the root project's), each
    /// key replaced (not merged) by a nearer one and then by its own `config:`.
    func exposureConfig(_ entry: YAMLValue, fqn: [String], scope: PackageScope) -> JSONObject {
        var config = JSONObject()
        var layers = scope.folderLayers(\.exposures, fqn: fqn, root: project.config)
        if case .object(let own)? = entry["config"]?.json { layers.append(own) }
        for layer in layers {
            for (k, v) in layer { config[ConfigMerge.canonicalKey(k)] = v }
        }
        return config
    }
}
