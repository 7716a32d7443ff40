// Unit tests in manifest.json (`unit_tests`, and `disabled` for disabled ones), in dbt's
// UnitTestDefinition shape: the given inputs and expectation as normalised at parse time.

extension ManifestWriter {
    static func unitTest(_ n: Node, createdAt: Double) -> JSON {
        let spec = n.unitTest
        func fixture(_ f: UnitTestSpec.Fixture, withInput: Bool) -> JSON {
            var o = JSONObject()
            if withInput { o["input"] = .string(f.input) }
            if let sql = f.sql {
                o["rows"] = .string(sql)
            } else {
                o["rows"] = .array(f.rows.map { .object($0) })
            }
            o["format"] = .string(f.format)
            o["fixture"] = f.fixture.map { .string($0) } ?? .null
            return .object(o)
        }
        let expect = spec.map { fixture($0.expect, withInput: false) } ?? .object(JSONObject())
        return .object(JSONObject([
            ("model", .string(spec?.model ?? "")),
            ("given", .array((spec?.given ?? []).map { fixture($0, withInput: true) })),
            ("expect", expect),
        ] + identity(n.name, "unit_test", package: n.packageName, path: n.path, originalFilePath: n.originalFilePath,
                     uniqueId: n.uniqueId) + [
            ("fqn", .array(n.fqn.map { .string($0) })),
            ("description", .string(n.description)),
            ("overrides", spec?.overrides.map { .object($0) } ?? .null),
            ("depends_on", .object(JSONObject([("macros", .array([])), ("nodes", .array(n.dependsOnNodes.map { .string($0) }))]))),
            ("config", .object(n.config)),
            ("checksum", .string(n.checksum)),
            // dbt leaves the schema out (null) for a disabled unit test
            ("schema", n.dependsOnNodes.isEmpty ? .null : .string(n.schema)),
            ("created_at", .double(createdAt)),
            ("versions", spec?.versions.map { v in
                .object(JSONObject([("include", v["include"] ?? .null), ("exclude", v["exclude"] ?? .null)]))
            } ?? .null),
            ("version", n.version.map { Int($0).map(JSON.int) ?? .string($0) } ?? .null),
        ]))
    }
}
