// Builds the Manifest from a loaded Project: macros parsed once, nodes created from files,
// configs resolved, every node's code rendered at parse time (in parallel) to record its refs,
// sources and config() calls, names resolved through generate_schema_name & co., generic
// tests expanded from YAML, sources read, and the DAG checked. All errors of a project are
// collected and reported together.
import FlowcProject
import FlowcSQL
import FlowcTemplate
import Synchronization

public struct GraphOptions: Sendable {
    public var target: Target
    public var dialect: Dialect
    public var environment: [String: String]
    public var cliVars: JSONObject
    public var threads: Int
    public var invocationId: String
    public var runStartedAt: String
    /// The command's arguments for `invocation_args_dict` while parsing (see RenderSetup).
    public var invocationArgs = JSONObject()

    public init(target: Target, dialect: Dialect, environment: [String: String], cliVars: JSONObject = JSONObject(),
                threads: Int = 2, invocationId: String, runStartedAt: String) {
        self.target = target
        self.dialect = dialect
        self.environment = environment
        self.cliVars = cliVars
        self.threads = threads
        self.invocationId = invocationId
        self.runStartedAt = runStartedAt
    }
}

public struct GraphBuild: Sendable {
    public var manifest: Manifest
    public var setup: RenderSetup
    /// Parsed templates of nodes with Jinja, by unique id, for compilation.
    public var templates: [String: Template]
    public var diagnostics: [Diagnostic]
    /// Parse-time renders that compiling may reuse, by unique id (ParseRenderReuse.swift).
    public var parseRenders: [String: ParseRender] = [:]
}

public enum GraphBuilder {
    public static func build(_ project: Project, options: GraphOptions) throws -> GraphBuild {
        var b = Builder(project: project, options: options)
        return try b.run()
    }
}

struct Builder: DiagnosticCollecting {
    let project: Project
    let options: GraphOptions
    var diagnostics: [Diagnostic] = []
    var manifest: Manifest
    var templates: [String: Template] = [:]
    var parseRenders: [String: ParseRender] = [:]
    /// The root project's name.
    let projectName: String
    /// The root project, then each installed package whose files become nodes.
    let scopes: [PackageScope]
    /// Each scope's dbt_project.yml folder configs, by package name.
    let resolvers: [String: ConfigResolver]
    /// Each source table's YAML after `overrides:` patches, by unique id (its tests come from it).
    var sourceTableEntries: [String: YAMLValue] = [:]

    init(project: Project, options: GraphOptions) {
        self.project = project
        self.options = options
        projectName = project.config.name
        scopes = PackageScope.all(project)
        var resolvers: [String: ConfigResolver] = [:]
        for scope in scopes { resolvers[scope.name] = ConfigResolver(projectName: scope.name, config: scope.config) }
        self.resolvers = resolvers
        manifest = Manifest(projectName: project.config.name, adapterType: options.target.type)
        manifest.targetPath = project.config.targetPath
        for scope in scopes where !scope.isRoot { manifest.packageDirectories[scope.name] = String(scope.prefix.dropLast()) }
    }

    static func leadingLines(_ text: String) -> Int {
        var lines = 0
        for ch in text.utf8 {
            if ch == 10 { lines += 1 } else if ch != 32 && ch != 9 && ch != 13 { break }
        }
        return lines
    }

