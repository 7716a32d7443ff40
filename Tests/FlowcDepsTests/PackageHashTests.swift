// package-lock.yml's sha1_hash against the values dbt 1.11.16 wrote for the same packages.yml
// (vectors recorded in docs/research/dbt-deps/FINDINGS.md, §4).
@testable import FlowcDeps
import FlowcProject
import Testing

@Suite struct PackageHashTests {
    func hash(_ text: String, file: String = "packages.yml", environment: [String: String] = [:],
              vars: String? = nil) throws -> String {
        let cliVars = try vars.flatMap { try YAMLText.parse($0, file: "--vars") }
        let (parsed, diagnostics) = PackagesFile.parse(text, fileName: file, cliVars: cliVars, environment: environment,
                                                      render: file == "packages.yml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return PackageHash.sha1(try #require(parsed).packages)
    }

    @Test func localGitTagCommitAndSubdirectory() throws {
        let text = """
            packages:
              - local: ../src/pkg_a_src
              - git: "file:///tmp/depsvec/git/pkg_b.git"
                revision: v1.0
              - git: "/tmp/depsvec/git/pkg_e.git"
                revision: 869196b066d702c8c81ea69e97272e02013eaa1a
              - git: "file:///tmp/depsvec/git/mono.git"
                revision: v0.1
                subdirectory: dbt/pkg_d_src
            """
        #expect(try hash(text) == "476110761be3907ed5f60d32f058a33e746961f1")
        // comments, key order and quoting do not change it
        let reordered = """
            # packages
            packages:
              - git: file:///tmp/depsvec/git/mono.git
                subdirectory: 'dbt/pkg_d_src'
                revision: v0.1
              - local: "../src/pkg_a_src"
              - revision: v1.0
                git: "file:///tmp/depsvec/git/pkg_b.git"
              - git: /tmp/depsvec/git/pkg_e.git
                revision: 869196b066d702c8c81ea69e97272e02013eaa1a
            """
        #expect(try hash(reordered) == "476110761be3907ed5f60d32f058a33e746961f1")
    }

    @Test func gitRevisionForms() throws {
        let url = "  - git: \"file:///tmp/depsvec/git/pkg_e.git\"\n"
        #expect(try hash("packages:\n" + url) == "45986c6d0b0ce6a611e80ee9951a1984a48c19dd")
        #expect(try hash("packages:\n" + url + "    warn-unpinned: false\n") == "32e25661fdc8cc1292b453f787b76c731918b58c")
        #expect(try hash("packages:\n" + url + "    revision: main\n") == "91d3c061263fdff8ace380e07ab6e635e6ffe472")
        // a YAML float stays a float in the hashed JSON (`1.0`)
        #expect(try hash("packages:\n  - git: \"file:///tmp/depsvec/git/pkg_b.git\"\n    revision: 1.0\n")
            == "3e698e7595c4f00701e139e1fccefe241e8e9bf0")
    }

    @Test func duplicatesCountAndDependenciesYmlHashesAlike() throws {
        #expect(try hash("packages:\n  - local: ../src/pkg_a_src\n  - local: ../src/pkg_a_src\n")
            == "e6b7ab864a03f30138e69b0eb2a74bdc556502c7")
        #expect(try hash("packages:\n  - local: ../src/pkg_a_src\n", file: "dependencies.yml")
            == "086613451e860f822522d28ae02935c1e9513e51")
        #expect(try hash("packages:\n  - local: ../src/pkg_a_src\n") == "086613451e860f822522d28ae02935c1e9513e51")
    }

    @Test func renderedAndUnrenderedValuesBothCount() throws {
        let text = """
            packages:
              - local: "{{ env_var('LOCAL_PKG') }}"
              - git: "{{ env_var('GIT_URL') }}"
                revision: "{{ var('rev', 'v0.0') }}"
            """
        let environment = ["LOCAL_PKG": "../src/pkg_a_src", "GIT_URL": "file:///tmp/depsvec/git/pkg_b.git"]
        #expect(try hash(text, environment: environment, vars: "{rev: v1.0}") == "0a678f59224cbe17206cd74a64130385642bf2bb")
        // another value of the variable: another hash (the lock is resolved again)
        #expect(try hash(text, environment: environment) != "0a678f59224cbe17206cd74a64130385642bf2bb")
        // the same rendered value from another template text: another hash too
        let plain = "packages:\n  - git: file:///tmp/depsvec/git/pkg_b.git\n    revision: v1.0\n"
        let templated = "packages:\n  - git: file:///tmp/depsvec/git/pkg_b.git\n    revision: \"{{ 'v1.0' }}\"\n"
        #expect(try hash(plain) != hash(templated))
    }

    @Test func hubEntry() throws {
        #expect(try hash("packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.3.0\n")
            == "226ae69cdfbc9367e2aa2c472b01f99dbce11de0")
    }

    @Test func pythonJSONEscapesLikeJsonDumps() {
        // python3 -c 'import json; print(json.dumps({"b": "é\t\"x\\\\", "a": [1, 2.5, None, True], "A": "\U0001F600"}, sort_keys=True))'
        let span = SourceSpan.start(of: "")
        let value = YAMLValue.map([
            (key: "b", keySpan: span, value: .string("é\t\"x\\\\", span)),
            (key: "a", keySpan: span, value: .list([.int(1, span), .double(2.5, span), .null(span), .bool(true, span)], span)),
            (key: "A", keySpan: span, value: .string("\u{1F600}", span)),
        ], span)
        #expect(PythonJSON.dumps(value) == #"{"A": "\ud83d\ude00", "a": [1, 2.5, null, true], "b": "\u00e9\t\"x\\\\"}"#)
    }
}
