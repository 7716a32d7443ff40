// dbt's four built-in generic tests (unique, not_null, accepted_values, relationships), their
// SQL written here rather than by rendering their macros. Rendering one went through the test
// macro, adapter.dispatch and the default__ macro: ~150k instructions a test, most of compiling
// the 10,000-model benchmark's 9,496 tests. The text is byte for byte what the macros in
// BuiltinMacros.swift print, from the same argument values (TestKwargs.native). Whenever that
// could differ, the test renders as before: a project or package defines one of the macros
// involved, the test has a namespace, arguments the macro does not take, or code other than
// the call and dbt's config() call.
import FlowcTemplate

extension RenderWorker {
    /// A generic test's SQL: written natively for dbt's built-in tests when nothing can change
    /// it (and `native`), else `template()` rendered with `_dbt_generic_test_kwargs`.
    public func renderGenericTest(_ node: Node, kwargs: JSONObject, state: NodeState, native: Bool = true,
                                  template: () throws -> Template) throws -> String {
        // arguments evaluated for a test then left to its macro are not evaluated again (a
        // log() in one would print twice)
        var evaluated: [(String, Value)]?
        if native {
            let attempt = try builtinTestSQL(node, kwargs: kwargs, state: state)
            if let sql = attempt.sql { return sql }
            evaluated = attempt.args
        }
        let parsed = try template()
        state.extraContext["_dbt_generic_test_kwargs"] = try evaluated.map(TestKwargs.dict)
            ?? TestKwargs.native(kwargs, worker: self, state: state)
        return try render(parsed, state: state)
    }

    /// The SQL of a built-in test as its macro writes it, or nil when the macro must render
    /// (with the arguments, when they were evaluated to find that out).
    func builtinTestSQL(_ node: Node, kwargs: JSONObject, state: NodeState) throws -> (sql: String?, args: [(String, Value)]?) {
        guard let metadata = node.testMetadata, metadata.namespace == nil,
              let test = BuiltinTest(rawValue: metadata.name), intactBuiltinTests.contains(test),
              BuiltinTest.callsOnlyMacro(node.rawCode, test: test),
              kwargs.keys.allSatisfy(test.parameters.contains), test.required.allSatisfy({ kwargs[$0] != nil }),
              case .string? = kwargs["column_name"], !state.configReadsEmpty else { return (nil, nil) }
        let args = try TestKwargs.nativePairs(kwargs, worker: self, state: state)
        // should_store_failures(): the config, else --store-failures
        let storeFailures: Bool
        if let v = state.config["store_failures"], !v.isNull { storeFailures = Value(json: v).truthy } else { storeFailures = setup.storeFailures }
        // Strings, numbers and relations print the same in any renderer; another object might
        // read the node's context, so it prints in one set up for the node.
        let sql = args.allSatisfy({ Self.printsWithoutContext($0.1) })
            ? try BuiltinTest.text(test, args, storeFailures: storeFailures, renderer: macroRenderer)
            : try withNode(state) { try BuiltinTest.text(test, args, storeFailures: storeFailures, renderer: $0) }
        return (sql, args)
    }

    static func printsWithoutContext(_ v: Value) -> Bool {
        switch v {
        case .object(let o): return o is RelationObject
        case .list(let l): return l.items.allSatisfy(printsWithoutContext)
        case .tuple(let t): return t.allSatisfy(printsWithoutContext)
        case .dict, .callable, .undefined: return false
        default: return true
        }
    }
}

