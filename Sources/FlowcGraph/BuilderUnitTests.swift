// dbt unit tests (`unit_tests:` in properties files): read, checked as dbt checks them at parse
// time (the YAML's shape, the tested model and its versions, the is_incremental override,
// fixture files), and stored as unit-test nodes depending on their model. Running them is the
// run stage's (FlowcRun's UnitTest* files).
import FlowcProject
import FlowcTemplate

extension Builder {
    static let unitTestKeys = ["name", "model", "given", "expect", "description", "overrides", "config", "versions"]
    static let fixtureKeys = ["input", "rows", "format", "fixture"]

    /// Reads every scope's unit tests into `manifest.unitTests` (or `disabled`). Runs once the
    /// models are in the manifest: a unit test names its model, as a ref would.
    mutating func readUnitTests(setup: RenderSetup) {
        guard scopes.contains(where: { $0.properties.contains { !$0.unitTests.isEmpty } }) else { return }
        // for Jinja in configs (`tags: "{{ … }}"`), made only when a config has some
        let templated = scopes.contains { $0.properties.contains { $0.unitTests.contains { item in
            guard let config = item["config"] else { return false }
            let text = JSONWriter.string(config.json)
            return text.holdsJinjaTag
        } } }
        let worker = templated ? try? RenderWorker(setup: setup) : nil
        // the models by package and name, once (a version is one more model of its name)
        var models = ModelsByName()
        for n in manifest.nodes.values where n.resourceType == .model { models.enabled[ModelsByName.key(n.packageName, n.name), default: []].append(n) }
        for n in manifest.disabled.values where n.resourceType == .model { models.disabled.insert(ModelsByName.key(n.packageName, n.name)) }
        for scope in scopes {
            let fixtures = scope.files.filter { $0.kind == .fixture }
            for props in scope.properties {
                for item in props.unitTests {
                    readUnitTest(item, file: props.path, scope: scope, fixtures: fixtures, models: models, worker: worker)
                }
            }
        }
    }

    /// Enabled models (with their versions) and disabled ones, by package and name.
    struct ModelsByName {
        var enabled: [String: [Node]] = [:]
        var disabled: Set<String> = []
        static func key(_ package: String, _ name: String) -> String { package + "\u{0}" + name }
    }