    mutating func run() throws -> GraphBuild {
        let setup = try makeSetup()
        PhaseTimings.mark("graph: macros and setup")
        var nodes: [Node] = []
        var fileTexts: [String: String] = [:]
        // Nodes from files, made in parallel (hashing every file is most of it), in file order.
        let scopes = self.scopes
        let work = scopes.indices.flatMap { s in scopes[s].files.indices.map { (scope: s, file: $0) } }
        let made = parallelSlices(count: work.count, threads: options.threads, slices: options.threads * 4) { range in
            range.flatMap { i in Builder.nodes(from: scopes[work[i].scope].files[work[i].file], in: scopes[work[i].scope]) }
        }
        for (node, text) in made.joined() {
            fileTexts[Builder.textKey(node)] = text
            nodes.append(node)
        }
        // let go of here, before the nodes are changed in place: a node another array still
        // holds would be copied whole
        _ = consume made
        nodes.append(contentsOf: yamlSnapshots())
        let versioned = versionedModels()
        applyVersions(&nodes, versioned)
        let patches = collectPatches(nodes: nodes, setup: setup)
        applyConfigs(&nodes, patches: patches, versioned: versioned)
        PhaseTimings.mark("graph: nodes and configs")
        let parsed = parseRender(nodes, setup: setup, texts: fileTexts)
        DeferredRelease.drop(consume fileTexts)
        let unrendered = consume nodes
        nodes = parsed
        if rootConfigsReachPackages {
            // the nodes before rendering freed here: a package's rendered nodes are changed in
            // place next and must be the only holders of their fields
            _ = consume unrendered
            applyRootProjectConfigs(&nodes)
        } else {
            // nothing changes them in place before naming copies them: freed off this thread
            DeferredRelease.drop(consume unrendered)
        }
        // after config(): as in dbt, a disabled node may share an enabled one's name
        checkDuplicates(nodes)
        PhaseTimings.mark("graph: parse-render")
        PhaseTimings.note("\(parseRenders.count) of \(nodes.count { $0.resourceType == .model }) models' parse renders reusable")
        readSources(setup: setup)
        PhaseTimings.mark("graph: sources")
        var tests = buildGenericTests(patches: patches, nodes: nodes, versioned: versioned)
        PhaseTimings.mark("graph: generic tests")
        nodes.append(contentsOf: parseRenderTests(&tests, setup: setup))
        DeferredRelease.drop(consume tests)
        PhaseTimings.mark("graph: render tests")
        resolveNames(&nodes, setup: setup)
        checkRelationNames(nodes)
        checkMaterializations(nodes)
        PhaseTimings.mark("graph: names")
        manifest.nodes.reserveCapacity(nodes.count)
        for var node in nodes {
            if node.resourceType == .test, let config = ConfigResolver.storeFailuresFinalized(node.config) { node.config = config }
            if node.enabled { manifest.nodes[node.uniqueId] = node } else { manifest.disabled[node.uniqueId] = node }
        }
        // the manifest holds the only reference now, so linking sets fields in place, uncopied
        nodes = []
        readUnitTests(setup: setup)
        readProjectHooks(setup: setup)
        readDocsAndExposures(setup: setup)
        readSemanticLayer()
        readGroups()
        checkGroupConfigs()
        renderDocReferences(patches: patches)
        renderDescriptionJinja(patches: patches, setup: setup)
        linkDependencies()
        checkDeprecationDates()
        linkSemanticLayer()
        checkPrivateReferences()
        warnUnusedConfigPaths()
        checkMicrobatchModels()
        checkNodes(patches: patches)
        DeferredRelease.drop(consume patches)
        PhaseTimings.mark("graph: docs and links")
        if diagnostics.contains(where: \.isError) {
            throw ProjectErrors(diagnostics)
        }
        return GraphBuild(manifest: manifest, setup: setup, templates: templates, diagnostics: diagnostics, parseRenders: parseRenders)
    }

    /// The nodes one file defines (a snapshot file may hold several), each with the text to
    /// render at parse time.
    static func nodes(from file: ProjectFile, in scope: PackageScope) -> [(Node, String)] {
        let roots = scope.config
        let type: ResourceType
        let paths: [String]
        switch file.kind {
        case .model: type = .model; paths = roots.modelPaths
        case .seed: type = .seed; paths = roots.seedPaths
        case .singularTest: type = .test; paths = roots.testPaths
        case .analysis: type = .analysis; paths = roots.analysisPaths
        case .snapshot: type = .snapshot; paths = roots.snapshotPaths
        default: return []
        }
        // Identity from the package-relative path; the span keeps the root-relative one.
        var local = file
        local.path = scope.local(file.path)
        let span = SourceSpan(file: file.path, line: 1, column: 1)
        if type == .snapshot {
            return NodeFactory.snapshotNodes(local, project: scope.name, roots: paths).map { node in
                var node = node
                node.span = span
                return (node, "")
            }
        }
        var node = NodeFactory.node(local, type: type, project: scope.name, roots: paths)
        node.span = span
        if type == .analysis {
            // dbt files analyses under an "analysis" level, in the fqn and the path alike
            node.fqn = [scope.name, "analysis"] + node.fqn.dropFirst()
            node.path = "analysis/" + node.path
        }
        return [(node, file.text)]
    }

    /// The key of a node's file text: its file (two nodes may share a unique id while one of
    /// them is disabled).
    static func textKey(_ node: Node) -> String { node.span?.file ?? node.uniqueId }

    /// Names of enabled nodes are unique within a package (dbt keys them by package); packages
    /// may reuse names, and disabled nodes may reuse an enabled one's.
    mutating func checkDuplicates(_ nodes: [Node]) {
        var seen: [String: Node] = [:]
        for n in nodes where n.enabled {
            let key = "\(n.packageName).\(n.resourceType == .seed || n.resourceType == .snapshot ? "model" : n.resourceType.rawValue).\(n.name)"
                + (n.version.map { ".v\($0)" } ?? "")
            if let other = seen[key] {
                error("two resources are named '\(n.name)': \(other.displayPath) and \(n.displayPath)", n.span,
                      hint: "names must be unique within a project; rename one of the files")
            } else {
                seen[key] = n
            }
        }
    }
}
