// Runs one dbt unit test: renders the tested model with every ref()/source() (and `this`)
// pointing at a fixture CTE, types each fixture from the real input relation's columns, runs one
// query returning the model's rows and the expected rows, and compares them as multisets of
// text (row order never matters). Nothing is created: the warehouse is only read.
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcSQL
import FlowcTemplate
import FlowcWarehouse
import Foundation

/// ref()/source() of the tested model, answered with the fixture CTE of the matching `given`
/// input. Records which inputs the model used, in first-use order (the CTE order), and the
/// names it asked for that no input gives.
final class UnitTestResolver: RelationResolver, @unchecked Sendable {
    // Used by one render on one thread.
    let base: any RelationResolver
    /// unique id of an input's node or source → its CTE name
    let cteNames: [String: String]
    private(set) var used: [String] = []
    private(set) var missing: [String] = []

    init(base: any RelationResolver, cteNames: [String: String]) {
        self.base = base
        self.cteNames = cteNames
    }

    private func fixture(_ real: ResolvedRelation?, name: String) -> ResolvedRelation? {
        guard let real, let cte = cteNames[real.uniqueId] else {
            missing.append(name)
            return nil
        }
        if !used.contains(real.uniqueId) { used.append(real.uniqueId) }
        return ResolvedRelation(uniqueId: real.uniqueId, database: "", schema: "", identifier: cte, materialized: "ephemeral")
    }

    func resolveRef(_ call: RefCall, from node: Node) -> ResolvedRelation? {
        fixture(base.resolveRef(call, from: node), name: call.name)
    }

    func resolveSource(_ source: String, _ table: String, from node: Node) -> ResolvedRelation? {
        fixture(base.resolveSource(source, table, from: node), name: "\(source).\(table)")
    }
}

extension NodeExecutor {
    /// One `given` input resolved: its node or source, the relation holding its real rows, and
    /// the CTE that stands for it.
    struct ResolvedInput {
        var fixture: UnitTestSpec.Fixture
        var uniqueId: String
        var schema: String
        var identifier: String
        var relation: String
        var cte: String
        /// The name dbt's messages use ("stg_orders", "payments").
        var name: String
    }

