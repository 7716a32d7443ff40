// Generic tests declared in properties YAML (`data_tests:`/`tests:` on models, seeds,
// snapshots, sources and their columns) become test nodes named and identified exactly as dbt
// names them, so manifests and selectors line up with dbt's.
import FlowcProject
import FlowcTemplate

struct GenericTestSpec {
    var testName: String            // macro short name: unique, accepted_values, …
    var namespace: String?          // dbt_utils for `dbt_utils.expression_is_true`
    var arguments: [(String, JSON)]
    /// Given under `arguments:` (dbt 1.10's form): dbt's kwargs then start with column_name;
    /// top-level arguments come before it.
    var argumentsNested = false
    /// Whether arguments are written beside the test's name (dbt's deprecated form); a lone
    /// `column_name` there is not one, as dbt does not count it.
    var hasTopLevelArguments: Bool { arguments.contains { $0.0 != "column_name" } }
    var config: JSONObject
    var customName: String?
    var span: SourceSpan
    /// Config keys written beside the arguments rather than under `config:` (with their place).
    var topLevelConfig: [(key: String, span: SourceSpan)] = []
}

enum GenericTests {
    static let configKeys: Set<String> = [
        "severity", "where", "limit", "warn_if", "error_if", "fail_calc", "store_failures", "store_failures_as",
        "tags", "meta", "enabled", "alias", "schema", "database", "group",
    ]

    /// Reads one entry of a `data_tests:` list: `unique`, `{unique: {config: …}}`,
    /// `{accepted_values: {values: […]}}` or the 1.10 form with `arguments:`.
    static func spec(_ entry: YAMLValue) -> GenericTestSpec? {
        switch entry {
        case .string(let s, let span):
            return make(s, span: span, body: nil)
        case .map(let pairs, let span):
            guard let first = pairs.first else { return nil }
            if pairs.count == 1 { return make(first.key, span: first.keySpan, body: first.value) }
            // `- name: custom_name` + `test_name: unique` form
            if let t = entry["test_name"]?.string { return make(t, span: span, body: entry) }
            return make(first.key, span: first.keySpan, body: first.value)
        default:
            return nil
        }
    }

    private static func make(_ fullName: String, span: SourceSpan, body: YAMLValue?) -> GenericTestSpec {
        var namespace: String?
        var name = fullName
        if let dot = fullName.lastIndex(ofASCII: UInt8(ascii: ".")) {
            namespace = String(fullName[..<dot])
            name = String(fullName[fullName.index(after: dot)...])
        }
        var spec = GenericTestSpec(testName: name, namespace: namespace, arguments: [], config: JSONObject(),
                                   customName: nil, span: span)
        guard case .map(let pairs, _)? = body else { return spec }
        for p in pairs {
            switch p.key {
            case "config":
                if case .object(let o) = p.value.json { for (k, v) in o { spec.config[k] = v } }
            case "arguments":
                spec.argumentsNested = true
                if case .object(let o) = p.value.json { for (k, v) in o { spec.arguments.append((k, v)) } }
            case "name": spec.customName = p.value.string
            case "test_name": break
            default:
                if configKeys.contains(p.key) {
                    spec.config[p.key] = p.value.json
                    if configArgOrder.contains(p.key) { spec.topLevelConfig.append((p.key, p.keySpan)) }
                } else {
                    spec.arguments.append((p.key, p.value.json))
                }
            }
        }
        return spec
    }

    /// dbt's CONFIG_ARGS: the test configs its builder takes first, in this order, whether written
    /// beside the arguments or under `config:`.
    static let configArgOrder = ["severity", "tags", "enabled", "where", "limit", "warn_if", "error_if", "fail_calc",
                                 "store_failures", "store_failures_as", "meta", "database", "schema", "alias"]

    /// dbt's construct_config: the test's own configs as a `config()` call its builder appends
    /// to the test's code (so the manifest's raw_code shows them): CONFIG_ARGS first in their
    /// order, then the rest as written, then `alias` when dbt gave the test its short name.
    static func configCall(_ config: JSONObject, alias: String?) -> String {
        if config.isEmpty && alias == nil { return "" }
        var ordered: [(String, JSON)] = []
        for k in configArgOrder { if let v = config[k], !v.isNull { ordered.append((k, v)) } }
        for (k, v) in config where !configArgOrder.contains(k) && !v.isNull { ordered.append((k, v)) }
        if let alias { ordered.append(("alias", .string(alias))) }
        guard !ordered.isEmpty else { return "" }
        return "{{ config(" + ordered.map { "\($0.0)=" + configArgument($0.1) }.joined(separator: ",") + ") }}"
    }

