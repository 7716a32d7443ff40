// The shared render setup of a build: macro files parsed once (project, generic-test
// definitions, flowc's built-ins and the dialect's overrides), vars, target and dispatch.
import FlowcProject
import FlowcSQL
import FlowcTemplate

extension Builder {
    /// dbt's RuntimeConfig fields templates read (elementary): the project's, the installed
    /// packages' versions, and packages.yml's entries as written.
    func runtimeConfig(target: Target) -> JSONObject {
        let c = project.config
        var dependencies = JSONObject()
        for p in project.packages {
            dependencies[p.name] = .object(JSONObject([("project_name", .string(p.name)),
                                                       ("version", p.config.version.map { .string($0) } ?? .null)]))
        }
        let (file, _) = PackagesFile.read(root: project.root, cliVars: project.cliVars, environment: options.environment)
        let listed = (file?.packages ?? []).compactMap { ($0.rendered ?? $0.raw)?.json }
        return JSONObject([
            ("project_name", .string(c.name)), ("version", c.version.map { .string($0) } ?? .null),
            ("profile_name", c.profile.map { .string($0) } ?? .null), ("target_name", .string(target.name)),
            ("target_path", .string(c.targetPath)), ("threads", .int(target.threads)),
            ("packages", .object(JSONObject([("packages", .array(listed))]))),
            ("dependencies", .object(dependencies)),
        ])
    }

    /// The end tags of the blocks a macro file holds, skipped where no such block is open.
    static let macroFileBlockEnds: Set<String> = ["endmacro", "endmaterialization", "endtest", "enddocs", "endsnapshot"]