extension BuiltinTest {
    /// The macro's text for arguments `args` (TestKwargs.nativePairs), each printed as `{{ }}`
    /// prints it; nil when an argument is missing or of a shape the macro would not loop over.
    static func text(_ test: BuiltinTest, _ args: [(String, Value)], storeFailures: Bool, renderer r: Renderer) throws -> String? {
        func arg(_ key: String) -> Value? { args.first { $0.0 == key }?.1 }
        func text(_ key: String) throws -> String? { try arg(key).map(r.str) }
        guard let model = try text("model"), let column = try text("column_name") else { return nil }
        // the test macro's own lines around the implementation it dispatches to
        let head = "\n    \n    ", tail = "\n"
        switch test {
        case .unique:
            return head + "\n\nselect\n    \(column) as unique_field,\n    count(*) as n_records\n\nfrom \(model)\n"
                + "where \(column) is not null\ngroup by \(column)\nhaving count(*) > 1\n\n" + tail
        case .notNull:
            let columns = storeFailures ? "*" : column
            return head + "\n\n\n\nselect \(columns)\nfrom \(model)\nwhere \(column) is null\n\n" + tail
        case .acceptedValues:
            let items: [Value]
            switch arg("values") {
            case .list(let l)? where !l.isSet: items = l.items
            case .tuple(let t)?: items = t
            default: return nil
            }
            let quote = arg("quote")?.truthy ?? true
            let listed = try items.map { quote ? "'" + (try r.str($0)) + "'" : try r.str($0) }.joined(separator: ",")
            return head + "\n\nwith all_values as (\n\n    select\n        \(column) as value_field,\n        count(*) as n_records\n\n"
                + "    from \(model)\n    group by \(column)\n\n)\n\nselect *\nfrom all_values\nwhere value_field not in (\n    "
                + listed + "\n)\n\n" + tail
        case .relationships:
            guard let to = try text("to"), let field = try text("field") else { return nil }
            return head + "\n\nwith child as (\n    select \(column) as from_field\n    from \(model)\n    where \(column) is not null\n),\n\n"
                + "parent as (\n    select \(field) as to_field\n    from \(to)\n)\n\nselect\n    from_field\n\nfrom child\n"
                + "left join parent\n    on child.from_field = parent.to_field\n\nwhere parent.to_field is null\n\n" + tail
        }
    }
}

/// dbt's built-in generic tests, by the name a properties file gives them.
enum BuiltinTest: String, CaseIterable {
    case unique, notNull = "not_null", acceptedValues = "accepted_values", relationships

    /// The macro's parameters (the only argument names a test of it may have).
    var parameters: Set<String> {
        switch self {
        case .unique, .notNull: return ["model", "column_name"]
        case .acceptedValues: return ["model", "column_name", "values", "quote"]
        case .relationships: return ["model", "column_name", "to", "field"]
        }
    }

    var required: [String] {
        switch self {
        case .unique, .notNull: return ["model", "column_name"]
        case .acceptedValues: return ["model", "column_name", "values"]
        case .relationships: return ["model", "column_name", "to", "field"]
        }
    }

    /// The macros whose project versions would change the test's SQL: the test, the
    /// implementation it dispatches to, and what that calls.
    var macros: [String] {
        let own = ["test_\(rawValue)"]
        return self == .notNull ? own + ["should_store_failures"] : own
    }

    /// Whether `code` is the test's call, optionally followed by the config() call dbt appends
    /// (a no-op when compiling), and nothing else.
    static func callsOnlyMacro(_ code: String, test: BuiltinTest) -> Bool {
        let call = "{{ test_\(test.rawValue)(**_dbt_generic_test_kwargs) }}"
        guard code.hasPrefix(call) else { return false }
        let rest = code.utf8.dropFirst(call.utf8.count)
        if rest.isEmpty { return true }
        let open = "{{ config(".utf8, close = ") }}".utf8
        guard rest.starts(with: open), rest.reversed().starts(with: close.reversed()) else { return false }
        // one tag only: no other expression, statement or comment inside the config() call
        let inner = rest.dropFirst(open.count).dropLast(close.count)
        var previous: UInt8 = 0
        for b in inner {
            if previous == UInt8(ascii: "{") && (b == UInt8(ascii: "{") || b == UInt8(ascii: "%") || b == UInt8(ascii: "#")) { return false }
            if previous == UInt8(ascii: "}") && b == UInt8(ascii: "}") { return false }
            previous = b
        }
        return true
    }
}