    /// A value as construct_config writes it: a string in double quotes (inner ones escaped),
    /// anything else as Python's str().
    static func configArgument(_ v: JSON) -> String {
        guard case .string(let s) = v else { return Value(json: v).pythonString }
        // by bytes: Foundation's replacingOccurrences cost ~30,000 instructions a call here
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(s.utf8.count + 2)
        for b in s.utf8 {
            if b == UInt8(ascii: "\"") { out.append(UInt8(ascii: "\\")) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// dbt's synthesize_generic_test_names: (short name for files/alias, full name for ids).
    static func names(testType: String, targetName: String, arguments: [(String, JSON)]) -> (short: String, full: String) {
        var flat: [String] = []
        for (k, v) in arguments.sorted(by: { $0.0 < $1.0 }) where k != "model" {
            switch v {
            case .object(let o): flat.append(contentsOf: o.map { pythonStr($0.1) })
            case .array(let a): flat.append(contentsOf: a.map(pythonStr))
            default: flat.append(pythonStr(v))
            }
        }
        let cleaned = flat.map(cleanIdentifier)
        let identifier = "\(testType)_\(targetName)"
        let full = "\(identifier)_\(cleaned.joined(separator: "__"))"
        // Python's len() and slices count code points (a decomposed "é" is two), not characters
        // (counted only when there are 64 bytes, as the bytes that start a code point: the
        // scalar view's count walks the text the slow way)
        if full.utf8.count >= 64, full.utf8.reduce(0, { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }) >= 64 {
            return (String(identifier.unicodeScalars.prefix(30)) + "_" + Hashing.md5Hex(full), full)
        }
        return (full, full)
    }

    /// Python's str() of a YAML scalar or container, as dbt's name synthesis uses it.
    static func pythonStr(_ v: JSON) -> String {
        Value(json: v).pythonString
    }

    /// `re.sub("[^0-9a-zA-Z_]+", "_", s)`, by bytes: a code point outside ASCII is bytes of
    /// 0x80 and up, none of them kept, so its run becomes one "_" as the regex makes it.
    static func cleanIdentifier(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var inRun = false
        for b in s.utf8 {
            if (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F {
                out.append(b)
                inRun = false
            } else if !inRun {
                out.append(0x5F)
                inRun = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// md5(name + repr(sorted metadata with str leaves))[-10:], dbt's test id suffix.
    static func hash(name: String, metadata: TestMetadata) -> String {
        // the Python repr of the metadata with every key sorted and every scalar a string,
        // written as bytes straight from the JSON (building template values, then Strings
        // piece by piece, was most of making a generic test)
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count + 256)
        func append(_ s: String) { out.append(contentsOf: s.utf8) }
        func repr(_ j: JSON) {
            switch j {
            case .object(let o):
                out.append(UInt8(ascii: "{"))
                for (i, k) in o.keys.sorted().enumerated() {
                    if i > 0 { append(", ") }
                    appendPythonStringRepr(k, to: &out)
                    append(": ")
                    repr(o[k] ?? .null)
                }
                out.append(UInt8(ascii: "}"))
            case .array(let a):
                out.append(UInt8(ascii: "["))
                for (i, v) in a.enumerated() {
                    if i > 0 { append(", ") }
                    repr(v)
                }
                out.append(UInt8(ascii: "]"))
            case .string(let text): appendPythonStringRepr(text, to: &out)
            default: appendPythonStringRepr(pythonStr(j), to: &out)
            }
        }
        append(name)
        // the metadata's keys in sorted order: kwargs, name, namespace
        append("{'kwargs': ")
        repr(.object(metadata.kwargs))
        append(", 'name': ")
        repr(.string(metadata.name))
        append(", 'namespace': ")
        repr(metadata.namespace.map { .string($0) } ?? .null)
        out.append(UInt8(ascii: "}"))
        return String(Hashing.md5Hex(out).suffix(10))
    }
}