    mutating func makeSetup() throws -> RenderSetup {
        let env = RenderSetup.makeEnvironment()
        var macroFiles: [MacroFile] = []
        // package/path → each macro's source text, and the file's text and root-relative path
        // (to place an error about a duplicate)
        var sources: [String: (definitions: [String: String], languages: [String: [String]], text: String, shown: String)] = [:]
        // `name` is the template's: where an error inside a macro is reported (root-relative;
        // flowc's own macros have no file, so errors stay at the caller)
        func add(_ package: String, _ path: String, _ text: String, name: String? = nil) {
            do {
                // dbt reads a macro file's blocks leniently: a stray end tag of a block is its
                // UnexpectedJinjaBlockDeprecation warning, not an error
                let t = try env.parse(text, name: name ?? path, skippingStrayEndTags: Self.macroFileBlockEnds)
                for stray in t.strayEndTags {
                    warning("Found unexpected '\(stray.tag)' block tag in file `\(path)` (deprecated in dbt; the tag is ignored)",
                            SourceSpan(file: name ?? path, line: stray.line, column: stray.column),
                            hint: "remove the stray {% \(stray.tag) %}", event: "UnexpectedJinjaBlockDeprecation")
                }
                macroFiles.append(MacroFile(package: package, path: path, template: t))
                if package != BuiltinMacros.packageName {
                    let scanned = MacroSource.scan(text)
                    sources[package + "/" + path] = (scanned.texts, scanned.languages, text, name ?? path)
                }
            } catch {
                diagnostics.append(Diagnostic(templateError: error, file: path))
            }
        }
        add(BuiltinMacros.packageName, BuiltinMacros.path, BuiltinMacros.source, name: "<flowc's dbt macros>")
        add(BuiltinMacros.packageName, BuiltinMacros.utilsPath, BuiltinMacros.utils, name: "<flowc's dbt macros>")
        add(BuiltinMacros.packageName, BuiltinMacros.crossDatabasePath, BuiltinMacros.crossDatabase, name: "<flowc's dbt macros>")
        add(BuiltinMacros.packageName, BuiltinMacros.adapterPath, BuiltinMacros.adapter, name: "<flowc's dbt macros>")
        add(BuiltinMacros.packageName, BuiltinMacros.materializationPath, BuiltinMacros.materialization, name: "<flowc's dbt macros>")
        add(BuiltinMacros.packageName, BuiltinMacros.incrementalPath, BuiltinMacros.incremental, name: "<flowc's dbt macros>")
        add(BuiltinMacros.packageName, BuiltinMacros.relationsPath, BuiltinMacros.relations, name: "<flowc's dbt macros>")
        add(BuiltinMacros.packageName, BuiltinMacros.helpersPath, BuiltinMacros.helpers, name: "<flowc's dbt macros>")
        add(BuiltinMacros.packageName, "macros/flowc_\(options.dialect.name).sql", options.dialect.macroOverrides,
            name: "<flowc's \(options.dialect.name) macros>")
        for package in project.packages {
            let prefix = package.relativeRoot.isEmpty || package.relativeRoot.hasSuffix("/") ? package.relativeRoot : package.relativeRoot + "/"
            for file in package.macroFiles { add(package.name, file.path, file.text, name: prefix + file.path) }
        }
        for file in project.files where file.kind == .macro || file.kind == .genericTestDefinition {
            add(projectName, file.path, file.text)
        }
        for file in macroFiles {
            if file.package != BuiltinMacros.packageName {
                let shown = sources[file.package + "/" + file.path]?.shown ?? file.path
                for again in file.template.redefinedMacros {
                    error("\(Self.described(again.name)) is defined twice in \(shown)",
                          SourceSpan(file: shown, line: again.line, column: again.column), hint: Self.duplicateMacroHint)
                }
            }
            for (name, def) in file.template.macros {
                let uid = "macro.\(file.package).\(name)"
                // flowc's own files override each other on purpose (the dialect's last)
                if let other = manifest.macros[uid], file.package != BuiltinMacros.packageName {
                    let second = sources[file.package + "/" + file.path]
                    duplicateMacro(name, package: file.package, first: sources[file.package + "/" + other.originalFilePath]?.shown
                                   ?? other.originalFilePath, second: second?.shown ?? file.path, text: second?.text ?? "")
                    continue
                }
                let source = sources[file.package + "/" + file.path]
                var info = MacroInfo(uniqueId: uid, name: name, packageName: file.package, path: file.path, originalFilePath: file.path,
                                     macroSQL: source?.definitions[name] ?? "", arguments: def.parameterNames)
                info.supportedLanguages = source?.languages[name]
                manifest.macros[uid] = info
            }
        }
        // Macro descriptions from properties YAML (each project's describe its own macros).
        for scope in scopes {
            for props in scope.properties {
                for entry in props.macros {
                    guard let name = entry["name"]?.string else { continue }
                    let uid = "macro.\(scope.name).\(name)"
                    if manifest.macros[uid] == nil {
                        warning("properties describe macro '\(name)', which no macro file defines", entry.span)
                    } else {
                        manifest.macros[uid]?.description = entry["description"]?.string ?? ""
                        manifest.macros[uid]?.patchPath = "\(scope.name)://\(scope.local(props.path))"
                        // dbt's MacroArgument: name, type (null when not given), description
                        manifest.macros[uid]?.documentedArguments = (entry["arguments"]?.list ?? []).map { a in
                            .object(JSONObject([("name", a["name"]?.json ?? .null), ("type", a["type"]?.json ?? .null),
                                                ("description", .string(a["description"]?.string ?? ""))]))
                        }
                        // meta: the entry's, then its config's over it; docs: the config's, else the entry's
                        var meta = entry["meta"]?.json.objectValue ?? JSONObject()
                        for (k, v) in entry["config"]?["meta"]?.json.objectValue ?? JSONObject() { meta[k] = v }
                        manifest.macros[uid]?.meta = meta
                        manifest.macros[uid]?.docs = entry["config"]?["docs"]?.json ?? entry["docs"]?.json
                    }
                }
            }
        }
        var vars = JSONObject()
        var rootGlobals = JSONObject()
        var scopedByRoot: [String: JSONObject] = [:]
        if case .object(let o)? = Self.markedVars(project.config.vars, root: project.root) {
            for (k, v) in o {
                if k == projectName, case .object(let own) = v {
                    for (ok, ov) in own { vars[ok] = ov }
                } else if case .object(let scoped) = v, project.packages.contains(where: { $0.name == k }) {
                    scopedByRoot[k] = scoped  // vars scoped to an installed package are that package's
                } else {
                    vars[k] = v
                    rootGlobals[k] = v
                }
            }
        }
        for (k, v) in options.cliVars { vars[k] = v }
        // dbt's var scoping for a package's node: the package's dbt_project.yml (its global
        // vars, then those it scopes to itself), overridden by the root project's global vars,
        // then by the root's `vars: {<package>: …}`, then by --vars.
        var packageVars: [String: JSONObject] = [:]
        for scope in scopes where !scope.isRoot {
            var own = JSONObject()
            if case .object(let o)? = Self.markedVars(scope.config.vars, root: project.root) {
                for (k, v) in o where !(k == scope.name && v.objectValue != nil) { own[k] = v }
                if case .object(let selfScoped)? = o[scope.name] { for (k, v) in selfScoped { own[k] = v } }
            }
            for (k, v) in rootGlobals { own[k] = v }
            for (k, v) in scopedByRoot[scope.name] ?? JSONObject() { own[k] = v }
            for (k, v) in options.cliVars { own[k] = v }
            packageVars[scope.name] = own
        }
        let t = options.target
        var target = JSONObject()
        target["name"] = .string(t.name)
        target["schema"] = .string(t.schema)
        target["database"] = .string(t.database)
        target["type"] = .string(t.type)
        target["threads"] = .int(t.threads)
        target["profile_name"] = .string(t.profileName)
        target["target_name"] = .string(t.name)
        for (k, v) in t.fields where target[k] == nil && k != "password" && k != "pass" { target[k] = .string(v) }
        var dispatch: [String: [String]] = [:]
        for d in project.config.dispatch { dispatch[d.macroNamespace] = d.searchOrder }
        linkMacroCalls(macroFiles, dispatch: dispatch)
        var setup = RenderSetup(projectName: projectName, dialect: options.dialect.withProjectQuoting(project.config.quoting?.json.objectValue),
                                target: target, vars: vars,
                                macroFiles: macroFiles, dispatchOrder: dispatch, environment: options.environment,
                                invocationId: options.invocationId, runStartedAt: options.runStartedAt)
        setup.packageVars = packageVars
        setup.invocationArgs = options.invocationArgs
        setup.projectRoot = project.root
        setup.runtimeConfig = runtimeConfig(target: t)
        for (name, fallback) in options.dialect.behaviorFlags {
            if case .bool(let on, _)? = project.config.flags?[name] { setup.behaviorFlags[name] = on } else { setup.behaviorFlags[name] = fallback }
        }
        // flags.WHICH while parsing is the command, as dbt's (a run sets it again for its nodes)
        if let which = options.invocationArgs["which"]?.stringValue { setup.which = which }
        return setup
    }

