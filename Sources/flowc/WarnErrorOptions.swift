// dbt's `--warn-error-options` (and the project file's `flags: {warn_error, warn_error_options}`):
// which warnings count as errors. `error` (or `include`) is `all`/`*` or a list of dbt event
// names; `warn` (or `exclude`) and `silence` keep those events warnings. flowc's warnings carry
// no dbt event names but three: a test that warns is dbt's `LogTestResult`, a selection criterion
// that matches nothing `NoNodesForSelectionCriteria`, an `ls` that lists nothing
// `NoNodesSelected`; every other warning is covered by `all` only.
import FlowcProject

struct WarnErrorOptions {
    var errors: Set<String> = []
    var kept: Set<String> = []
    /// Events not shown at all (`silence`).
    var silenced: Set<String> = []

    /// The event names dbt gives warnings flowc can tell apart.
    static let testResult = "LogTestResult"
    static let noNodesForSelectionCriteria = "NoNodesForSelectionCriteria"
    static let unversionedBreakingChange = "UnversionedBreakingChange"
    static let noNodesSelected = "NoNodesSelected"
    static let modelParamUsageDeprecation = "ModelParamUsageDeprecation"

    /// Parses `'{"error": "all", "warn": [...]}'` (JSON or YAML).
    init(_ text: String) throws {
        guard let value = try YAMLText.parse(text, file: "--warn-error-options") else {
            self.init()
            return
        }
        guard value.isMap else {
            throw ProjectErrors([Diagnostic(.error, "--warn-error-options must be a mapping, e.g. '{\"error\": \"all\", \"warn\": [\"LogTestResult\"]}'")])
        }
        try self.init(value)
    }

    init(_ value: YAMLValue) throws {
        func names(_ key: String) -> [String] {
            guard let v = value[key] else { return [] }
            return v.list?.compactMap(\.scalarText) ?? v.scalarText.map { [$0] } ?? []
        }
        for key in value.keys where !["error", "include", "warn", "exclude", "silence"].contains(key) {
            throw ProjectErrors([Diagnostic(.error, "warn_error_options has no key '\(key)'",
                                            hint: "its keys are error (or include), warn (or exclude) and silence")])
        }
        errors = Set(names("error") + names("include"))
        kept = Set(names("warn") + names("exclude") + names("silence"))
        silenced = Set(names("silence"))
    }

    init() {}

    /// Every warning is an error (`--warn-error`).
    static let all = { var o = WarnErrorOptions(); o.errors = ["all"]; return o }()

    /// Whether a warning of this dbt event is silenced: not shown.
    func silences(_ event: String?) -> Bool { event.map { silenced.contains($0) } ?? false }

    /// Whether a warning of this dbt event (nil: one flowc cannot name) is an error.
    func promotes(_ event: String?) -> Bool {
        if let event, kept.contains(event) { return false }
        if errors.contains("all") || errors.contains("*") { return true }
        return event.map { errors.contains($0) } ?? false
    }
}

extension ProjectOptions {
    /// `--warn-error`, `--warn-error-options`, DBT_WARN_ERROR(_OPTIONS), else the project
    /// file's `flags:`, as dbt reads them (the command line first).
    func warnErrorOptions(projectFlags: YAMLValue?) throws -> WarnErrorOptions {
        if warnError { return .all }
        if let text = warnErrorOptionsText { return try WarnErrorOptions(text) }
        if let flags = projectFlags {
            if flags["warn_error"]?.bool == true { return .all }
            if let options = flags["warn_error_options"], options.isMap { return try WarnErrorOptions(options) }
        }
        return WarnErrorOptions()
    }
}