    private mutating func readUnitTest(_ item: YAMLValue, file: String, scope: PackageScope, fixtures: [ProjectFile],
                                       models: ModelsByName, worker: RenderWorker?) {
        guard let name = item["name"]?.scalarText else { return }
        let what = "unit test '\(name)'"
        // one error per malformed unit test: what follows a bad key would only repeat it
        let errorsBefore = diagnostics.filter(\.isError).count
        if name.contains("/") || name.contains("\\") || name.hasPrefix(".") {
            // its name is a file name under target/
            error("\(what): a unit test's name cannot contain '/' or '\\' or start with '.'", item["name"]?.span,
                  hint: "name it like a model: letters, digits and underscores")
            return
        }
        for entry in item.entries ?? [] where !Self.unitTestKeys.contains(entry.key) {
            let hint = Suggest.didYouMean(entry.key, Self.unitTestKeys).map { "did you mean '\($0)'?" }
            error("\(what) has an unknown key '\(entry.key)'", entry.keySpan,
                  hint: hint ?? "a unit test takes " + Self.unitTestKeys.joined(separator: ", "))
        }
        if diagnostics.filter(\.isError).count > errorsBefore { return }
        guard let modelValue = item["model"], let model = modelValue.scalarText, !model.isEmpty else {
            error("\(what) has no 'model'", item["name"]?.span, hint: "name the model it tests: `model: my_model`")
            return
        }
        guard let givenList = item["given"]?.list else {
            error("\(what) needs 'given', a list of inputs", item["given"]?.span ?? item["name"]?.span,
                  hint: "each input is `- input: ref('parent')` with `rows:`")
            return
        }
        guard let expectValue = item["expect"], expectValue.isMap else {
            error("\(what) needs 'expect', a mapping with `rows:`", item["expect"]?.span ?? item["name"]?.span,
                  hint: "for example `expect: {rows: [{id: 1}]}`")
            return
        }
        var given: [UnitTestSpec.Fixture] = []
        for g in givenList {
            guard g.isMap, let input = g["input"]?.scalarText else {
                error("each 'given' entry of \(what) needs an 'input'", g.span,
                      hint: "`- input: ref('model')`, `source('source', 'table')` or `this`")
                continue
            }
            if let f = readFixture(g, input: input, what: what, file: file, scope: scope, fixtures: fixtures) { given.append(f) }
        }
        guard let expect = readFixture(expectValue, input: "", what: what, file: file, scope: scope, fixtures: fixtures) else {
            return
        }
        let overrides = readOverrides(item["overrides"], what: what)
        let local = scope.local(file)
        let (_, rest) = NodeFactory.split(local, roots: scope.config.modelPaths)
        let fqn = [scope.name] + NodeFactory.directories(rest) + [model, name]
        var (config, enabled) = readUnitTestConfig(item["config"], what: what, package: scope.name, worker: worker)
        Self.layerUnitTestConfig(&config, enabled: &enabled, explicit: item["config"],
                                 folders: scope.folderLayers(\.unitTests, fqn: fqn, root: project.config))
        if diagnostics.filter(\.isError).count > errorsBefore { return }
        var versionsSpec: JSONObject?
        if let v = item["versions"] {
            guard v.isMap, v.keys.allSatisfy({ $0 == "include" || $0 == "exclude" }) else {
                error("'versions' of \(what) must be `{include: [..]}` or `{exclude: [..]}`", v.span, hint: nil)
                return
            }
            for key in ["include", "exclude"] where v[key] != nil && v[key]?.list == nil {
                error("'versions.\(key)' of \(what) must be a list of versions", v[key]?.span, hint: "for example `\(key): [2]`")
                return
            }
            if v["include"] != nil && v["exclude"] != nil {
                error("\(what) can not both include and exclude versions", v.span, hint: "keep one of the two lists")
                return
            }
            versionsSpec = v.json.objectValue
        }

        let spec = UnitTestSpec(model: model, given: given, expect: expect, overrides: overrides, versions: versionsSpec)
        /// The unit-test node for one tested model (a version of it, or none when it is disabled).
        func makeNode(model tested: Node?, suffix: String) -> Node {
            var node = Node(uniqueId: "unit_test.\(scope.name).\(model).\(name)\(suffix)", resourceType: .unitTest,
                            packageName: scope.name, name: name, path: rest, originalFilePath: local,
                            fqn: fqn, rawCode: "",
                            checksum: Self.unitTestChecksum(spec), config: config, span: item["name"]?.span)
            node.description = item["description"]?.scalarText ?? ""
            node.unitTest = spec
            node.version = tested?.version
            node.schema = tested?.schema ?? ""
            node.database = tested?.database ?? ""
            node.alias = name + suffix
            return node
        }

        // the tested model: in the unit test's own package, enabled or not
        let candidates = models.enabled[ModelsByName.key(scope.name, model)] ?? []
        if candidates.isEmpty {
            let disabled = models.disabled.contains(ModelsByName.key(scope.name, model))
            if !disabled {
                let known = manifest.nodes.values.filter { $0.resourceType == .model && $0.packageName == scope.name }.map(\.name)
                let hint = Suggest.didYouMean(model, known).map { "did you mean '\($0)'?" }
                error("Unable to find model '\(scope.name).\(model)' for \(what)", modelValue.span,
                      hint: hint ?? "`model:` names a model of this project")
            }
            // a unit test of a disabled model is disabled with it, silently, as in dbt
            if disabled { let node = makeNode(model: nil, suffix: ""); manifest.disabled[node.uniqueId] = node }
            return
        }
        var tested = candidates.sorted { ($0.version ?? "") < ($1.version ?? "") }
        let versioned = tested.contains { $0.version != nil }
        if let spec = versionsSpec {
            guard versioned else {
                error("\(what) should not have a versions include or exclude when referencing non-versioned model '\(model)'",
                      item["versions"]?.span, hint: "remove `versions:`")
                return
            }
            let include = spec["include"]?.arrayValue?.map(Self.versionText)
            let exclude = spec["exclude"]?.arrayValue?.map(Self.versionText) ?? []
            for v in (include ?? []) + exclude where !tested.contains(where: { $0.version == v }) {
                error("\(what) referenced a version of '\(model)' which was not found: \(v)", item["versions"]?.span,
                      hint: "versions: " + tested.compactMap(\.version).joined(separator: ", "))
                return
            }
            tested = tested.filter { n in
                guard let v = n.version else { return false }
                return include.map { $0.contains(v) } ?? !exclude.contains(v)
            }
        }
        let macroOverrides = overrides?["macros"]?.objectValue ?? JSONObject()
        for m in tested {
            if m.materialized == "incremental" {
                guard case .bool(let incremental)? = macroOverrides["is_incremental"] else {
                    error("Boolean override for 'is_incremental' must be provided for \(what) in model '\(model)'",
                          item["name"]?.span, hint: "add `overrides: {macros: {is_incremental: false}}` (or true, with an `input: this`)")
                    return
                }
                if incremental && !given.contains(where: { RelationReference.parse($0.input) == .this }) {
                    error("\(what) for incremental model '\(model)' must have a 'this' input", item["name"]?.span,
                          hint: "add `- input: this` with the rows the model's table already holds")
                    return
                }
            }
            let suffix = versioned ? "_v\(m.version ?? "")" : ""
            var node = makeNode(model: m, suffix: suffix)
            let uid = node.uniqueId
            if manifest.unitTests[uid] != nil || manifest.disabled[uid] != nil {
                error("dbt found two unit_tests with the name \"\(name)\"", item["name"]?.span,
                      hint: "unit test names must be unique for a model; rename one")
                continue
            }
            if enabled && m.enabled {
                node.dependsOnNodes = [m.uniqueId]
                manifest.unitTests[uid] = node
            } else {
                manifest.disabled[uid] = node
            }
        }
    }

