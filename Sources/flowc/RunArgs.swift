// run_results.json `args`: the invocation's flags under dbt's names, so tools reading the file
// see what ran, and `flowc retry` repeats the run with the same target, vars and flags (as
// dbt's retry does: only --vars and --threads given to retry itself override them).
import FlowcGraph
import FlowcRun

enum RunArgs {
    /// What `invocation_args_dict` holds from the start (parse time included): the command as
    /// dbt names it, the command line, directories, target, vars, and dbt's flags with the
    /// values flowc behaves by. Commands that select add theirs (`record`) before rendering.
    static func base(_ options: ProjectOptions, root: String, target: String, cliVars: JSONObject) -> JSONObject {
        let words = Array(CommandLine.arguments.dropFirst())
        let commands = Set(Flowc.configuration.subcommands.compactMap { $0.configuration.commandName })
        var which = "compile"
        if let i = words.firstIndex(where: { commands.contains($0) || $0 == "list" }) {
            let next = i + 1 < words.count ? words[i + 1] : ""
            switch words[i] {
            case "ls", "list": which = words[i]  // as typed: dbt's `ls` says "ls"
            case "source": which = "freshness"
            case "docs": which = next == "serve" ? "serve" : "generate"
            default: which = words[i]
            }
        }
        var a = JSONObject()
        a["which"] = .string(which)
        a["invocation_command"] = .string((["flowc"] + words).joined(separator: " "))
        a["project_dir"] = .string(root)
        a["profiles_dir"] = options.profilesDir.map { .string($0) } ?? .null
        a["target"] = .string(target)
        if let profile = options.profile { a["profile"] = .string(profile) }
        a["vars"] = .object(cliVars)
        a["threads"] = options.threads.map { .int($0) } ?? .null
        a["select"] = .array([])
        a["exclude"] = .array([])
        a["quiet"] = .bool(options.quiet)
        a["print"] = .bool(!options.noPrint)
        a["log_path"] = .string(options.logPath ?? root + "/logs")
        for (k, v): (String, JSON) in [("indirect_selection", "eager"), ("log_level", "info"), ("log_format", "default"),
                                       ("partial_parse", false), ("static_parser", true), ("write_json", true),
                                       ("use_colors", true), ("printer_width", 80), ("version_check", false),
                                       ("send_anonymous_usage_stats", false), ("introspect", true), ("populate_cache", true),
                                       ("cache_selected_only", false), ("macro_debugging", false), ("defer", false),
                                       ("favor_state", false), ("empty", false)] {
            a[k] = v
        }
        return a
    }

    /// Adds a command's own arguments (`record`) to what templates see as `invocation_args_dict`.
    static func expose(_ args: JSONObject, in inv: inout Invocation) {
        for (k, v) in args { inv.build.setup.invocationArgs[k] = v }
    }

    /// `flags` is nil for `compile`, which has none of them.
    static func record(_ inv: Invocation, which: String, _ flags: RunFlags?, _ state: StateOptions,
                       _ selection: SelectionOptions?, empty: Bool) -> JSONObject {
        func strings(_ xs: [String]) -> JSON { .array(xs.map { .string($0) }) }
        var a = JSONObject()
        a["target"] = .string(inv.target.name)
        if let profile = inv.options.profile { a["profile"] = .string(profile) }
        var vars = JSONObject()
        if case .map(let pairs, _)? = inv.cliVars { for p in pairs { vars[p.key] = p.value.json } }
        a["vars"] = .object(vars)
        a["threads"] = inv.options.threads.map { .int($0) } ?? .null
        if let flags {
            a["full_refresh"] = .bool(flags.fullRefresh)
            a["fail_fast"] = .bool(flags.failFast)
            a["store_failures"] = .bool(flags.storeFailures)
        }
        if ["run", "build", "compile"].contains(which) { a["empty"] = .bool(empty) }
        if let s = selection {
            a["select"] = strings(s.select)
            a["exclude"] = strings(s.exclude)
            a["selector"] = s.selector.map { .string($0) } ?? .null
            a["resource_types"] = strings(s.resourceTypes)
            a["exclude_resource_types"] = strings(s.excludeResourceTypes)
            a["indirect_selection"] = .string(s.indirectSelection.rawValue)
        }
        a["state"] = state.state.map { .string($0) } ?? .null
        if let t = state.stateTarget { a["state_target"] = .string(t) }
        a["defer"] = .bool(state.deferToState)
        a["favor_state"] = .bool(state.favorState)
        return a
    }

    /// The options of a retry: the previous run's target, profile, vars, threads and flags, with
    /// --vars and --threads given to retry winning. Returns a note when retry's own --target or
    /// --profile differ from the previous run's (they are not used, as in dbt).
    static func repeating(_ args: JSONObject, project: inout ProjectOptions, flags: inout RunFlags,
                          state: inout StateOptions) -> String? {
        var ignored: [String] = []
        if let target = args["target"]?.stringValue {
            if let mine = project.target, mine != target { ignored.append("--target \(mine)") }
            project.target = target
        }
        if let profile = args["profile"]?.stringValue {
            if let mine = project.profile, mine != profile { ignored.append("--profile \(mine)") }
            project.profile = profile
        }
        if project.vars == nil, let vars = args["vars"]?.objectValue, !vars.keys.isEmpty {
            project.vars = JSONWriter.string(.object(vars))
        }
        if project.threads == nil, case .int(let n)? = args["threads"] { project.threads = n }
        flags.fullRefresh = flags.fullRefresh || args["full_refresh"]?.boolValue == true
        flags.failFast = flags.failFast || args["fail_fast"]?.boolValue == true
        flags.storeFailures = flags.storeFailures || args["store_failures"]?.boolValue == true
        if state.state == nil, let s = args["state"]?.stringValue {
            state.state = s
            state.stateTarget = args["state_target"]?.stringValue
            state.deferToState = args["defer"]?.boolValue == true
            state.favorState = args["favor_state"]?.boolValue == true
        }
        guard !ignored.isEmpty else { return nil }
        return "retry repeats the previous run's target and profile ('\(args["target"]?.stringValue ?? "")'); ignoring \(ignored.joined(separator: " and "))"
    }
}
