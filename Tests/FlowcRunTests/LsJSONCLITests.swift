// `flowc ls --output json` prints what dbt 1.11's `dbt ls --output json` prints (checked on the
// same project): each resource as the manifest describes it, cut to dbt's keys in the
// resource's order, or to `--output-keys` in the order given.
import Foundation
import Testing

@Suite struct LsJSONCLITests {
    static func project() throws -> String {
        try CLITests.project([
            "models/paid.sql": "select id, amount from {{ ref('orders') }} where status = 'paid'",
            "models/raw.sql": "select * from {{ source('raw', 't1') }}",
            "models/props.yml": """
                version: 2
                sources:
                  - name: raw
                    schema: main
                    tables:
                      - name: t1
                models:
                  - name: paid
                    description: Paid orders.
                    columns:
                      - name: id
                        data_tests: [not_null]
                exposures:
                  - name: dash
                    type: dashboard
                    owner: {email: a@example.com}
                    depends_on: [ref('paid')]
                """,
        ])
    }

    static func lines(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func defaultKeysAreDbtsInTheResourcesOrder() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try CLITests.flowc(["ls", "--output", "json"], in: root)
        #expect(r.code == 0, "\(r.output)")
        let objects = try Self.lines(r.output)
        let byId = Dictionary(uniqueKeysWithValues: objects.compactMap { o in (o["unique_id"] as? String).map { ($0, o) } })
        #expect(Set(byId.keys) == ["exposure.shop.dash", "model.shop.paid", "model.shop.raw", "seed.shop.orders",
                                   "source.shop.raw.t1", byId.keys.first { $0.hasPrefix("test.shop.not_null_paid_id") } ?? "?"])
        let model = try #require(byId["model.shop.paid"])
        #expect(Set(model.keys) == ["name", "resource_type", "package_name", "original_file_path", "unique_id", "alias",
                                    "config", "tags", "depends_on"])
        #expect((model["depends_on"] as? [String: Any])?["nodes"] as? [String] == ["seed.shop.orders"])
        #expect((model["config"] as? [String: Any])?["materialized"] as? String == "view")
        // sources and exposures carry their config too, as in dbt
        let source = try #require(byId["source.shop.raw.t1"])
        #expect(Set(source.keys) == ["name", "resource_type", "package_name", "original_file_path", "unique_id",
                                     "source_name", "tags", "config"])
        let exposure = try #require(byId["exposure.shop.dash"])
        #expect(Set(exposure.keys) == ["name", "resource_type", "package_name", "original_file_path", "unique_id",
                                       "tags", "config", "depends_on"])
        let modelLine = try #require(r.output.split(separator: "\n").first { $0.contains("\"unique_id\": \"model.shop.paid\"") })
        #expect(modelLine.hasPrefix("{\"name\": \"paid\", \"resource_type\": \"model\", \"package_name\": \"shop\", "
            + "\"original_file_path\": \"models/paid.sql\", \"unique_id\": \"model.shop.paid\", \"alias\": \"paid\", \"config\": {"))
    }

    @Test func analysesOnlyWhenAskedForAndExposuresByName() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let analysis = root + "/analyses/adhoc.sql"
        try FileManager.default.createDirectory(atPath: root + "/analyses", withIntermediateDirectories: true)
        try "select * from {{ ref('paid') }}".write(toFile: analysis, atomically: false, encoding: .utf8)
        // as dbt's ls: no analyses by default; `--resource-type analysis` or `all` lists them
        let plain = try CLITests.flowc(["ls", "-q"], in: root).output
        #expect(!plain.contains("adhoc"), "\(plain)")
        #expect(try CLITests.flowc(["ls", "--resource-type", "analysis"], in: root).output == "shop.analysis.adhoc\n")
        #expect(try CLITests.flowc(["ls", "--resource-type", "all"], in: root).output.contains("shop.analysis.adhoc\n"))
        // a bare name selects by fqn, which exposures have (sources do not)
        #expect(try CLITests.flowc(["ls", "-s", "dash"], in: root).output == "exposure:shop.dash\n")
        // (dbt's warnings, on stderr, for a criterion that matches nothing and an empty listing)
        #expect(try CLITests.flowc(["ls", "-s", "t1"], in: root).output
                == "warning: The selection criterion 't1' does not match any enabled nodes\nhint: check the name with `flowc ls`\n"
                + "warning: No nodes selected!\nhint: check --select, --exclude, --selector and --resource-type\n")
        // declared in a folder: dbt prints package.source.table and package.exposure, no folders
        try FileManager.default.createDirectory(atPath: root + "/models/sub", withIntermediateDirectories: true)
        try """
            version: 2
            sources:
              - name: crm
                tables: [{name: users}]
            exposures:
              - name: board
                type: dashboard
                owner: {email: a@b.c}
                depends_on: ["ref('paid')"]
            """.write(toFile: root + "/models/sub/more.yml", atomically: false, encoding: .utf8)
        #expect(try CLITests.flowc(["ls", "-s", "source:crm", "exposure:board"], in: root).output
                == "exposure:shop.board\nsource:shop.crm.users\n")
    }

    @Test func outputKeysChooseKeysAndTheirOrder() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try CLITests.flowc(["ls", "-s", "paid", "source:raw", "--resource-type", "model", "--resource-type", "source",
                                    "--output", "json", "--output-keys", "source_name nope description", "--output-keys", "name"],
                                   in: root)
        #expect(r.code == 0, "\(r.output)")
        // keys a resource lacks are left out; the rest come in the order asked for
        #expect(r.output == """
            {"description": "Paid orders.", "name": "paid"}
            {"source_name": "raw", "description": "", "name": "t1"}

            """)
        // as dbt: several words after one --output-keys
        let words = try CLITests.flowc(["ls", "-s", "paid", "--output", "json", "--output-keys", "name", "resource_type"], in: root)
        #expect(words.code == 0, "\(words.output)")
        #expect(words.output == """
            {"name": "paid", "resource_type": "model"}
            {"name": "not_null_paid_id", "resource_type": "test"}

            """)
    }
}
