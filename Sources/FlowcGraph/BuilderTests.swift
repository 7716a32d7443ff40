// Generic tests from properties YAML become test nodes; their arguments are rendered at parse
// time to record what they depend on (the tested model, `to: ref('x')`, …).
import FlowcProject
import FlowcSQL
import FlowcTemplate

/// A generic test as declared in YAML, before its node is made.
struct GenericTestRequest: Sendable {
    var spec: GenericTestSpec
    var column: String?
    var targetKind: String
    var targetName: String
    var modelArg: String
    var attachedTo: String?
    var file: String
    var fileKey: String
    var scope: PackageScope
    /// The root project's name (its folder configs win over a package's).
    var rootName: String
    /// The tested column's tags (and a source test's source and table tags).
    var inheritedTags: [String] = []
}

struct PendingTest {
    var node: Node
    var fileText: String
}

extension Builder {
    mutating func buildGenericTests(patches: [String: [PropertyPatch]], nodes: [Node],
                                    versioned: [String: VersionedModelSpec] = [:]) -> [Node] {
        var tests: [Node] = []
        var seen: Set<String> = []
        let scopeByName = Dictionary(scopes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        /// The sources' tests (each model's stay in its ModelTests, read below). A request's `file`
        /// is relative to its scope's root: a test belongs to the project whose YAML declares it.
        var requests: [GenericTestRequest] = []
        var topLevelArguments: (first: (test: String, on: String, package: String, file: String, span: SourceSpan)?, count: Int) = (nil, 0)
        var topLevelConfigs: (first: (key: String, test: String, file: String, span: SourceSpan)?, count: Int) = (nil, 0)
        // dbt 1.11 warns of both only under its require_generic_test_arguments_property flag (on by default)
        let warnsOfTestProperties: Bool = {
            if case .bool(let on, _)? = project.config.flags?["require_generic_test_arguments_property"] { return on }
            return true
        }()
        func noteTopLevelConfigs(_ spec: GenericTestSpec, file: String) {
            for c in spec.topLevelConfig {
                if topLevelConfigs.first == nil { topLevelConfigs.first = (c.key, spec.testName, file, c.span) }
                topLevelConfigs.count += 1
            }
        }
        func add(_ spec: GenericTestSpec, column: String?, targetKind: String, targetName: String, modelArg: String,
                 attachedTo: String?, file: String, fileKey: String, scope: PackageScope, inheritedTags: [String]) {
            requests.append(GenericTestRequest(spec: spec, column: column, targetKind: targetKind, targetName: targetName,
                                               modelArg: modelArg, attachedTo: attachedTo, file: file, fileKey: fileKey,
                                               scope: scope, rootName: projectName, inheritedTags: inheritedTags))
        }
        let modelIds = Dictionary(nodes.map { ($0.uniqueId, $0) }, uniquingKeysWith: { a, _ in a })
        var versions: [String: [Node]] = [:]
        for n in nodes where n.version != nil { versions["model.\(n.packageName).\(n.name)", default: []].append(n) }
        // each model's tests read in parallel (specs, columns, tags: a serial tenth of building a
        // large project's graph), then taken in key order, as one pass would
        let sorted = patches.sorted(by: { $0.key < $1.key })
        let context = ModelTestContext(scopes: scopeByName, modelIds: modelIds, versions: versions, versioned: versioned,
                                       dialect: options.dialect, rootName: projectName)
        let perModel = parallelSlices(count: sorted.count, threads: options.threads, slices: options.threads * 4) { range in
            range.map { context.tests(sorted[$0].key, sorted[$0].value) }
        }
        let modelTests = Array(perModel.joined())
        for model in modelTests {
            for entry in model.entries {
                switch entry {
                case .unreadable(let span):
                    error("cannot read this test entry", span, hint: "write a test name, or `name: {arguments}`")
                case .test(let index, let topLevel):
                    if let topLevel {
                        if topLevelArguments.first == nil { topLevelArguments.first = topLevel }
                        topLevelArguments.count += 1
                    }
                    noteTopLevelConfigs(model.requests[index].spec, file: model.requests[index].file)
                }
            }
        }
        for scope in scopes {
            for props in scope.properties {
                let file = scope.local(props.path)
                for src in props.sources where src["overrides"] == nil {
                    guard let sourceName = src["name"]?.string else { continue }
                    for table in src["tables"]?.list ?? [] {
                        guard let tableName = table["name"]?.scalarText else { continue }
                        let uid = "source.\(scope.name).\(sourceName).\(tableName)"
                        guard manifest.sources[uid] != nil else { continue }
                        let patch = PropertyPatch(sourceTableEntries[uid] ?? table, file: file)
                        // a source's columns are quoted by the table's `quoting.column`, else the source's
                        let quoteColumns = patch.entry["quoting"]?["column"] ?? src["quoting"]?["column"]
                        for (written, entry) in patch.tests {
                            let column = quotedTestColumn(written, columns: patch.entry["columns"]?.list ?? [],
                                                          quoteColumns: quoteColumns)
                            guard let spec = GenericTests.spec(entry) else { continue }
                            if !spec.argumentsNested && spec.hasTopLevelArguments {
                                if topLevelArguments.first == nil {
                                    topLevelArguments.first = (spec.testName, tableName, scope.name, file, spec.span)
                                }
                                topLevelArguments.count += 1
                            }
                            noteTopLevelConfigs(spec, file: file)
                            // dbt: the source's and the table's `tags:` (not their config's) and the column's
                            let columnEntry = written.flatMap { w in (patch.entry["columns"]?.list ?? []).first { $0["name"]?.scalarText == w } }
                            let sourceTags = [src, patch.entry].flatMap { ($0["tags"]?.list ?? []).compactMap(\.scalarText) }
                            add(spec, column: column, targetKind: "source", targetName: "\(sourceName)_\(tableName)",
                                modelArg: "source('\(sourceName)', '\(tableName)')", attachedTo: nil, file: file,
                                fileKey: "sources.\(sourceName)", scope: scope, inheritedTags: sourceTags + Self.entryTags(columnEntry))
                        }
                    }
                }
            }
        }
        // dbt 1.10's MissingArgumentsPropertyInGenericTestDeprecation, once, as dbt shows the
        // first occurrence and counts the rest
        if let first = topLevelConfigs.first, warnsOfTestProperties {
            // dbt 1.10's PropertyMovedToConfigDeprecation
            let others = topLevelConfigs.count - 1
            warning("found `\(first.key)` as a top-level property of `data_tests.\(first.test).\(first.key)` in \(first.file); "
                    + "it should be moved into the test's `config` (deprecated in dbt)"
                    + (others > 0 ? "; \(others) more test propert\(others == 1 ? "y is" : "ies are") written so" : ""),
                    first.span, hint: "write it under `config:` in the test's entry", event: "PropertyMovedToConfigDeprecation")
        }
        if let first = topLevelArguments.first, warnsOfTestProperties {
            let others = topLevelArguments.count - 1
            warning("found top-level arguments to test `\(first.test)` defined on '\(first.on)' in package '\(first.package)' "
                    + "(\(first.file)); arguments to generic tests should be nested under `arguments` (deprecated in dbt)"
                    + (others > 0 ? "; \(others) more test\(others == 1 ? " does" : "s do") the same" : ""),
                    first.span, hint: "write `- \(first.test):` then `arguments:` with the test's arguments under it",
                    event: "MissingArgumentsPropertyInGenericTestDeprecation")
        }
        // Test nodes are made in parallel (hashing their arguments for the id is most of it),
        // then checked for duplicate ids in declaration order.
        // the models' tests where they are, then the sources', addressed by (list, position)
        let lists = modelTests.map(\.requests) + [requests]
        var positions: [(list: Int, index: Int)] = []
        positions.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for (l, list) in lists.enumerated() { for i in list.indices { positions.append((l, i)) } }
        let resolvers = self.resolvers, declared = positions
        let made = parallelSlices(count: declared.count, threads: options.threads, slices: options.threads * 4) { range in
            range.map { Builder.makeGenericTest(lists[declared[$0].list][declared[$0].index], resolvers: resolvers) }
        }
        for node in made.joined() {
            guard seen.insert(node.uniqueId).inserted else {
                error("test '\(node.name)' is declared twice", node.span, hint: "give one of them a distinct `name:`")
                continue
            }
            tests.append(node)
        }
        return tests
    }

    /// An entry's `tags:` and `config: {tags:}` (a string or a list).
    static func entryTags(_ entry: YAMLValue?) -> [String] {
        func list(_ v: YAMLValue?) -> [String] { v?.list?.compactMap(\.scalarText) ?? v?.scalarText.map { [$0] } ?? [] }
        return list(entry?["tags"]) + list(entry?["config"]?["tags"])
    }

    /// One generic test node: dbt's name and id (a hash of its arguments), its config from the
    /// project's folder configs, the test's own config and, for a package's test, the root's.
    static func makeGenericTest(_ request: GenericTestRequest, resolvers: [String: ConfigResolver]) -> Node {
        let spec = request.spec, scope = request.scope, file = request.file
        // in dbt's kwargs order (names and ids sort them): column_name before arguments given
        // under `arguments:`, after top-level ones
        var args: [(String, JSON)] = spec.argumentsNested ? [] : spec.arguments
        if let column = request.column { args.append(("column_name", .string(column))) }
        if spec.argumentsNested { args.append(contentsOf: spec.arguments) }
        let testType = (spec.namespace.map { "\($0)_" } ?? "") + spec.testName
        let namePrefix = request.targetKind == "source" ? "source_\(testType)" : testType
        let (short, full) = spec.customName.map { ($0, $0) }
            ?? GenericTests.names(testType: namePrefix, targetName: request.targetName, arguments: args)
        var kwargs = JSONObject()
        for (k, v) in args { kwargs[k] = v }
        kwargs["model"] = .string(TestKwargs.modelArgument(request.modelArg))
        let metadata = TestMetadata(name: spec.testName, kwargs: kwargs, namespace: spec.namespace)
        let uid = "test.\(scope.name).\(full).\(GenericTests.hash(name: full, metadata: metadata))"
        let paths = scope.config
        let (_, rest) = NodeFactory.split(file, roots: paths.modelPaths + paths.seedPaths + paths.snapshotPaths
                                          + paths.analysisPaths)
        let macro = (spec.namespace.map { "\($0)." } ?? "") + "test_\(spec.testName)"
        var node = Node(uniqueId: uid, resourceType: .test, packageName: scope.name, name: full,
                        path: "\(short).sql", originalFilePath: file,
                        fqn: [scope.name] + NodeFactory.directories(rest) + [full],
                        rawCode: "{{ \(macro)(**_dbt_generic_test_kwargs) }}", checksum: "",
                        config: ConfigResolver.defaults(.test), span: spec.span)
        var config = node.config
        config["schema"] = "dbt_test__audit"
        for layer in resolvers[scope.name]?.folderLayers(.test, fqn: node.fqn) ?? [] { ConfigMerge.apply(layer, to: &config) }
        ConfigMerge.apply(spec.config, to: &config)
        for (k, v) in spec.config { node.unrenderedConfig[k] = v }
        // dbt names a test whose full name is too long by its short name, through the config()
        // call it appends to the test's code with the test's own configs
        let autoAlias = short != full && spec.config["alias"] == nil ? short : nil
        if let autoAlias {
            config["alias"] = .string(autoAlias)
            node.unrenderedConfig["alias"] = .string(autoAlias)
        }
        node.rawCode += GenericTests.configCall(spec.config, alias: autoAlias)
        // the config() call dbt appends is the test's config_call_dict
        node.configCallDict = spec.config
        if let autoAlias { node.configCallDict["alias"] = .string(autoAlias) }
        // The root project's `data_tests: <package>: …` configs win over a package's, as for models.
        if !scope.isRoot {
            for (layer, text) in resolvers[request.rootName]?.folderLayersWithText(.test, fqn: node.fqn) ?? [] {
                ConfigMerge.apply(layer, to: &config)
                for (k, v) in text { node.unrenderedConfig[ConfigMerge.canonicalKey(k)] = v }
            }
        }
        node.config = config
        if !request.inheritedTags.isEmpty {
            // dbt: sorted(set(inherited + the test's own config tags)), the project's after them
            let own = ConfigMerge.asList(spec.config["tags"] ?? .null).compactMap(\.stringValue)
            node.inheritedTags = Array(Set(request.inheritedTags + own)).sorted()
        }
        node.testMetadata = metadata
        node.columnName = request.column
        node.attachedNode = request.attachedTo
        node.fileKeyName = request.fileKey
        return node
    }

    /// Renders each test's arguments in parse mode to learn its dependencies.
    mutating func parseRenderTests(_ tests: inout [Node], setup: RenderSetup) -> [Node] {
        let input = tests
        let macroDependencies = manifest.macros.mapValues(\.dependsOnMacros)
        let results = parallelChunks(count: input.count, threads: options.threads) { range -> [ParsedNode] in
            guard let worker = try? RenderWorker(setup: setup) else { return [] }
            var out: [ParsedNode] = []
            // the macros a test's parse-time render can reach, per test macro (see below)
            var reachable: [String: Set<String>] = [:]
            // a model's tests share their argument texts, and most tests share their code
            var templates: [String: Template] = [:]
            var syntaxChecked: Set<String> = []
            // the get_where_subquery every test's model argument renders through: the project's, else dbt's
            let whereMacro = [setup.projectName, BuiltinMacros.packageName]
                .map { "macro.\($0).get_where_subquery" }.first { worker.macroOrigins[$0] != nil }
            func template(_ text: String, _ file: String) throws -> Template {
                let key = file + "\u{0}" + text  // errors name the file
                if let t = templates[key] { return t }
                let t = try worker.environment.parse(text, name: file)
                templates[key] = t
                return t
            }
            for i in range {
                var node = input[i]
                let state = NodeState(node: node, mode: .parse)
                state.configReadsEmpty = true
                var diags: [Diagnostic] = []
                // dbt renders the string values of a test's own config natively as it builds the
                // test: `enabled: "{{ target.type == 'bigquery' }}"` decides whether it exists,
                // `severity: "{{ … }}"` what it is (its unrendered_config shows the value too)
                for (k, v) in node.unrenderedConfig {
                    guard case .string(let text) = v, text.holdsJinjaTag,
                          node.config[k] == v else { continue }
                    do {
                        let rendered = JSON(value: try worker.evaluateNative(text, state: state))
                        node.config[k] = rendered
                        node.unrenderedConfig[k] = rendered
                        if node.configCallDict[k] != nil { node.configCallDict[k] = rendered }
                        // the config() call in its code shows the rendered value too, as dbt's
                        node.rawCode = node.rawCode.replacingOccurrences(
                            of: "\(k)=" + GenericTests.configArgument(v), with: "\(k)=" + GenericTests.configArgument(rendered))
                    } catch {
                        diags.append(Diagnostic(templateError: error,
                                                inValueAt: node.span ?? SourceSpan(file: node.displayPath, line: 1, column: 1)))
                    }
                }
                // depends_on.macros as dbt's parse lists it: the test macro (the test's own
                // package's, else the root project's, else dbt's); compiling adds
                // get_where_subquery (ManifestNodeJSON.swift)
                let testMacro = "test_\(node.testMetadata?.name ?? "")"
                let package = node.testMetadata?.namespace
                    ?? [node.packageName, setup.projectName].first { worker.macroOrigins["macro.\($0).\(testMacro)"] != nil }
                    ?? "dbt"
                if let d = TestKwargs.unknownTestArgument(node, macro: worker.packageMacroDefinition(package, testMacro)) { diags.append(d) }
                do {
                    if package != BuiltinMacros.packageName, let kwargs = node.testMetadata?.kwargs {
                        // A test macro of a project or package is rendered, as dbt parses it, for
                        // the config() calls it makes (dbt_utils' equal_rowcount sets its
                        // fail_calc so). They sit between the project file's configs and the
                        // test's own in properties files (which unrenderedConfig holds).
                        state.extraContext["_dbt_generic_test_kwargs"] = try TestKwargs.native(kwargs, worker: worker, state: state)
                        state.capturesLeniently = true
                        if (try? worker.render(try template(node.rawCode, node.displayPath), state: state)) != nil {
                            for (k, v) in state.configCalls {
                                let key = ConfigMerge.canonicalKey(k)
                                guard node.unrenderedConfig[key] == nil else { continue }
                                node.config[key] = ConfigMerge.merged(key: key, old: node.config[key], new: v)
                                node.unrenderedConfig[key] = v
                            }
                        }
                    } else if let kwargs = node.testMetadata?.kwargs {
                        for (k, v) in kwargs where k != "column_name" {
                            if case .string(let s) = v {
                                let expression = TestKwargs.renderedText(k, s, node: node, worker: worker, mode: .parse)
                                // a lone ref()/source() records itself without a template
                                if worker.directRelation(expression, state: state) != nil { continue }
                                let text = TestKwargs.wrapFunctionCall(expression)
                                if text.containsBytes("{{") {
                                    _ = try worker.render(try template(text, node.displayPath), state: state)
                                }
                            } else if case .array = v {
                                // strings inside a list argument render too (refs they make count)
                                _ = try TestKwargs.nativeNested(v, worker: worker, state: state)
                            } else if case .object = v {
                                _ = try TestKwargs.nativeNested(v, worker: worker, state: state)
                            }
                        }
                    }
                    if !syntaxChecked.contains(node.rawCode) {
                        _ = try worker.environment.parse(node.rawCode, name: node.displayPath)  // syntax check
                        syntaxChecked.insert(node.rawCode)
                    }
                } catch {
                    // the test's code and arguments come from its entry in the properties file
                    diags.append(Diagnostic(templateError: error,
                                            inValueAt: node.span ?? SourceSpan(file: node.displayPath, line: 1, column: 1)))
                }
                node.refs = state.refs
                node.sources = state.sources
                // the test macro once (its parse-time render above records it too), then the
                // get_where_subquery that renders its model argument: dbt renders every generic
                // test at parse but its own not_null and unique (compiling adds it to those)
                let testMacroId = "macro.\(package).\(testMacro)"
                let fastPath = package == BuiltinMacros.packageName && ["not_null", "unique"].contains(node.testMetadata?.name ?? "")
                // Other macros called at the top level (from its arguments) count only when
                // dbt's test context has them: it holds just the test macro, get_where_subquery
                // and what those depend on, so `{{ dbt_date.yesterday() }}` in an argument is
                // an undefined name at dbt's parse and not a dependency.
                let roots = [testMacroId] + (whereMacro.map { [$0] } ?? [])
                let key = roots.joined(separator: " ")
                let inContext = reachable[key] ?? MacroClosure.of(roots, dependencies: macroDependencies)
                reachable[key] = inContext
                node.dependsOnMacros = [testMacroId] + (fastPath ? [] : whereMacro.map { [$0] } ?? [])
                    + state.macrosCalled.filter {
                        !$0.hasSuffix(".get_where_subquery") && $0 != testMacroId && inContext.contains($0)
                    }
                // a disabled test is never run, so dbt does not look for its macro either
                if node.enabled, node.testMetadata?.namespace == nil,
                   [node.packageName, setup.projectName, BuiltinMacros.packageName].allSatisfy({ worker.packageMacro($0, testMacro) == nil }) {
                    diags.append(Diagnostic(.error, "no generic test named '\(node.testMetadata?.name ?? "")'",
                                            span: node.span,
                                            hint: "define `{% test \(node.testMetadata?.name ?? "name")(model, column_name) %}` in macros/ or tests/generic/"))
                }
                out.append(ParsedNode(node: node, template: nil, diagnostics: diags))
            }
            return out
        }
        var out: [Node] = []
        for r in results {
            diagnostics.append(contentsOf: r.diagnostics)
            out.append(r.node)
        }
        return out
    }
    /// A column test's column as dbt passes it: quoted by the adapter when the column says
    /// `quote: true`, or says nothing and its entry quotes columns (`quote_columns: true` on a
    /// model, `quoting: {column: true}` on a source); the test's name is made from that text.
    func quotedTestColumn(_ column: String?, columns: [YAMLValue], quoteColumns: YAMLValue?) -> String? {
        Self.quotedTestColumn(column, columns: columns, quoteColumns: quoteColumns, dialect: options.dialect)
    }

    static func quotedTestColumn(_ column: String?, columns: [YAMLValue], quoteColumns: YAMLValue?, dialect: Dialect) -> String? {
        guard let column else { return nil }
        let entry = columns.first { $0["name"]?.scalarText == column }
        let quote: Bool
        if case .bool(let q, _)? = entry?["quote"] { quote = q }
        else if case .bool(let q, _)? = quoteColumns { quote = q }
        else { quote = false }
        return quote ? dialect.quote(column) : column
    }

}

public enum TestKwargs {
    /// An argument the test macro has no parameter for (and no `kwargs` to take it): dbt's parse
    /// stops on it ("takes no keyword argument"), usually a misspelt name (`value:` for `values:`).
    static func unknownTestArgument(_ node: Node, macro def: MacroDefinition?) -> Diagnostic? {
        guard let metadata = node.testMetadata, let def, !def.acceptsAnyKeyword else { return nil }
        let known = def.parameterNames
        guard let bad = metadata.kwargs.keys.first(where: { !known.contains($0) }) else { return nil }
        let offered = known.filter { $0 != "model" && $0 != "column_name" }
        let hint = Suggest.didYouMean(bad, offered).map { "did you mean '\($0)'? " } ?? ""
        return Diagnostic(.error, "test '\(metadata.name)' takes no argument '\(bad)'", span: node.span,
                          hint: hint + (offered.isEmpty ? "it takes no arguments besides the model and column"
                                        : "its arguments are " + offered.joined(separator: ", ")))
    }

