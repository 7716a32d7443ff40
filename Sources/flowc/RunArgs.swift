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
        // as dbt's args: the target only when the command line names it
        if let explicit = options.target { a["target"] = .string(explicit) }
        if let profile = options.profile { a["profile"] = .string(profile) }
        a["vars"] = .object(cliVars)
        a["threads"] = options.threads.map { .int($0) } ?? .null
        a["select"] = .array([])
        a["exclude"] = .array([])
        a["quiet"] = .bool(options.quiet)
        a["print"] = .bool(!options.noPrint)
        a["log_path"] = .string(options.logPath ?? root + "/logs")
        a["version_check"] = .bool(options.versionCheck ?? true)
        // partial_parse is dbt's default, true: flowc reads the whole project every time, which
        // is what a partial parse arrives at, and packages record the flag (dbt_artifacts)
        for (k, v): (String, JSON) in [("indirect_selection", "eager"), ("log_level", "info"), ("log_format", "default"),
                                       ("partial_parse", true), ("static_parser", true), ("write_json", true),
                                       ("use_colors", true), ("printer_width", 80),
                                       ("send_anonymous_usage_stats", false), ("introspect", true), ("populate_cache", true),
                                       ("cache_selected_only", false), ("macro_debugging", false), ("defer", false),
                                       ("favor_state", false)] {
            a[k] = v
        }
        // dbt 1.11's other flags, at their defaults (flowc behaves by them or has no such thing)
        let noGroupingLimits = JSON.object(JSONObject([("MAX_GROUPING_DEPTH", .null), ("MAX_GROUPING_TOKENS", .null)]))
        for (k, v): (String, JSON) in [("log_file_max_bytes", 10_485_760), ("log_format_file", "debug"), ("log_level_file", "debug"),
                                       ("partial_parse_file_diff", true), ("use_colors_file", true), ("show_all_deprecations", false),
                                       ("show_resource_report", false), ("skip_nodes_if_on_run_start_fails", false),
                                       ("source_freshness_run_project_hooks", true), ("sqlparse", noGroupingLimits),
                                       ("state_modified_compare_more_unrendered_values", false), ("state_modified_compare_vars", false),
                                       ("strict_mode", false), ("upload_to_artifacts_ingest_api", false), ("use_fast_test_edges", false),
                                       ("validate_macro_args", false),
                                       ("require_all_warnings_handled_by_warn_error", false),
                                       ("require_batched_execution_for_custom_microbatch_strategy", false),
                                       ("require_explicit_package_overrides_for_builtin_materializations", true),
                                       ("require_generic_test_arguments_property", true), ("require_nested_cumulative_type_params", false),
                                       ("require_ref_searches_node_package_before_root", false),
                                       ("require_resource_names_without_spaces", true), ("require_unique_project_resource_names", false),
                                       ("require_yaml_configuration_for_mf_time_spines", false)] {
            a[k] = v
        }
        a["warn_error_options"] = .object(JSONObject([("error", .array([])), ("silence", .array([])), ("warn", .array([]))]))
        return dbtForm(a)
    }

    /// What dbt's args_to_dict leaves out: unset (None) values, and a few flags while false.
    static func dbtForm(_ a: JSONObject) -> JSONObject {
        let droppedWhenFalse: Set<String> = ["debug", "full_refresh", "fail_fast", "warn_error", "single_threaded", "log_cache_events",
                                             "store_failures", "use_experimental_parser"]
        var out = JSONObject()
        for (k, v) in a where !v.isNull && !(droppedWhenFalse.contains(k) && v == .bool(false)) { out[k] = v }
        return out
    }

    /// Adds a command's own arguments (`record`) to what templates see as `invocation_args_dict`.
    static func expose(_ args: JSONObject, in inv: inout Invocation) {
        var all = inv.build.setup.invocationArgs
        for (k, v) in args { all[k] = v }
        inv.build.setup.invocationArgs = dbtForm(all)
    }

    /// `flags` is nil for `compile`, which has none of them.
    static func record(_ inv: Invocation, which: String, _ flags: RunFlags?, _ state: StateOptions,
                       _ selection: SelectionOptions?, empty: Bool) -> JSONObject {
        func strings(_ xs: [String]) -> JSON { .array(xs.map { .string($0) }) }
        var a = JSONObject()
        if let explicit = inv.options.target { a["target"] = .string(explicit) }
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
        if ["run", "build", "compile", "snapshot"].contains(which) { a["empty"] = .bool(empty) }
        if let s = selection {
            a["select"] = strings(s.select)
            a["exclude"] = strings(s.exclude)
            a["selector"] = s.selector.map { .string($0) } ?? .null
            // the commands whose dbt has --resource-type
            if ["build", "test"].contains(which) {
                a["resource_types"] = strings(s.resourceTypes)
                a["exclude_resource_types"] = strings(s.excludeResourceTypes)
            }
            a["indirect_selection"] = .string(s.indirectSelection.rawValue)
        }
        // each command's other defaults in dbt's args
        switch which {
        case "build":
            for k in ["export_saved_queries", "include_saved_query", "show"] { a[k] = false }
        case "seed": a["show"] = false
        case "compile":
            a["inject_ephemeral_ctes"] = true
            a["output"] = "text"
        default: break
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
