// What dbt users set outside the command line, read as dbt reads it: DBT_PROFILES_DIR (and a
// profiles directory or profile that does not exist is an error, never a quiet fall-back to
// the embedded database), DBT_PROJECT_DIR, DBT_TARGET, DBT_TARGET_PATH and --target-path,
// --warn-error-options, DBT_WARN_ERROR and the project file's `flags:`; and bare wildcards
// that select models in subfolders.
import Foundation
import Testing

@Suite struct DbtSettingsCLITests {
    static let files: [String: String] = [
        "dbt_project.yml": "name: shop\nversion: '1.0'\nprofile: shop\n",
        "models/staging/stg_orders.sql": "select 1 as id union all select 1 as id",
        "models/staging/stg_items.sql": "select 1 as id",
        "models/orders.sql": "select * from {{ ref('stg_orders') }}",
        "models/schema.yml": """
            version: 2
            models:
              - name: stg_orders
                columns:
                  - name: id
                    data_tests:
                      - unique:
                          config: {severity: warn}
            """,
        "ci/profiles.yml": """
            shop:
              target: dev
              outputs:
                dev: {type: sqlite, schema: main, path: ci_dev.sqlite}
                other: {type: sqlite, schema: main, path: ci_other.sqlite}
            """,
    ]

    @Test func profilesComeFromDbtProfilesDirAndAreNeverQuietlyReplaced() throws {
        let repo = try Repo(Self.files)
        let viaEnv = try repo.flowc(env: ["DBT_PROFILES_DIR": repo.root + "/ci"], "debug")
        #expect(viaEnv.status == 0, "\(viaEnv.stdout)\(viaEnv.stderr)")
        #expect(viaEnv.stdout.contains("ci_dev.sqlite"), "\(viaEnv.stdout)")
        let other = try repo.flowc(env: ["DBT_PROFILES_DIR": repo.root + "/ci", "DBT_TARGET": "other"], "debug")
        #expect(other.stdout.contains("ci_other.sqlite"), "\(other.stdout)")

        let typo = try repo.flowc(env: ["DBT_PROFILES_DIR": repo.root + "/cii"], "build")
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("no profiles.yml in \(repo.root)/cii (from DBT_PROFILES_DIR)"), "\(typo.stderr)")
        #expect(try repo.flowc("build", "--profiles-dir", "nowhere").status == 2)

