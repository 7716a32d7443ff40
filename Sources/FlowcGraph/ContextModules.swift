// dbt's `modules` global (Python's re, datetime and itertools) and the `fromyaml`/`toyaml`
// helpers, rebuilt on Swift's stdlib so project macros that lean on them compile unchanged.
// Kept apart from ContextFunctions because these are self-contained stand-ins for Python
// libraries, not dbt's own context. Datetimes are UTC only.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FlowcProject
import FlowcTemplate

enum ContextModules {
    static func make() -> Value {
        .object(TableObject("module", [
            "re": .object(RegexModule.make()),
            "datetime": .object(DateTimeModule.make()),
            "itertools": .object(IterTools.make()),
            "pytz": .object(UTCZone.pytzModule()),
        ]))
    }

    /// `fromyaml` and `toyaml`, as dbt registers them.
    static func yamlFunctions() -> [String: Value] {
        [
            "fromyaml": .callable(Callable(name: "fromyaml") { args, _ in
                let slots = try args.bind("fromyaml", ["value", "default"])
                guard let text = slots[0]?.stringValue else { return slots[1] ?? .none }
                do {
                    guard let y = try YAMLText.parse(text, file: "<fromyaml>") else { return .none }
                    return YAMLTimestamps.value(y, source: text)
                } catch {
                    return slots[1] ?? .none
                }
            }),
            "toyaml": .callable(Callable(name: "toyaml") { args, r in
                // dbt's toyaml(value, default=None, sort_keys=False): safe_dump, or the default
                // for what safe_dump cannot represent
                let slots = try args.bind("toyaml", ["value", "default", "sort_keys"])
                do {
                    return .string(try YAMLWriter.document(slots[0] ?? .none, renderer: r, sortKeys: slots[2]?.truthy ?? false))
                } catch is YAMLWriter.Unrepresentable {
                    return slots[1] ?? .none
                }
            }),
        ]
    }
}

func fn(_ name: String, _ body: @escaping (Arguments, Renderer) throws -> Value) -> Value {
    .callable(Callable(name: name, body))
}