    /// A version as the YAML gives it (`2`, `"2"`, `2.0` read as written).
    static func versionText(_ v: JSON) -> String {
        switch v {
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .string(let s): return s
        default: return ""
        }
    }

    /// One `given` entry (input non-empty) or the `expect` block: rows normalised by format.
    private mutating func readFixture(_ value: YAMLValue, input: String, what: String, file: String, scope: PackageScope,
                                      fixtures: [ProjectFile]) -> UnitTestSpec.Fixture? {
        for entry in value.entries ?? [] where !Self.fixtureKeys.contains(entry.key) || (input.isEmpty && entry.key == "input") {
            let allowed = input.isEmpty ? ["rows", "format", "fixture"] : Self.fixtureKeys
            let hint = Suggest.didYouMean(entry.key, allowed).map { "did you mean '\($0)'?" }
            error("\(what) has an unknown key '\(entry.key)' in \(input.isEmpty ? "'expect'" : "its input \(input)")",
                  entry.keySpan, hint: hint ?? "an input takes " + allowed.joined(separator: ", "))
        }
        let format = value["format"]?.scalarText ?? "dict"
        guard ["dict", "csv", "sql"].contains(format) else {
            error("'\(format)' is not one of ['csv', 'dict', 'sql'] (\(what))", value["format"]?.span,
                  hint: "format is dict (the default), csv or sql")
            return nil
        }
        var fixture = UnitTestSpec.Fixture(input: input, format: format, span: value.span)
        let rows = value["rows"]
        if let name = value["fixture"]?.scalarText {
            fixture.fixture = name
            guard format != "dict" else {
                error("\(what) gives a fixture file to a dict input", value["fixture"]?.span,
                      hint: "fixture files are csv or sql: add `format: csv` or `format: sql`")
                return nil
            }
            guard let f = fixtures.first(where: { NodeFactory.baseName($0.path) == name && $0.path.hasSuffix("." + format) }) else {
                error("File not found for fixture '\(name)' in unit tests in \(scope.local(file))", value["fixture"]?.span,
                      hint: "put it at <test-path>/fixtures/\(name).\(format)")
                return nil
            }
            if format == "sql" {
                fixture.sql = Self.trailingSpaceStripped(f.text)
            } else if let table = csvRows(f.text, file: f.path, span: value["fixture"]?.span) {
                fixture.rows = table
            } else {
                return nil
            }
            return fixture
        }
        switch format {
        case "dict":
            if let rows {
                guard let list = rows.list ?? (rows.isNull ? [] : nil), list.allSatisfy(\.isMap) else {
                    error("\(what) has input rows which do not match format dict", rows.span,
                          hint: "dict rows are a list of mappings: `rows: [{id: 1}]`")
                    return nil
                }
                fixture.rows = list.compactMap { $0.json.objectValue }
            } else if input.isEmpty {
                error("\(what) has an 'expect' without rows", value.span,
                      hint: "give the expected rows, or `rows: []` for none")
                return nil
            } else {
                // no rows: the input must be a seed, whose file gives the rows
                var call: RefCall?
                if case .ref(let c)? = RelationReference.parse(input) { call = c }
                guard let call,
                      let seed = manifest.nodes.values.first(where: { $0.resourceType == .seed && $0.name == call.name
                                                                        && (call.package ?? $0.packageName) == $0.packageName }),
                      let text = scopes.lazy.flatMap(\.files).first(where: { $0.path == seed.displayPath })?.text else {
                    let folders = scope.config.seedPaths.map { "'\($0)'" }.joined(separator: ", ")
                    error("Unable to find seed '\(scope.name).\(call?.name ?? input)' for unit tests in directories: [\(folders)]",
                          value.span, hint: "give `rows:` for inputs that are not seeds")
                    return nil
                }
                guard let table = csvRows(text, file: seed.displayPath, span: value.span) else { return nil }
                fixture.rows = table
            }
        default:
            guard let rows else {
                error("\(what) has \(input.isEmpty ? "an 'expect'" : "an input \(input)") in format \(format) without rows",
                      value.span, hint: "give `rows:` (\(format == "csv" ? "CSV text with a header line" : "a query")) or `fixture: <name>`")
                return nil
            }
            guard let text = rows.string else {
                error("\(what) has input rows or fixtures which do not match format \(format).  Expected string.", rows.span,
                      hint: format == "csv" ? "write the rows as CSV text: `rows: |` then a header line and rows"
                                            : "write the rows as a query: `rows: select 1 as id`")
                return nil
            }
            if format == "sql" {
                fixture.sql = Self.trailingSpaceStripped(text)
            } else if let table = csvRows(text, file: file, span: rows.span) {
                fixture.rows = table
            } else {
                return nil
            }
        }
        // dbt moves the first row without nulls to the front (its columns type the fixture)
        if let i = fixture.rows.firstIndex(where: { !$0.values.contains(.null) }), i > 0 {
            fixture.rows.swapAt(0, i)
        }
        return fixture
    }