    /// `_dbt_generic_test_kwargs`: each argument rendered natively in the state's mode
    /// (`ref('x')` and `{{ … }}` become relations and values; parsing records the refs),
    /// `column_name` kept as text.
    public static func native(_ kwargs: JSONObject, worker: RenderWorker, state: NodeState) throws -> Value {
        dict(try nativePairs(kwargs, worker: worker, state: state))
    }

    /// The arguments as the dict the test macro is called with.
    static func dict(_ pairs: [(String, Value)]) -> Value {
        let d = DictBox()
        for (k, v) in pairs { d.set(.string(k), v) }
        return .dict(d)
    }

    /// The arguments of `native(_:worker:state:)`, in order, before they make a dict.
    static func nativePairs(_ kwargs: JSONObject, worker: RenderWorker, state: NodeState) throws -> [(String, Value)] {
        var pairs: [(String, Value)] = []
        pairs.reserveCapacity(kwargs.count)
        for (k, v) in kwargs {
            if k != "column_name", case .string(let s) = v {
                let text = renderedText(k, s, node: state.node, worker: worker, mode: state.mode)
                pairs.append((k, try worker.directRelation(text, state: state) ?? worker.evaluateNative(text, state: state)))
            } else if k != "column_name" {
                pairs.append((k, try nativeNested(v, worker: worker, state: state)))
            } else {
                pairs.append((k, Value(json: v)))
            }
        }
        return pairs
    }