    /// Each project or package macro's `depends_on.macros`, as dbt finds them without rendering:
    /// the macros its body calls (in its own package first, then the root project's, then dbt's
    /// built-ins; `pkg.f` in that package), and for `adapter.dispatch('f', …)` both `f` itself
    /// and the implementation dispatch would pick for this target. Names that are not macros
    /// (`ref`, `log`, `return`) are left out.
    /// A project file's `vars:` as JSON with its plain timestamps marked (VarTimestamps).
    static func markedVars(_ vars: YAMLValue?, root: String) -> JSON? {
        guard let vars else { return nil }
        guard let text = FileSystem.read(root + "/" + vars.span.file) else { return vars.json }
        return VarTimestamps.json(vars, source: text)
    }

    mutating func linkMacroCalls(_ files: [MacroFile], dispatch: [String: [String]]) {
        let builtin = BuiltinMacros.packageName
        func id(_ package: String, _ name: String) -> String? {
            let uid = "macro.\(package).\(name)"
            return manifest.macros[uid] == nil ? nil : uid
        }
        let packages = Set(files.map(\.package)).sorted()
        let others = packages.filter { $0 != projectName && $0 != builtin }
        // dbt's lookup of a macro by name alone: the root project's, a package's, then dbt's
        func byName(_ called: String) -> String? {
            for package in [projectName] + others + [builtin] {
                if let uid = id(package, called) { return uid }
            }
            return RenderWorker.nativeDbtMacros.contains(called) ? "macro.\(builtin).\(called)" : nil
        }
        for file in files where file.package != builtin {
            for (name, definition) in file.template.macros {
                let calls = definition.calls
                let own = "macro.\(file.package).\(name)"
                var found: [String] = []
                // dbt skips only a plain call of the macro's own name: `pkg.self(…)` (recursion
                // through the package) and a dispatch landing on itself are listed
                func add(_ uid: String?) { if let uid, !found.contains(uid) { found.append(uid) } }
                func plain(_ called: String) -> String? { id(file.package, called) ?? byName(called) }
                for called in calls.names {
                    let parts = called.split(separator: ".", maxSplits: 1).map(String.init)
                    if parts.count == 2 {
                        // dbt reads any `x.f(…)` but `adapter.f(…)` as package x's macro f, and
                        // falls back to the macro f found by name (`dataset.replace(…)` lists
                        // dbt's replace), so a method call named like a macro counts too
                        guard parts[0] != "adapter" else { continue }
                        add(id(parts[0], parts[1]) ?? byName(parts[1]))
                    } else if called != name {
                        add(plain(called))
                    }
                }
                for d in calls.dispatched {
                    // dbt also lists the dispatched name read as a plain call (the dispatching
                    // macro itself, usually), unless it is this macro's own name
                    if d.name != name { add(plain(d.name)) }
                    add(dispatchTarget(d, from: file.package, packages: packages, order: dispatch, id: id))
                }
                manifest.macros[own]?.dependsOnMacros = found
            }
        }
    }

