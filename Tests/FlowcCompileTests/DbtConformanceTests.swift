// flowc compiles a generated dbt project exactly as dbt Core 1.11 with dbt-sqlite does: every
// compiled file byte for byte. The expected files were made by scripts/gen_dbt_compile_vectors.sh.
import FlowcCompile
import Foundation
import Testing

@Test func compiledSQLMatchesDbtByteForByte() throws {
    let (project, fixture) = try TestProject.fixture("bench30")
    defer { project.remove() }
    let build = try project.build(target: "sqlite")
    let ids = build.manifest.nodes.values.filter { $0.resourceType != .seed }.map(\.uniqueId)
    let result = Compiler.compile(build, nodes: ids, threads: 2)
    #expect(result.diagnostics.isEmpty)
    let expectedRoot = fixture.appendingPathComponent("expected_compiled").path
    var expected: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(atPath: expectedRoot)
    while let rel = enumerator?.nextObject() as? String {
        guard rel.hasSuffix(".sql") else { continue }
        expected["target/compiled/" + rel] = try String(contentsOfFile: expectedRoot + "/" + rel, encoding: .utf8)
    }
    #expect(expected.count == 63)
    var produced: [String: String] = [:]
    for node in result.nodes.values { produced[node.compiledPath] = node.sql }
    #expect(Set(produced.keys) == Set(expected.keys))
    var mismatches: [String] = []
    for (path, sql) in expected where produced[path] != sql { mismatches.append(path) }
    #expect(mismatches.isEmpty, Comment(rawValue: "differs from dbt: \(mismatches.sorted().prefix(5))"))
}

/// dbt's cross-database macros (`dbt.datediff`, `dbt.listagg`, `dbt.split_part`, …) compile to
/// what dbt-postgres writes, whitespace included: the expected files were made by
/// scripts/gen_crossdb_vectors.sh. Offline: the macros need no warehouse.
@Test func crossDatabaseMacrosMatchDbtPostgresByteForByte() throws {
    let (project, fixture) = try TestProject.fixture("crossdb")
    defer { project.remove() }
    let compiled = try project.compile(target: "postgres")
    for name in ["dates", "series", "strings"] {
        let expected = try String(contentsOfFile: fixture.path + "/expected_compiled/crossdb/models/\(name).sql", encoding: .utf8)
        #expect(compiled[name] == expected, Comment(rawValue: "\(name) differs from dbt:\n\(compiled[name] ?? "nil")"))
    }
}