        let unknown = try repo.flowc("build", "--profiles-dir", "ci", "--profile", "nosuch")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("could not find a profile named 'nosuch' in ci/profiles.yml"), "\(unknown.stderr)")
        // no profiles.yml anywhere: the embedded database, as before (a new user needs no set-up)
        #expect(try repo.flowc("parse").status == 0)
    }

    @Test func projectDirAndTargetPathComeFromTheEnvironmentToo() throws {
        let repo = try Repo(Self.files)
        let elsewhere = FileManager.default.temporaryDirectory.path
        let listed = try CLI.run(["ls", "-q", "-s", "orders"], in: elsewhere, environment: ["DBT_PROJECT_DIR": repo.root])
        #expect(listed.stdout == "shop.orders\n", "\(listed.stdout)\(listed.stderr)")
        #expect(try repo.flowc(env: ["DBT_TARGET_PATH": "tp_env"], "parse").status == 0)
        #expect(FileManager.default.fileExists(atPath: repo.root + "/tp_env/manifest.json"))
        #expect(try repo.flowc("parse", "--target-path", "tp_flag").status == 0)
        #expect(FileManager.default.fileExists(atPath: repo.root + "/tp_flag/manifest.json"))
    }

    @Test func warnErrorOptionsChooseWhichWarningsFail() throws {
        let repo = try Repo(Self.files)
        #expect(try repo.flowc("build").status == 0)
        #expect(try repo.flowc("build", "--warn-error-options", #"{"error": "all"}"#).status == 1)
        let kept = try repo.flowc("build", "--warn-error-options", #"{"error": "all", "warn": ["LogTestResult"]}"#)
        #expect(kept.status == 0, "\(kept.stdout)")
        #expect(kept.stdout.contains("WARN 1 unique_stg_orders_id"), "\(kept.stdout)")
        #expect(try repo.flowc("build", "--warn-error-options", "{error: [LogTestResult]}").status == 1)
        #expect(try repo.flowc("build", "--warn-error-options", "{errors: all}").status == 2)
        #expect(try repo.flowc(env: ["DBT_WARN_ERROR": "true"], "build").status == 1)
        try repo.write("dbt_project.yml", "name: shop\nversion: '1.0'\nprofile: shop\nflags:\n  warn_error_options: {error: all}\n")
        #expect(try repo.flowc("build").status == 1)
    }

    /// A deprecation flowc reports under dbt's event name fails the command when the options
    /// name it (dbt 1.11.16: exit 2 at parse), and is hidden when they silence it.
    @Test func warnErrorOptionsNameDeprecations() throws {
        var files = Self.files
        files["models/args.yml"] = "models:\n  - name: orders\n    columns:\n      - name: id\n        data_tests:\n"
            + "          - accepted_values:\n              values: [1, 2]\n"
        let repo = try Repo(files)
        let plain = try repo.flowc("parse")
        #expect(plain.status == 0 && plain.stderr.contains("found top-level arguments"), "\(plain.stdout)\(plain.stderr)")
        let named = try repo.flowc("parse", "--warn-error-options", "{error: [MissingArgumentsPropertyInGenericTestDeprecation]}")
        #expect(named.status == 2, "\(named.stdout)\(named.stderr)")
        #expect(try repo.flowc("parse", "--warn-error-options", "{error: [PropertyMovedToConfigDeprecation]}").status == 0)
        let silenced = try repo.flowc("parse", "--warn-error-options", "{silence: [MissingArgumentsPropertyInGenericTestDeprecation]}")
        #expect(silenced.status == 0 && !silenced.stderr.contains("found top-level arguments"), "\(silenced.stderr)")
        try repo.write("dbt_project.yml", "name: shop\nversion: '1.0'\nprofile: shop\nflags:\n  warn_error_options:\n"
                       + "    error: [MissingArgumentsPropertyInGenericTestDeprecation]\n")
        #expect(try repo.flowc("parse").status == 2)
    }

    @Test func bareWildcardsMatchNamesInSubfolders() throws {
        let repo = try Repo(Self.files)
        #expect(try repo.flowc("ls", "-q", "-s", "stg_*", "--resource-type", "model").stdout
                == "shop.staging.stg_items\nshop.staging.stg_orders\n")
        #expect(try repo.flowc("ls", "-q", "--resource-type", "model", "--exclude", "stg_o*").stdout
                == "shop.orders\nshop.staging.stg_items\n")
    }

    /// dbt's DBT_RESOURCE_TYPES, DBT_EXCLUDE_RESOURCE_TYPES and DBT_INDIRECT_SELECTION stand in
    /// for their options; the plural spellings; choices in any case, as dbt's click choices.
    @Test func selectionOptionsFromTheEnvironmentAndInAnyCase() throws {
        let repo = try Repo(Self.files)
        let model = "shop.staging.stg_orders\n", both = model + "shop.unique_stg_orders_id\n"
        #expect(try repo.flowc("ls", "-q", "-s", "stg_orders").stdout == both)
        #expect(try repo.flowc(env: ["DBT_RESOURCE_TYPES": "model seed"], "ls", "-q", "-s", "stg_orders").stdout == model)
        // the command line wins over the environment
        #expect(try repo.flowc(env: ["DBT_RESOURCE_TYPES": "model"], "ls", "-q", "-s", "stg_orders", "--resource-type", "test")
                .stdout == "shop.unique_stg_orders_id\n")
        #expect(try repo.flowc(env: ["DBT_EXCLUDE_RESOURCE_TYPES": "test unit_test"], "ls", "-q", "-s", "stg_orders").stdout == model)
        #expect(try repo.flowc("ls", "-q", "-s", "stg_orders", "--resource-types", "model").stdout == model)
        #expect(try repo.flowc("ls", "-q", "-s", "stg_orders", "--exclude-resource-types", "test").stdout == model)
        #expect(try repo.flowc(env: ["DBT_INDIRECT_SELECTION": "Empty"], "ls", "-q", "-s", "stg_orders").stdout == model)
        #expect(try repo.flowc(env: ["DBT_INDIRECT_SELECTION": "empty"], "ls", "-q", "-s", "stg_orders",
                               "--indirect-selection", "eager").stdout == both)
        #expect(try repo.flowc("ls", "-q", "-s", "stg_orders", "--indirect-selection", "EMPTY").stdout == model)
        let bad = try repo.flowc(env: ["DBT_INDIRECT_SELECTION": "lazy"], "ls", "-q", "-s", "stg_orders")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("DBT_INDIRECT_SELECTION: 'lazy' is not one of eager, cautious, buildable, empty"), "\(bad.stderr)")
        #expect(try repo.flowc("ls", "-q", "-s", "stg_orders", "--output", "NAME").stdout == "stg_orders\nunique_stg_orders_id\n")
    }

    /// dbt's command lines run unchanged: `-m`/`--models`, flags that change nothing in flowc,
    /// and bad usage exits 2 as dbt's does (not 64).
    @Test func dbtCommandLinesRunUnchanged() throws {
        let repo = try Repo(Self.files)
        let models = try repo.flowc("ls", "-q", "-m", "orders", "--no-partial-parse", "--no-use-colors", "--no-version-check")
        #expect(models.status == 0, "\(models.stderr)")
        #expect(models.stdout == "shop.orders\n")
        #expect(try repo.flowc("ls", "-q", "--models", "orders").stdout == "shop.orders\n")
        let bad = try repo.flowc("run", "--bogus")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("Unknown option '--bogus'"), "\(bad.stderr)")
        #expect(try repo.flowc("--help").status == 0)
        // global flags before the subcommand, as CI scripts write dbt's
        let global = try repo.flowc("--no-partial-parse", "--debug", "--log-level", "debug", "--target-path", "tp_g",
                                    "ls", "-q", "-s", "orders")
        #expect(global.status == 0, "\(global.stderr)")
        #expect(global.stdout == "shop.orders\n")
        let newer = try repo.flowc("--show-all-deprecations", "-r", "timing.prof", "--partial-parse-file-path", "pp.msgpack",
                                   "ls", "-q", "-s", "orders", "--no-use-experimental-parser", "--state-modified-compare-vars")
        #expect(newer.status == 0, "\(newer.stderr)")
        #expect(newer.stdout == "shop.orders\n")
        #expect(try repo.flowc("--warn-error", "build", "-q").status == 1)  // the unique test's warning fails
        #expect(try repo.flowc("--bogus", "ls").status == 2)
        // dbt's rule for the microbatch window: both bounds or neither, start before end
        let half = try repo.flowc("run", "--event-time-end", "2024-01-02")
        #expect(half.status == 2)
        #expect(half.stderr.contains("The flag `--event-time-end` was specified, but `--event-time-start` was not."))
        let reversed = try repo.flowc("build", "--event-time-start", "2024-01-03", "--event-time-end", "2024-01-02")
        #expect(reversed.status == 2)
        #expect(reversed.stderr.contains("Value for `--event-time-start` must be less than `--event-time-end`"))
    }

    @Test func logPathAndNoPrint() throws {
        var files = Self.files
        files["macros/hello.sql"] = "{% macro hello() %}{% do print('hello from print') %}{% endmacro %}"
        files["dbt_project.yml"] = "name: shop\nversion: '1.0'\nprofile: shop\non-run-start: ['{{ hello() }}']\n"
        let repo = try Repo(files)
        let printed = try repo.flowc("run", "-s", "+orders", "--log-path", "lg")
        #expect(printed.status == 0, "\(printed.stdout)\(printed.stderr)")
        #expect(printed.stdout.contains("hello from print"), "\(printed.stdout)")
        #expect(FileManager.default.fileExists(atPath: repo.root + "/lg/flowc.log"))
        let hidden = try repo.flowc("--no-print", "run", "-s", "+orders")
        #expect(hidden.status == 0)
        #expect(!hidden.stdout.contains("hello from print"), "\(hidden.stdout)")
        #expect(try repo.flowc("run-operation", "hello", "--no-print").stdout.contains("hello from print") == false)
        #expect(try repo.flowc("run-operation", "hello").stdout.contains("hello from print"))
    }

    /// dbt's two project warnings a CI job wants to fail on: a selection criterion that matches
    /// nothing, and folder configs in the project file that apply to nothing.
    @Test func selectionsAndConfigPathsThatMatchNothingWarn() throws {
        let repo = try Repo(Self.files)
        var r = try repo.flowc("run", "-s", "ordrs", "+orders")
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: The selection criterion 'ordrs' does not match any enabled nodes"), "\(r.stderr)")
        r = try repo.flowc("run", "-s", "orders", "--exclude", "legacy_*", "--warn-error")
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: The selection criterion 'legacy_*' does not match any enabled nodes"), "\(r.stderr)")
        r = try repo.flowc("ls", "-s", "orders", "--warn-error-options", "{error: [NoNodesForSelectionCriteria]}")
        #expect(r.status == 0)

        try repo.write("dbt_project.yml", """
            name: shop
            version: '1.0'
            profile: shop
            models:
              shop:
                +materialized: view
                stagng:
                  +materialized: table
                staging:
                  +tags: [s]
            """)
        r = try repo.flowc("parse")
        #expect(r.status == 0)
        #expect(r.stderr.contains("""
            dbt_project.yml:7:5: warning: Configuration paths exist in your dbt_project.yml file which do not apply to any resources.
            There are 1 unused configuration paths:
            - models.shop.stagng
            """), "\(r.stderr)")
        #expect(try repo.flowc("parse", "--warn-error").status == 2)

        // named as dbt names them: `tests:` as data_tests, `semantic-models:` as semantic_models
        try repo.write("dbt_project.yml", """
            name: shop
            version: '1.0'
            profile: shop
            tests:
              shop:
                nofolder:
                  +severity: warn
            semantic-models:
              shop:
                +meta: {a: 1}
            saved-queries:
              shop:
                +tags: [x]
            """)
        r = try repo.flowc("parse")
        #expect(r.stderr.contains("""
            There are 3 unused configuration paths:
            - data_tests.shop.nofolder
            - semantic_models.shop
            - saved_queries.shop
            """), "\(r.stderr)")
    }
}
