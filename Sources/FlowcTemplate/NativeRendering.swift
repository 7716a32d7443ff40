// dbt's native rendering of YAML values (`get_rendered(..., native=True)`, used for the project
// file, profiles, selectors and properties YAML). Jinja's native environment yields the value of
// a template's one output as it is: `"{{ var('keys') }}"` stays a list, `"{{ var('n', 5) }}"` an
// int, `"{{ env_var('X') }}"` a string. Jinja's compiler folds a constant expression into text
// first, so `"{{ false }}"`, `"{{ 1 + 1 }}"` and `"{{ none }}"` are the strings 'False', '2' and
// 'None'; text beside an output, or several outputs, join into a string. Only the marker filters
// (`as_bool`, `as_number`, `as_native`, `as_text`) ask for the text to be typed, which hosts do.

extension Template {
    /// The expression whose value native rendering yields as it is: the template is exactly one
    /// `{{ expr }}`, the expression is not a constant Jinja folds into text, and it is not typed
    /// by a marker filter.
    var nativeOutput: Expr? {
        guard body.count == 1, case .output(let expr, _) = body[0], !expr.isConstant else { return nil }
        if case .filter(_, let name, _, _) = expr, Template.markerFilters.contains(name) { return nil }
        return expr
    }

    static let markerFilters: Set<String> = ["as_bool", "as_number", "as_native", "as_text"]

    /// Whether native rendering yields a value other than text (`Environment.renderNative`).
    public var yieldsNativeValue: Bool { nativeOutput != nil }
}

extension Expr {
    /// Whether Jinja's compiler folds the expression into a constant (its `as_const`): literals,
    /// containers of constants, operators, conditionals, attribute and item lookups, filters and
    /// tests over constants. Names and calls are never constant.
    var isConstant: Bool {
        switch self {
        case .literal: return true
        case .name, .call: return false
        case .list(let items), .tuple(let items), .concat(let items, _): return items.allSatisfy(\.isConstant)
        case .dict(let pairs, _): return pairs.allSatisfy { $0.0.isConstant && $0.1.isConstant }
        case .getattr(let base, _, _), .neg(let base, _), .pos(let base, _), .not(let base): return base.isConstant
        case .getitem(let base, let key, _): return base.isConstant && key.isConstant
        case .slice(let base, let a, let b, let c, _):
            return base.isConstant && [a, b, c].allSatisfy { $0?.isConstant ?? true }
        case .binary(_, let l, let r, _), .and(let l, let r), .or(let l, let r): return l.isConstant && r.isConstant
        case .compare(let first, let rest, _): return first.isConstant && rest.allSatisfy { $0.1.isConstant }
        case .conditional(let test, let then, let otherwise):
            return test.isConstant && then.isConstant && (otherwise?.isConstant ?? true)
        case .filter(let base, let name, let args, _):
            // a marker's value is not a plain str, so Jinja does not fold it into the output
            return !Template.markerFilters.contains(name) && base.isConstant && args.isConstant
        case .test(let base, _, let args, _, _): return base.isConstant && args.isConstant
        }
    }
}

extension CallArgs {
    var isConstant: Bool {
        star == nil && starStar == nil && positional.allSatisfy(\.isConstant) && keywords.allSatisfy { $0.1.isConstant }
    }
}

extension Renderer {
    /// The template rendered natively: its one output's value when `yieldsNativeValue` (None,
    /// bools, numbers, strings, lists and dicts as they are; other objects as their text), else
    /// the rendered text as a string.
    public func renderNative(_ template: Template) throws -> Value {
        guard let expr = template.nativeOutput, case .output(_, let pos) = template.body[0] else {
            return .string(try render(template))
        }
        let savedSource = source
        source = template.source
        defer { source = savedSource }
        let value: Value
        do { value = try eval(expr) } catch { throw located(error, pos) }
        switch value {
        case .none, .bool, .int, .double, .string, .list, .tuple, .dict: return value
        case .undefined, .callable, .object: return .string(try str(value))
        }
    }
}

extension Environment {
    /// Parses nothing: renders a parsed template natively (`Renderer.renderNative`).
    public func renderNative(_ template: Template, _ context: [String: Value] = [:]) throws -> Value {
        try Renderer(environment: self, context: context).renderNative(template)
    }
}