    /// A list or dict argument with each string in it rendered natively, at any depth, as
    /// dbt's deep_map_refs does (`values: ["{{ my_type() }}", x]`).
    static func nativeNested(_ v: JSON, worker: RenderWorker, state: NodeState) throws -> Value {
        switch v {
        case .string(let s):
            // plain text renders to itself: skip the renderer for it
            guard s.containsBytes("{") || s.containsBytes("(") else { return .string(s) }
            return try worker.evaluateNative(s, state: state)
        case .array(let items):
            return .list(try items.map { try nativeNested($0, worker: worker, state: state) })
        case .object(let o):
            let d = DictBox()
            for (k, x) in o { d.set(.string(k), try nativeNested(x, worker: worker, state: state)) }
            return .dict(d)
        default:
            return Value(json: v)
        }
    }

    /// A generic test's `model` argument as dbt writes it: `{{ get_where_subquery(ref('x')) }}`.
    static func modelArgument(_ relation: String) -> String {
        "{{ get_where_subquery(" + relation + ") }}"
    }

    /// The relation expression inside `modelArgument(_:)` (`ref('x')`), or nil for other text.
    public static func relationExpression(ofModelArgument text: String) -> String? {
        let prefix = "{{ get_where_subquery(", suffix = ") }}"
        guard text.hasPrefix(prefix), text.hasSuffix(suffix), text.utf8.count > prefix.utf8.count + suffix.utf8.count else { return nil }
        return String(text.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// The text to render for argument `key` of a test. The `model` argument skips dbt's own
    /// get_where_subquery when that could only return the relation: at parse time (only the
    /// ref() it records matters) or for a test without a `where` config. A call through
    /// adapter.dispatch per test was a third of rendering tests.
    public static func renderedText(_ key: String, _ text: String, node: Node, worker: RenderWorker,
                                    mode: RenderMode) -> String {
        guard key == "model", worker.whereSubqueryIsBuiltin,
              let relation = relationExpression(ofModelArgument: text) else { return text }
        if mode == .compile && hasWhere(node.config["where"]) { return text }
        return relation
    }

    /// Whether a `where` config value makes get_where_subquery filter (Jinja truthiness; any
    /// value other than none, false and '' counts).
    static func hasWhere(_ value: JSON?) -> Bool {
        switch value {
        case nil, .null?, .bool(false)?: return false
        case .string(let s)?: return !s.isEmpty
        default: return true
        }
    }
    /// dbt renders `ref('x')`-like argument strings as if written `{{ ref('x') }}`.
    static func wrapFunctionCall(_ s: String) -> String {
        let t = NodeFactory.stripped(s)
        for fn in ["env_var", "ref", "var", "source", "doc"] where t.hasPrefix(fn) {
            let rest = t.dropFirst(fn.count).drop { $0 == " " || $0 == "\t" }
            if rest.first == "(" && t.hasSuffix(")") { return "{{ \(t) }}" }
        }
        return s
    }
}