    /// dbt keeps sql fixtures without their trailing whitespace (a YAML `|` block ends in "\n").
    static func trailingSpaceStripped(_ text: String) -> String {
        var s = Substring(text)
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// CSV text as rows of strings (empty cells null), as dbt stores csv fixtures.
    private mutating func csvRows(_ text: String, file: String, span: SourceSpan?) -> [JSONObject]? {
        do {
            let table = try CSVTable.parse(text, file: file)
            return table.rows.map { row in
                JSONObject(table.header.enumerated().map { i, name in (name, i < row.count ? row[i].map { .string($0) } ?? .null : .null) })
            }
        } catch let e as CSVError {
            error("bad CSV in unit test rows: \(e.message) (\(e.file), line \(e.line) of the CSV)", span,
                  hint: "the first line is the header")
        } catch {
            self.error("bad CSV in unit test rows: \(error)", span, hint: nil)
        }
        return nil
    }

    private mutating func readOverrides(_ value: YAMLValue?, what: String) -> JSONObject? {
        guard let value, !value.isNull else { return nil }
        guard let entries = value.entries else {
            error("'overrides' of \(what) must be a mapping", value.span, hint: "keys: macros, vars, env_vars")
            return nil
        }
        var out = JSONObject()
        for e in entries {
            guard ["macros", "vars", "env_vars"].contains(e.key) else {
                let hint = Suggest.didYouMean(e.key, ["macros", "vars", "env_vars"]).map { "did you mean '\($0)'?" }
                error("'overrides' of \(what) has an unknown key '\(e.key)'", e.keySpan, hint: hint ?? "keys: macros, vars, env_vars")
                continue
            }
            guard e.value.isMap || e.value.isNull else {
                error("'overrides.\(e.key)' of \(what) must be a mapping", e.value.span, hint: nil)
                continue
            }
            out[e.key] = e.value.isNull ? .object(JSONObject()) : e.value.json
        }
        // dbt's manifest lists all three, empty ones as {}
        var all = JSONObject()
        for key in ["macros", "vars", "env_vars"] { all[key] = out[key] ?? .object(JSONObject()) }
        return all
    }

    /// A unit test's own config over its folder configs: tags appended to theirs, meta merged
    /// into theirs, `enabled` theirs unless its own says.
    static func layerUnitTestConfig(_ config: inout JSONObject, enabled: inout Bool, explicit: YAMLValue?, folders: [JSONObject]) {
        guard !folders.isEmpty else { return }
        var layered = JSONObject()
        for layer in folders { ConfigMerge.apply(layer, to: &layered) }
        for key in ["tags", "meta"] {
            guard let base = layered[key] else { continue }
            config[key] = ConfigMerge.merged(key: key, old: base, new: config[key] ?? .null)
        }
        if explicit?["enabled"] == nil, let folderEnabled = layered["enabled"]?.boolValue {
            enabled = folderEnabled
            config["enabled"] = .bool(folderEnabled)
        }
    }

    /// dbt's unit-test config: tags (string or list), meta, enabled, static_analysis.
    private mutating func readUnitTestConfig(_ value: YAMLValue?, what: String, package: String,
                                             worker: RenderWorker?) -> (JSONObject, Bool) {
        var tags: [JSON] = []
        // dbt renders a config's Jinja (`tags: "{{ 'skip' if target.type == 'postgres' }}"`)
        func tag(_ v: YAMLValue) -> JSON? {
            guard let s = v.scalarText else { return nil }
            guard s.holdsJinjaTag else { return .string(s) }
            return rendered(s, worker: worker, span: v.span, package: package)
                .map { .string($0) }
        }
        var meta = JSON.object(JSONObject())
        var enabled = true
        var staticAnalysis = JSON.null
        for e in value?.entries ?? [] {
            switch e.key {
            case "tags":
                if e.value.scalarText != nil { tags = tag(e.value).map { [$0] } ?? [] } else { tags = (e.value.list ?? []).compactMap(tag) }
            case "meta": meta = e.value.json
            case "enabled":
                if let b = e.value.bool { enabled = b } else { error("'enabled' of \(what) must be true or false", e.value.span, hint: nil) }
            case "static_analysis": staticAnalysis = e.value.json
            default:
                error("'config' of \(what) has an unknown key '\(e.key)'", e.keySpan, hint: "keys: tags, meta, enabled, static_analysis")
            }
        }
        return (JSONObject([("tags", .array(tags)), ("meta", meta), ("enabled", .bool(enabled)),
                            ("static_analysis", staticAnalysis)]), enabled)
    }

    /// A sha256 over what the test does (model, versions, inputs, expectation, overrides; not
    /// its description), so `state:modified` sees a changed test. dbt hashes Python reprs of
    /// the same parts; the value differs from dbt's.
    /// dbt's UnitTestDefinition.build_unit_test_checksum: sha256 of
    /// `{model}-{versions}-{given}-{expect}-{overrides}` as Python prints those dataclasses
    /// (rows as dbt normalised them), then `-{rows}` of each input read from a fixture file.
    /// State comparison against dbt's manifests depends on matching it.
    static func unitTestChecksum(_ spec: UnitTestSpec) -> String {
        func repr(_ j: JSON?) -> String { j.map { Value(json: $0).pythonRepr } ?? "None" }
        func rows(_ f: UnitTestSpec.Fixture) -> String {
            if f.format == "sql" { return repr(f.sql.map { .string($0) }) }
            return repr(.array(f.rows.map { .object($0) }))
        }
        func format(_ f: UnitTestSpec.Fixture) -> String {
            let member = f.format == "csv" ? "CSV" : f.format == "sql" ? "SQL" : "Dict"
            return "<UnitTestFormat.\(member): '\(f.format)'>"
        }
        let given = "[" + spec.given.map {
            "UnitTestInputFixture(input=\(repr(.string($0.input))), rows=\(rows($0)), format=\(format($0)), fixture=\(repr($0.fixture.map { .string($0) })))"
        }.joined(separator: ", ") + "]"
        let expect = "UnitTestOutputFixture(rows=\(rows(spec.expect)), format=\(format(spec.expect)), "
            + "fixture=\(repr(spec.expect.fixture.map { .string($0) })))"
        let versions = spec.versions.map { "UnitTestNodeVersions(include=\(repr($0["include"])), exclude=\(repr($0["exclude"])))" } ?? "None"
        let overrides = spec.overrides.map { o in
            "UnitTestOverrides(" + ["macros", "vars", "env_vars"].map { "\($0)=\(repr(o[$0] ?? .object(JSONObject())))" }.joined(separator: ", ") + ")"
        } ?? "None"
        var data = "\(spec.model)-\(versions)-\(given)-\(expect)-\(overrides)"
        for input in spec.given where input.fixture != nil { data += "-" + rows(input) }
        return Hashing.sha256Hex(data)
    }
}