    /// The implementation `adapter.dispatch` picks for this target, as dbt's parser finds it: in
    /// the namespace's search order, each package trying `<adapter>__f` then `default__f`; without
    /// a namespace each of those names is looked up alone (the root project's, then any package's,
    /// the calling one first, then dbt's), so a package's own dispatch without a namespace resolves.
    private func dispatchTarget(_ d: MacroCalls.Dispatched, from caller: String, packages: [String],
                                order: [String: [String]], id: (String, String) -> String?) -> String? {
        let candidates = ["\(options.dialect.name)__\(d.name)", "default__\(d.name)"]
        guard d.namespace == nil else {
            for package in RenderSetup.dispatchPackages(namespace: d.namespace, root: projectName, order: order) {
                for candidate in candidates { if let uid = id(package, candidate) { return uid } }
            }
            return nil
        }
        let builtin = BuiltinMacros.packageName
        let byName = [projectName, caller] + packages.filter { ![projectName, caller, builtin].contains($0) } + [builtin]
        for candidate in candidates {
            for package in byName { if let uid = id(package, candidate) { return uid } }
        }
        return nil
    }

    /// dbt's error for two macros (or generic tests) of one name in one package: which of them
    /// a call reaches would otherwise depend on the order files are read in.
    mutating func duplicateMacro(_ name: String, package: String, first: String, second: String, text: String) {
        let needle = name.hasPrefix("test_") ? "test \(name.dropFirst(5))" : "macro \(name)"
        let span = Self.place(of: needle, in: text, file: second, standalone: false) ?? SourceSpan.start(of: second)
        error("two definitions of \(Self.described(name)) in package '\(package)': \(first) and \(second)", span,
              hint: Self.duplicateMacroHint)
    }

    static let duplicateMacroHint = "rename or remove one of them; dbt refuses a project with both"

    /// "macro 'x'", or "generic test 'y'" for the macro `test_y` a `{% test y %}` block defines.
    static func described(_ macro: String) -> String {
        macro.hasPrefix("test_") ? "generic test '\(macro.dropFirst(5))'" : "macro '\(macro)'"
    }
}
