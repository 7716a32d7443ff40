// dbt's version check: `require-dbt-version` of the project and of each installed package
// against the dbt version flowc behaves as (1.11), an error at its place in the project file
// (exit 2) unless --no-version-check or DBT_VERSION_CHECK=false turns the check off.
import Foundation
import Testing

@Suite struct VersionCheckCLITests {
    static func files(_ requirement: String, package: String? = nil) -> [String: String] {
        var files = [
            "dbt_project.yml": "name: shop\nversion: '1.0'\nprofile: shop\nrequire-dbt-version: \(requirement)\n",
            "profiles.yml": "shop:\n  target: dev\n  outputs:\n    dev: {type: sqlite, schema: main, path: dev.sqlite}\n",
            "models/orders.sql": "select 1 as id",
        ]
        if let package {
            files["dbt_packages/helpers/dbt_project.yml"] = "name: helpers\nversion: '1.0'\nrequire-dbt-version: \(package)\n"
            files["dbt_packages/helpers/models/helper.sql"] = "select 2 as id"
        }
        return files
    }

    @Test func aRequirementThatLeavesOutDbt111StopsTheCommandAtItsPlace() throws {
        let repo = try Repo(Self.files(#"[">=1.3.0", "<1.4.0"]"#))
        let r = try repo.flowc("parse", "--profiles-dir", ".")
        #expect(r.status == 2)
        #expect(r.stderr.contains("dbt_project.yml:4:1: error: the 'shop' package does not support this version of dbt: "
                                  + "it requires ['>=1.3.0', '<1.4.0'], and flowc behaves as dbt 1.11.0"), "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("--no-version-check"), "\(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/target/manifest.json"))

        let off = try repo.flowc("parse", "--profiles-dir", ".", "--no-version-check")
        #expect(off.status == 0, "\(off.stdout)\(off.stderr)")
        let offByEnv = try repo.flowc(env: ["DBT_VERSION_CHECK": "false"], "parse", "--profiles-dir", ".")
        #expect(offByEnv.status == 0, "\(offByEnv.stdout)\(offByEnv.stderr)")
        // the command line wins over the environment
        let onAgain = try repo.flowc(env: ["DBT_VERSION_CHECK": "false"], "parse", "--profiles-dir", ".", "--version-check")
        #expect(onAgain.status == 2)
    }

    @Test func theProjectFilesFlagsTurnTheCheckOffUnlessTheCommandLineTurnsItOn() throws {
        var files = Self.files(#"">=1.11.17""#)
        files["dbt_project.yml", default: ""] += "flags:\n  version_check: false\n"
        let repo = try Repo(files)
        let r = try repo.flowc("parse", "--profiles-dir", ".")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let on = try repo.flowc("parse", "--profiles-dir", ".", "--version-check")
        #expect(on.status == 2)
        #expect(on.stderr.contains("it requires ['>=1.11.17'], and flowc behaves as dbt 1.11.0"), "\(on.stderr)")
    }

    @Test func requirementsThatAdmitDbt111Pass() throws {
        for requirement in [#"">=1.0.0""#, #"[">=1.3.0", "<2.0.0"]"#, #""=1.11.0""#, #"["<2.0.0", ">=1.11.0-b1"]"#] {
            let repo = try Repo(Self.files(requirement))
            let r = try repo.flowc("parse", "--profiles-dir", ".")
            #expect(r.status == 0, "\(requirement): \(r.stdout)\(r.stderr)")
            #expect(!(r.stdout + r.stderr).contains("require-dbt-version"), "\(r.stdout)\(r.stderr)")
        }
    }

    @Test func anInstalledPackagesRequirementIsCheckedInItsOwnFile() throws {
        let repo = try Repo(Self.files(#"">=1.0.0""#, package: #"[">=1.0.0", "<1.10.0"]"#))
        let r = try repo.flowc("compile", "--profiles-dir", ".")
        #expect(r.status == 2)
        #expect(r.stderr.contains("dbt_packages/helpers/dbt_project.yml:3:1: error: the 'helpers' package does not support "
                                  + "this version of dbt: it requires ['>=1.0.0', '<1.10.0']"), "\(r.stdout)\(r.stderr)")
    }

    @Test func unreadableAndImpossibleRequirementsAreErrors() throws {
        let bad = try Repo(Self.files(#""1.5""#))
        let r = try bad.flowc("parse", "--profiles-dir", ".")
        #expect(r.status == 2)
        #expect(r.stderr.contains(#"dbt_project.yml:4:1: error: "1.5" is not a valid semantic version"#), "\(r.stdout)\(r.stderr)")
        let never = try Repo(Self.files(#"[">=1.5.0", "<1.4.0"]"#))
        let n = try never.flowc("parse", "--profiles-dir", ".")
        #expect(n.status == 2)
        #expect(n.stderr.contains("error: the 'shop' package's dbt version requirement can never be satisfied: ['>=1.5.0', '<1.4.0']"),
                "\(n.stdout)\(n.stderr)")
    }
}
