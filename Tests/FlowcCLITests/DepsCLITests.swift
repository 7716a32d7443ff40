// `flowc deps` from the command line: install, then compile with the packages' macros; and a
// bad revision's message and exit code.
import FlowcTestSupport
import Foundation
import Testing

@Suite struct DepsCLITests {
    @Test func depsThenCompileUsesThePackagesMacros() throws {
        let package = try Repo(["dbt_project.yml": "name: greetings\nversion: '1.0'\n",
                                "macros/hello.sql": "{% macro hello() %}'hello from git'{% endmacro %}\n"])
        try package.git("tag", "v1.0")
        let project = try Repo([
            "dbt_project.yml": "name: shop\nversion: '1.0'\nprofile: shop\n",
            "vendor/units/dbt_project.yml": "name: units\nversion: '1.0'\n",
            "vendor/units/macros/cents.sql": "{% macro cents(x) %}({{ x }} * 100){% endmacro %}\n",
            "packages.yml": "packages:\n  - local: vendor/units\n  - git: \"\(package.root)\"\n    revision: v1.0\n",
            "models/greeting.sql": "select {{ greetings.hello() }} as greeting, {{ units.cents(2) }} as amount\n",
        ])
        let before = try project.flowc("compile")
        #expect(before.status == 2)
        #expect(before.stderr.contains("packages.yml:2:5: error: 2 packages are listed in packages.yml, but only 0 are installed"))

        let deps = try project.flowc("deps")
        #expect(deps.status == 0, "\(deps.stderr)")
        #expect(deps.stdout.contains("Installed from <local @ vendor/units>"))
        #expect(try project.read("package-lock.yml").contains("  - local: vendor/units\n    name: units\n"))

        let compile = try project.flowc("compile")
        #expect(compile.status == 0, "\(compile.stderr)")
        #expect(try project.read("target/compiled/shop/models/greeting.sql")
            == "select 'hello from git' as greeting, (2 * 100) as amount")
    }

    @Test func aRevisionThatDoesNotExistExitsWithTwo() throws {
        let package = try Repo(["dbt_project.yml": "name: greetings\nversion: '1.0'\n"])
        let project = try Repo([
            "dbt_project.yml": "name: shop\nversion: '1.0'\n",
            "packages.yml": "packages:\n  - git: \"\(package.root)\"\n    revision: v9.9\n",
        ])
        let deps = try project.flowc("deps")
        #expect(deps.status == 2)
        #expect(deps.stderr.contains("""
            packages.yml:2:5: error: cannot check out revision 'v9.9' of git package \(package.root): fatal: couldn't find remote ref v9.9
                  - git: "\(package.root)"
                    ^
            """))
        #expect(!FileManager.default.fileExists(atPath: project.root + "/package-lock.yml"))
    }
}

/// dbt's secret environment variables: readable in packages.yml and profiles.yml, masked as
/// `*****` in what flowc prints, and a parse error anywhere else.
@Suite struct SecretEnvCLITests {
    @Test func secretsAreMaskedAndRefusedOutsideProfilesAndPackages() throws {
        let project = try Repo([
            "dbt_project.yml": "name: shop\nversion: '1.0'\n",
            "vendor/units/dbt_project.yml": "name: units\nversion: '1.0'\n",
            "packages.yml": "packages:\n  - local: \"{{ env_var('DBT_ENV_SECRET_VENDOR') }}/units\"\n",
            "models/ok.sql": "select 1 as id\n",
        ])
        let env = ["DBT_ENV_SECRET_VENDOR": "vendor"]
        let deps = try project.flowc(env: env, "deps")
        #expect(deps.status == 0, "\(deps.stderr)")
        #expect(deps.stdout.contains("Installed from <local @ *****/units>"), "\(deps.stdout)")
        #expect(!deps.stdout.contains("vendor/units"))
        try project.write("models/leaks.sql", "select '{{ env_var('DBT_ENV_SECRET_VENDOR') }}' as secret\n")
        let compile = try project.flowc(env: env, "compile")
        #expect(compile.status != 0)
        #expect(compile.stderr.contains("models/leaks.sql:1:"), "\(compile.stderr)")
        #expect(compile.stderr.contains("Secret env vars are allowed only in profiles.yml or packages.yml. "
                                        + "Found 'DBT_ENV_SECRET_VENDOR' referenced elsewhere."))
        #expect(!FileManager.default.fileExists(atPath: project.root + "/target/compiled/shop/models/leaks.sql"))
    }
}
