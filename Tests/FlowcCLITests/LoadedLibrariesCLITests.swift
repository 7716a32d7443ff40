// Which shared libraries flowc loads, from the dynamic loader's own log (LD_DEBUG=libs): a run
// on SQLite loads neither libpq nor libcurl; `--version` loads libpq (it prints its version),
// and an OpenLineage endpoint loads libcurl.
import FlowcTestSupport
import Foundation
import Testing

@Suite struct LoadedLibrariesCLITests {
    /// The libraries the loader looked up, from its log on stderr ("find library=libpq.so.5 …").
    func loaded(_ result: CLIResult) -> Set<String> {
        var names = Set<String>()
        for line in result.stderr.split(separator: "\n") {
            guard let found = line.range(of: "find library=") else { continue }
            names.insert(String(line[found.upperBound...].prefix { $0 != " " && $0 != ";" }))
        }
        return names
    }

    @Test func sqliteRunsLoadNeitherLibpqNorLibcurl() throws {
        #if os(Linux)
        let repo = try Repo(["flowc.yml": "name: shop\nversion: '1.0'\n",
                             "seeds/orders.csv": "id,amount\n1,10\n",
                             "models/paid.sql": "select id, amount from {{ ref('orders') }}\n"])
        let build = try repo.flowc(env: ["LD_DEBUG": "libs"], "build")
        #expect(build.status == 0, "\(build.stdout)")
        let libraries = loaded(build)
        #expect(libraries.contains { $0.hasPrefix("libsqlite3") }, "the log was read: \(libraries.sorted())")
        #expect(!libraries.contains { $0.hasPrefix("libpq") }, "\(libraries.sorted())")
        #expect(!libraries.contains { $0.hasPrefix("libcurl") }, "\(libraries.sorted())")

        let version = try repo.flowc(env: ["LD_DEBUG": "libs"], "--version")
        #expect(version.status == 0)
        #expect(loaded(version).contains("libpq.so.5"), "\(loaded(version).sorted())")
        #expect(version.stdout.contains("libpq 1"), "\(version.stdout)")

        // a dead endpoint: libcurl is loaded to try it, and the build still succeeds
        let port = try TestPostgres.freeLoopbackPort()
        let sent = try repo.flowc(env: ["LD_DEBUG": "libs", "OPENLINEAGE_URL": "http://127.0.0.1:\(port)"], "build")
        #expect(sent.status == 0, "\(sent.stdout)")
        #expect(loaded(sent).contains("libcurl.so.4"), "\(loaded(sent).sorted())")
        #expect(!loaded(sent).contains { $0.hasPrefix("libpq") })
        #endif
    }
}
