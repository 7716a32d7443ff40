// The dbt-like host context the models render with: `config`, `ref`, `source`,
// `is_incremental`, `var`, `target` and `this`. scripts/bench_jinja2.py defines the same in
// Python, so both engines see identical inputs.

import FlowcTemplate

enum HostFunctions {
    static func context(model: String) -> [String: Value] {
        [
            "config": .callable(Callable(name: "config") { _, _ in .string("") }),
            "ref": .callable(Callable(name: "ref") { args, r in
                guard let last = args.positional.last else {
                    throw TemplateError(.type, "ref() takes at least 1 argument (0 given)")
                }
                return .string("\"analytics\".\"\(try r.str(last))\"")
            }),
            "source": .callable(Callable(name: "source") { args, r in
                let slots = try args.bind("source", ["source_name", "table_name"])
                guard let source = slots[0], let table = slots[1] else {
                    throw TemplateError(.type, "source() missing a required argument")
                }
                return .string("\"raw_\(try r.str(source))\".\"\(try r.str(table))\"")
            }),
            "is_incremental": .callable(Callable(name: "is_incremental") { _, _ in .bool(false) }),
            "var": .callable(Callable(name: "var") { args, _ in
                let slots = try args.bind("var", ["name", "default"])
                return slots[1] ?? .none
            }),
            "target": .dict([
                ("name", .string("dev")), ("schema", .string("analytics")),
                ("type", .string("postgres")), ("threads", .int(4)),
            ]),
            "this": .string("\"analytics\".\"\(model)\""),
        ]
    }
}