    func runUnitTest(_ test: Node, into result: inout NodeResult) throws {
        let manifest = context.manifest
        guard let spec = test.unitTest, let modelId = test.dependsOnNodes.first, let model = manifest.nodes[modelId] else {
            throw NodeFailure(status: .error, message: "unit test \(test.name) has no model to test (\(test.originalFilePath))")
        }
        let errors = UnitTestErrors(test: test)
        let start = Date().timeIntervalSince1970
        let inputs = try resolveInputs(spec, test: test, model: model, errors: errors)
        var cteNames: [String: String] = [:]
        for i in inputs { cteNames[i.uniqueId] = i.cte }
        let resolver = UnitTestResolver(base: context.resolver, cteNames: cteNames)
        let this = inputs.first { RelationReference.parse($0.fixture.input) == .this }
        let body = try renderModel(model, spec: spec, resolver: resolver, this: this, test: test, errors: errors)

        // fixtures for the inputs the model used: `this` first, then in order of first use
        var used = resolver.used
        if let this {
            used.removeAll { $0 == this.uniqueId }
            used.insert(this.uniqueId, at: 0)
        }
        // dbt's files: target/{compiled,run}/<package>/<yml path>/<yml folder>/<test>.sql (its
        // "pseudo test path"), and each fixture as target/compiled/<package>/<yml path>/<input>.sql
        let folder = manifest.targetPath + "/compiled/" + test.packageName + "/" + test.originalFilePath + "/"
        var ctes: [String] = []
        for id in used {
            guard let input = inputs.first(where: { $0.uniqueId == id }) else { continue }
            let sql = try fixtureSQL(input, test: test, errors: errors)
            try? context.write(sql, to: folder + input.name + ".sql")
            ctes.append(CTEInjection.cte(name: String(input.cte.dropFirst("__dbt__cte__".count)), compiledSQL: sql))
        }
        let compiled = CTEInjection.inject(ctes, into: body)
        let ymlFolder = test.originalFilePath.split(separator: "/").dropLast().joined(separator: "/")
        let file = "/" + test.packageName + "/" + test.originalFilePath + "/" + (ymlFolder.isEmpty ? "" : ymlFolder + "/")
            + test.alias + ".sql"
        result.compiledCode = compiled
        result.compiledPath = manifest.targetPath + "/compiled" + file
        try? context.write(compiled, to: manifest.targetPath + "/compiled" + file)
        result.timing.append(NodeTiming(name: "compile", startedAt: start, completedAt: Date().timeIntervalSince1970))

        // run: the model's output columns type the expected rows; one query returns both sides
        let executeStart = Date().timeIntervalSince1970
        let table: ResultTable
        let compared: [ResultColumn]
        do {
            let columns = try outputColumns(of: compiled)
            let expectedSQL: String
            if spec.expect.format == "sql" {
                expectedSQL = try renderedSQL(spec.expect.sql ?? "", test: test, errors: errors)
                compared = columns
            } else {
                let (sql, names) = try UnitTestSQL.expected(spec.expect.rows, columns: columns, dialect: dialect)
                expectedSQL = sql
                compared = names.compactMap { n in columns.first { $0.name == n } }
            }
            let sql = UnitTestSQL.comparison(actual: compiled, expected: expectedSQL, columns: compared.map(\.name), dialect: dialect)
            try? context.write(sql, to: manifest.targetPath + "/run" + file)
            // where types are real, cells are read as the warehouse prints them (10.00 stays 10.00)
            table = try connection.query(dialect.typesAreAffinities ? sql
                                         : UnitTestSQL.asText(sql, columns: compared.map(\.name), dialect: dialect), limit: nil)
        } catch let e as UnitTestSQL.DefinitionError {
            throw errors.runtime("Compilation Error in unit_test \(test.name) (\(test.originalFilePath))\n" + e.message)
        } catch let e as WarehouseError where e.kind != .cancelled {
            throw errors.runtime("Database Error\n" + e.message)
        }
        let booleans = compared.map { $0.type == "boolean" }
        let floats = compared.map { $0.type == "double precision" || $0.type == "real" }
        var actual: [[String?]] = []
        var expected: [[String?]] = []
        for row in table.rows {
            guard let marker = row.last else { continue }
            let cells = row.dropLast().enumerated().map { i, v in
                UnitTestSQL.cell(v, isBoolean: i < booleans.count && booleans[i], isFloat: i < floats.count && floats[i],
                                 dialect: dialect)
            }
            if marker.text == "actual" { actual.append(cells) } else { expected.append(cells) }
        }
        result.adapterCode = "SELECT"
        result.rowsAffected = table.rows.count
        if let diff = UnitTestDiff.render(header: compared.map { $0.name.lowercased() }, expected: expected, actual: actual) {
            result.status = .fail
            result.failures = 1
            result.message = "\n\nactual differs from expected:\n\n" + diff + "\n"
        } else {
            result.status = .pass
            result.failures = 0
        }
        result.timing.append(NodeTiming(name: "execute", startedAt: executeStart, completedAt: Date().timeIntervalSince1970))
    }

