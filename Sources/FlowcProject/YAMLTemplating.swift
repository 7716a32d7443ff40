// Jinja in YAML values, as dbt renders dbt_project.yml and profiles.yml: every string value
// containing `{{`, `{%` or `{#` is rendered with `env_var(name, default)` and
// `var(name, default)` available, and the result is typed like dbt's native rendering (one
// `{{ expr }}` keeps its value's type, `| as_number` types text, see NativeRendering). Keys the caller marks as deferred (hooks, vars) stay as written.
// Errors become diagnostics at the value's place; rendering carries on with the next value.

import FlowcTemplate

final class YAMLTemplating {
    private let environment: Environment
    private(set) var diagnostics: [Diagnostic] = []
    /// Whether a rendered value keeps its type (dbt's native rendering); packages.yml keeps
    /// every result a string.
    var nativeTypes = true

    /// `environment`: the process environment for `env_var`; `vars`: what `var()` sees, later
    /// entries overriding earlier ones; `varsHint` names where vars come from, for messages.
    /// `allowsSecrets`: whether `DBT_ENV_SECRET_*` variables may be read (profiles.yml and
    /// packages.yml only, as in dbt).
    init(environment processEnvironment: [String: String], vars: [(String, YAMLValue)], varsHint: String,
         target: Target?, allowsSecrets: Bool = false) {
        let env = Environment()
        env.filters.merge(DbtFilters.native) { _, new in new }
        env.globals["target"] = target.map(\.templateValue) ?? .object(MissingTarget())
        var table: [String: YAMLValue] = [:]
        for (k, v) in vars { table[k] = v }
        let varTable = table
        env.globals["env_var"] = .callable(Callable(name: "env_var") { args, _ in
            let slots = try args.bind("env_var", ["var", "default"])
            guard let nameValue = slots.first ?? nil, let name = nameValue.stringValue else {
                throw TemplateError(.type, "env_var() needs the variable name as a string")
            }
            if !allowsSecrets && SecretEnv.isSecret(name) { throw TemplateError(.host, SecretEnv.refusal(name)) }
            if let value = processEnvironment[name] { return .string(value) }
            if slots.count > 1, let fallback = slots[1], !fallback.isNone { return fallback }
            throw TemplateError(.host, "Env var required but not provided: '\(name)'")
        })
        env.globals["var"] = .callable(Callable(name: "var") { args, _ in
            let slots = try args.bind("var", ["var_name", "default"])
            guard let nameValue = slots.first ?? nil, let name = nameValue.stringValue else {
                throw TemplateError(.type, "var() needs the variable name as a string")
            }
            if let value = varTable[name] { return value.templateValue }
            if slots.count > 1, let fallback = slots[1] { return fallback }
            throw TemplateError(.host, "Required var '\(name)' not found in config",
                                hint: varsHint)
        })
        self.environment = env
    }

    static func hasJinja(_ s: String) -> Bool {
        var previousBrace = false
        for byte in s.utf8 {
            if previousBrace && (byte == UInt8(ascii: "{") || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "#")) {
                return true
            }
            previousBrace = byte == UInt8(ascii: "{")
        }
        return false
    }

    /// Renders the strings of `value` (the contents of file `text`); `deferred(path)` says which
    /// key paths (keys from the document root) keep their text unrendered.
    func render(_ value: YAMLValue, text: String, path: [String] = [], deferred: ([String]) -> Bool) -> YAMLValue {
        switch value {
        case .string(let s, let span):
            guard YAMLTemplating.hasJinja(s) else { return value }
            return renderString(s, span: span, text: text)
        case .list(let items, let span):
            return .list(items.map { render($0, text: text, path: path, deferred: deferred) }, span)
        case .map(let entries, let span):
            var out: [YAMLValue.Entry] = []
            out.reserveCapacity(entries.count)
            for entry in entries {
                let keyPath = path + [entry.key]
                if deferred(keyPath) {
                    out.append(entry)
                } else {
                    out.append((key: entry.key, keySpan: entry.keySpan,
                                value: render(entry.value, text: text, path: keyPath, deferred: deferred)))
                }
            }
            return .map(out, span)
        case .null, .bool, .int, .double:
            return value
        }
    }

    /// One string rendered and typed; on error a diagnostic and the text unchanged.
    func renderString(_ s: String, span: SourceSpan, text: String) -> YAMLValue {
        do {
            let template = try environment.parse(s, name: span.file)
            // one non-constant `{{ expr }}` keeps its value's type (a list from var() stays a list)
            if nativeTypes, template.yieldsNativeValue {
                return YAMLValue.from(try environment.renderNative(template), at: span)
            }
            let rendered = try environment.render(template)
            if nativeTypes, let message = DbtFilters.nativeTypeError(rendered, filter: template.wholeValueFilter) {
                throw TemplateError(.host, message)
            }
            // `| as_text` keeps the result a string, as in dbt's native rendering
            if rendered.contains(DbtFilters.textMarker) {
                return .string(rendered.filter { $0 != DbtFilters.textMarker }, span)
            }
            // only a whole value marked `as_bool`, `as_number` or `as_native` is typed from its
            // text; any other text (`"{{ false }}"`, folded by Jinja's compiler) stays a string
            let typed = nativeTypes && DbtFilters.typingMarkers.contains(template.wholeValueFilter ?? "")
            return typed ? YAMLValue.native(rendered, at: span) : .string(rendered, span)
        } catch is TargetUnavailable {
            diagnostics.append(.warning("left unrendered: it uses `target`, and no target was given",
                                        at: span, in: text))
        } catch let error as TemplateError {
            diagnostics.append(.error(error.message, at: span, in: text, hint: error.hint))
        } catch {
            diagnostics.append(.error("\(error)", at: span, in: text))
        }
        return .string(s, span)
    }
}

/// Thrown when a template uses `target` while the project is loaded without one.
struct TargetUnavailable: Error {}

/// `target` when no target is known: any use stops rendering of that value.
final class MissingTarget: TemplateObject {
    var typeName: String { "Target" }
    func attribute(_ name: String, renderer: Renderer) throws -> Value? { throw TargetUnavailable() }
    func item(_ key: Value, renderer: Renderer) throws -> Value? { throw TargetUnavailable() }
    func render(renderer: Renderer) throws -> String { throw TargetUnavailable() }
    func iterate(renderer: Renderer) throws -> [Value]? { throw TargetUnavailable() }
}