    /// The tested model rendered with its refs and sources on the fixtures and the test's
    /// overrides. Macro overrides are installed as globals for the render, so a macro the model
    /// calls sees them too.
    private func renderModel(_ model: Node, spec: UnitTestSpec, resolver: UnitTestResolver, this: ResolvedInput?,
                             test: Node, errors: UnitTestErrors) throws -> String {
        let state = NodeState(node: model, mode: .compile)
        state.resolver = resolver
        state.readsAllRows = true
        state.live = live
        state.messages = messages
        state.warn = warnHandler
        state.threadId = threadName
        state.isIncremental = spec.override("macros")["is_incremental"]?.boolValue ?? false
        state.varOverrides = spec.override("vars")
        for (k, v) in spec.override("env_vars") { state.envOverrides[k] = v.stringValue ?? JSONWriter.string(v) }
        // dbt's unit-test `this`: the fixture's CTE name, a string (so `this.identifier` is
        // empty), or None when the test gives no `this` input
        state.thisValue = this.map { .string($0.cte) } ?? Value.none
        let globals = worker.environment
        var saved: [(String, Value?)] = []
        var restores: [() -> Void] = []
        for (name, value) in spec.override("macros") where name != "is_incremental" {
            let replacement = Value.callable(Callable(name: name) { _, _ in Value(json: value) })
            // `pkg.name`: the macro as `pkg.name(…)` reaches it, as dbt overrides it
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
                restores.append(worker.overrideNamespacedMacro(parts[0], parts[1], with: replacement))
                // dbt's `dbt.x` override is the global `x` too
                if parts[0] == BuiltinMacros.packageName {
                    saved.append((parts[1], globals.globals[parts[1]]))
                    globals.globals[parts[1]] = replacement
                }
                continue
            }
            saved.append((name, globals.globals[name]))
            globals.globals[name] = replacement
            // … and a global override reaches `dbt.x(…)` too, as dbt copies it there
            if worker.hasNamespacedMacro(BuiltinMacros.packageName, name) {
                restores.append(worker.overrideNamespacedMacro(BuiltinMacros.packageName, name, with: replacement))
            }
        }
        defer {
            for (name, old) in saved.reversed() { globals.globals[name] = old }
            for restore in restores.reversed() { restore() }
        }
        do {
            let template = try context.build.templates[model.uniqueId]
                ?? worker.environment.parse(model.rawCode, name: model.displayPath)
            return try worker.render(template, state: state)
        } catch {
            if let name = resolver.missing.first {
                throw errors.compilation("Unit_Test '\(test.uniqueId)' (\(test.originalFilePath)) depends on a node named '\(name)' which was not found")
            }
            throw errors.compilation((error as? Diagnostic)?.description
                                     ?? Diagnostic(templateError: error, file: model.displayPath).description)
        }
    }

    /// Each `given` input resolved to the node or source it stands for (dbt's checks at run time:
    /// the input must be ref(), source() or `this`, and name something in the project).
    private func resolveInputs(_ spec: UnitTestSpec, test: Node, model: Node, errors: UnitTestErrors) throws -> [ResolvedInput] {
        let manifest = context.manifest
        var out: [ResolvedInput] = []
        for g in spec.given {
            guard let input = RelationReference.parse(g.input) else {
                throw errors.parsing("Unit test given inputs must be either a 'ref', 'source' or 'this' call. Got: '\(g.input)'.")
            }
            let notFound = "Unit test '\(test.name)' had an input (\(g.input)) which was not found in the manifest."
            switch input {
            case .this:
                // the model's own table, or under --defer the state's
                let d = manifest.deferredRelations[model.uniqueId]
                out.append(ResolvedInput(fixture: g, uniqueId: model.uniqueId, schema: d?.schema ?? model.schema,
                                         identifier: d?.identifier ?? model.alias,
                                         relation: d.map { dialect.renderRelation(database: $0.database, schema: $0.schema,
                                                                                  identifier: $0.identifier) } ?? relationName(model),
                                         cte: "__dbt__cte__\(model.alias)", name: model.name))
            case .ref(let call):
                guard let real = context.resolver.resolveRef(call, from: model), let n = manifest.nodes[real.uniqueId] else {
                    throw errors.parsing(notFound)
                }
                // the columns come from where ref() points (another environment's under --defer)
                let deferred = real.materialized != "ephemeral" && !real.schema.isEmpty
                out.append(ResolvedInput(fixture: g, uniqueId: n.uniqueId, schema: deferred ? real.schema : n.schema,
                                         identifier: deferred ? real.identifier : n.alias,
                                         relation: deferred ? dialect.renderRelation(database: real.database, schema: real.schema,
                                                                                     identifier: real.identifier) : relationName(n),
                                         cte: "__dbt__cte__\(n.alias)", name: n.name))
            case .source(let s, let t):
                guard let real = context.resolver.resolveSource(s, t, from: model) else { throw errors.parsing(notFound) }
                out.append(ResolvedInput(fixture: g, uniqueId: real.uniqueId, schema: real.schema, identifier: real.identifier,
                                         relation: dialect.renderRelation(database: real.database, schema: real.schema,
                                                                          identifier: real.identifier),
                                         cte: "__dbt__cte__\(s)__\(t)", name: t))
            }
        }
        return out
    }

    /// The fixture query of one input: sql as given; dict and csv rows typed by the columns of
    /// the real relation, which must exist (as in dbt; a `format: sql` input needs none).
    private func fixtureSQL(_ input: ResolvedInput, test: Node, errors: UnitTestErrors) throws -> String {
        if input.fixture.format == "sql" { return try renderedSQL(input.fixture.sql ?? "", test: test, errors: errors) }
        let columns = try connection.columns(schema: input.schema, name: input.identifier)
        guard !columns.isEmpty else {
            throw errors.inModel(input.name, "Not able to get columns for unit test '\(input.name)' from relation "
                                 + "\(input.relation) because the relation doesn't exist")
        }
        do {
            return try UnitTestSQL.fixture(input.fixture.rows, columns: columns, name: input.name, dialect: dialect)
        } catch let e as UnitTestSQL.DefinitionError {
            throw errors.inModel(input.name, e.message)
        }
    }
}

extension NodeExecutor {
    /// A `format: sql` fixture or expectation (a file under tests/fixtures or `rows:` text) with
    /// its Jinja rendered in the unit test's context, as dbt renders it.
    func renderedSQL(_ sql: String, test: Node, errors: UnitTestErrors) throws -> String {
        guard sql.contains("{{") || sql.contains("{%") else { return sql }
        let state = liveState(test)
        do {
            let template = try worker.environment.parse(sql, name: test.originalFilePath)
            return try worker.render(template, state: state)
        } catch {
            throw errors.compilation(Diagnostic(templateError: error, file: test.originalFilePath).description)
        }
    }
}

/// dbt's wording for what goes wrong in a unit test, by the stage it goes wrong in.
struct UnitTestErrors {
    let test: Node

    private func indented(_ message: String) -> String { message.replacingOccurrences(of: "\n", with: "\n  ") }

    /// An input that is not ref()/source()/this, or names nothing.
    func parsing(_ message: String) -> NodeExecutor.NodeFailure {
        .init(status: .error, message: "Parsing Error in unit_test \(test.name) (\(test.originalFilePath))\n  " + indented(message))
    }

    /// Rendering the model on the fixtures.
    func compilation(_ message: String) -> NodeExecutor.NodeFailure {
        .init(status: .error, message: "Compilation Error in unit_test \(test.name) (\(test.originalFilePath))\n  " + indented(message))
    }

    /// A fixture of one input (dbt names the input's fixture node, a model).
    func inModel(_ input: String, _ message: String) -> NodeExecutor.NodeFailure {
        .init(status: .error, message: "Compilation Error in model \(input) (\(test.originalFilePath))\n  " + indented(message))
    }

    /// Running the comparison: dbt wraps these with a hint to check the data types.
    func runtime(_ message: String) -> NodeExecutor.NodeFailure {
        .init(status: .error, message: "Runtime Error in unit_test \(test.name) (\(test.originalFilePath))\n"
              + "  An error occurred during execution of unit test '\(test.name)'. There may be an error in the "
              + "unit test definition: check the data types.\n   " + message.replacingOccurrences(of: "\n", with: "\n    "))
    }
}
