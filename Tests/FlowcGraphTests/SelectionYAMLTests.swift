// YAML selectors (selectors.yml given as a parsed SelectorYAML tree) and selection errors.

import Testing
@testable import FlowcGraph

private typealias F = SelectionFixture

@Suite struct SelectionYAMLTests {
    static let document: SelectorYAML = [
        "selectors": [
            ["name": "fct_upstream", "description": "Everything fct_orders is built from", "definition": "+fct_orders"],
            ["name": "nightly", "definition": ["tag": "nightly"]],
            ["name": "accounts_and_parent", "definition": [
                "method": "fqn", "value": "dim_accounts", "parents": "true", "parents_depth": "1",
            ]],
            ["name": "nightly_tables", "definition": [
                "intersection": ["tag:nightly", ["method": "config.materialized", "value": "table"]],
            ]],
            ["name": "nested", "definition": [
                "union": [
                    ["intersection": ["tag:nightly", ["method": "config.materialized", "value": "table"]]],
                    "path:models/staging/crm",
                    ["exclude": ["dim_customers"]],
                ],
            ]],
            ["name": "nightly_tables_not_finance", "definition": [
                "intersection": [
                    ["method": "selector", "value": "nightly_tables"],
                    ["exclude": [["method": "tag", "value": "finance"]]],
                ],
            ]],
            ["name": "staging_not_erp", "definition": [
                "method": "path", "value": "models/staging", "exclude": [["method": "tag", "value": "erp"]],
            ]],
            ["name": "around_enriched", "definition": [
                "method": "fqn", "value": "int_orders_enriched", "childrens_parents": "true",
            ]],
            ["name": "customers_one_down", "definition": [
                "method": "fqn", "value": "stg_erp05__customers", "children": "true", "children_depth": "1",
            ]],
            ["name": "dim_cautious", "definition": [
                "method": "fqn", "value": "dim_customers", "indirect_selection": "cautious",
            ]],
            ["name": "reuse_by_key", "definition": ["selector": "nightly"]],
            ["name": "root_project", "default": "true", "definition": ["method": "package", "value": "bench"]],
        ],
    ]

    static func selectors() throws -> [String: SelectorDefinition] {
        try SelectorDefinition.parseFile(document)
    }

    static func run(_ name: String, types: Set<String>? = F.run, mode: IndirectSelection = .eager) throws -> [String] {
        try F.select(nil, types: types, mode: mode, selectors: try selectors(), selector: name)
    }

    @Test func parsesTheFile() throws {
        let s = try Self.selectors()
        #expect(s.keys.sorted() == [
            "accounts_and_parent", "around_enriched", "customers_one_down", "dim_cautious", "fct_upstream",
            "nested", "nightly", "nightly_tables", "nightly_tables_not_finance", "reuse_by_key", "root_project",
            "staging_not_erp",
        ])
        #expect(s["root_project"]?.isDefault == true)
        #expect(s["fct_upstream"]?.description == "Everything fct_orders is built from")
        #expect(s["nightly"]?.definition == .criteria(SelectionCriteria(raw: "tag:nightly", method: .tag, value: "nightly")))
    }

    @Test func cliStyleString() throws {
        #expect(try Self.run("fct_upstream") == [
            "model.bench.fct_orders",
            "model.bench.int_orders_enriched",
            "model.bench.stg_country_codes",
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
        ])
    }

    @Test func keyValue() throws {
        #expect(try Self.run("nightly") == [
            "model.bench.dim_customers",
            "model.bench.fct_orders",
            "model.bench.rpt_revenue",
        ])
    }

    @Test func fullDictionaryWithParentsDepth() throws {
        #expect(try Self.run("accounts_and_parent") == [
            "model.bench.dim_accounts.v1",
            "model.bench.dim_accounts.v2",
            "model.bench.dim_customers",
        ])
    }

    @Test func nestedUnionIntersectionAndExclude() throws {
        #expect(try Self.run("nested") == [
            "model.bench.fct_orders",
            "model.bench.stg_crm__contacts",
        ])
        #expect(try Self.run("nested", types: nil) == [
            "model.bench.fct_orders",
            "model.bench.stg_crm__contacts",
            "source.bench.crm.contacts",
            "test.bench.accepted_values_fct_orders_status.5e6f7a8b9c",
            "test.bench.assert_revenue_matches_orders",
            "unit_test.bench.fct_orders.test_fct_orders_totals",
        ])
    }

    @Test func selectorReferenceWithExclusion() throws {
        #expect(try Self.run("nightly_tables") == [
            "model.bench.dim_customers",
            "model.bench.fct_orders",
        ])
        #expect(try Self.run("nightly_tables_not_finance") == ["model.bench.dim_customers"])
        #expect(try Self.run("reuse_by_key") == [
            "model.bench.dim_customers",
            "model.bench.fct_orders",
            "model.bench.rpt_revenue",
        ])
    }

    @Test func excludeKeyInAMethodDictionary() throws {
        #expect(try Self.run("staging_not_erp") == [
            "model.bench.stg_country_codes",
            "model.bench.stg_crm__contacts",
        ])
    }

    @Test func childrensParentsAndChildrenDepth() throws {
        #expect(try Self.run("around_enriched") == F.select(["@int_orders_enriched"], types: F.run))
        #expect(try Self.run("customers_one_down") == [
            "model.bench.int_customer_contacts",
            "model.bench.int_orders_enriched",
            "model.bench.stg_erp05__customers",
        ])
    }

    @Test func indirectSelectionPerCriterionOverridesTheFlag() throws {
        #expect(try Self.run("dim_cautious", types: F.test, mode: .eager) == [
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
        ])
    }

    @Test func defaultSelectorAppliesOnlyWithoutSelectOrExclude() throws {
        let s = try Self.selectors()
        #expect(try F.select(nil, types: F.run, selectors: s) == [
            "model.bench.dim_accounts.v1",
            "model.bench.dim_accounts.v2",
            "model.bench.dim_customers",
            "model.bench.fct_orders",
            "model.bench.int_customer_contacts",
            "model.bench.int_orders_enriched",
            "model.bench.rpt_revenue",
            "model.bench.stg_country_codes",
            "model.bench.stg_crm__contacts",
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
        ])
        #expect(try F.select(["audit_log"], types: F.run, selectors: s) == ["model.dbt_audit.audit_log"])
        #expect(try F.select(nil, exclude: ["tag:staging"], types: F.run, selectors: s) == [
            "model.bench.dim_accounts.v1",
            "model.bench.dim_accounts.v2",
            "model.bench.dim_customers",
            "model.bench.fct_orders",
            "model.bench.int_customer_contacts",
            "model.bench.int_orders_enriched",
            "model.bench.rpt_revenue",
            "model.dbt_audit.audit_log",
            "model.dbt_audit.audit_orders",
        ])
    }

    @Test func selectorFlagWinsOverSelect() throws {
        #expect(try F.select(["audit_log"], types: F.run, selectors: try Self.selectors(), selector: "nightly") == [
            "model.bench.dim_customers",
            "model.bench.fct_orders",
            "model.bench.rpt_revenue",
        ])
    }

    @Test func selectorMethodOnTheCommandLine() throws {
        #expect(try F.select(["selector:nightly_tables stg_country_codes"], types: F.run, selectors: try Self.selectors()) == [
            "model.bench.dim_customers",
            "model.bench.fct_orders",
            "model.bench.stg_country_codes",
        ])
    }
}

@Suite struct SelectionErrorTests {
    @Test func degenerateValuesMatchNothingAsInDbt() throws {
        // dbt 1.11 reads each as a criterion that matches no node (and warns), not an error
        for value in ["+", "1+", "@", "+1", "2+3", "tag:", "fqn:", "tag:nightly,", "tag:a,,tag:b", "config:view",
                      "config.:x", "exposure:", "source:", "path:", "file:"] {
            #expect(try F.select([value]) == [], "\(value)")
        }
        // an empty element of an intersection empties it; the union's other parts still count
        #expect(try F.select(["tag:nightly, stg_country_codes"], types: F.run) == ["model.bench.stg_country_codes"])
    }

    @Test func unknownMethod() {
        #expect(F.error { try F.select(["foo:bar"]) } == """
            invalid selector 'foo:bar': 'foo' is not a selector method
            hint: use one of fqn, tag, group, access, source, path, file, package, config, test_name, test_type, \
            resource_type, state, exposure, metric, result, source_status, version, semantic_model, saved_query, \
            unit_test, selector
            """)
    }

    @Test func atPrefixTakesAPlusPrefixButNoPlusSuffix() throws {
        // '@+x' is '@x' plus the parents of x, as dbt reads it: the '+' is kept, with its depth
        // (the selections below cannot show it, as '@x' holds x's ancestors already)
        guard case .criteria(let twoUp) = try SelectionParser.parseElement("@2+x") else {
            Issue.record("'@2+x' is not one criterion")
            return
        }
        #expect(twoUp.childrensParents && twoUp.parents && twoUp.parentsDepth == 2 && !twoUp.children)
        #expect(try F.select(["@+stg_country_codes"], types: F.run)
                == F.select(["@stg_country_codes", "+stg_country_codes"], types: F.run))
        #expect(try F.select(["@2+fct_orders"], types: ["seed"]) == ["seed.bench.country_codes", "seed.bench.raw_customers"])
        #expect(F.error { try F.select(["@fct_orders+"]) } == """
            invalid selector '@fct_orders+': the '@' prefix and the '+' suffix cannot be combined
            hint: '@x' already selects x, its descendants and their ancestors; write '@fct_orders'
            """)
        #expect(F.error { try F.select(["@stg_orders+1"]) } != nil)
        // the same in selectors.yml, as dbt's SelectionCriteria checks it
        let yaml = F.error { try SelectorDefinition.parseFile(["selectors": [
            ["name": "x", "definition": ["method": "fqn", "value": "fct_orders", "childrens_parents": "true", "children": "true"]],
        ]]) }
        #expect(yaml?.contains("the '@' prefix and the '+' suffix cannot be combined") == true, "\(yaml ?? "no error")")
    }

    @Test func namedResourcesTakeAtMostAPackageAndAName() {
        #expect(F.error { try F.select(["exposure:a.b.c"]) } == """
            invalid selector 'exposure:a.b.c': 'a.b.c' has 3 dotted parts; exposure: takes a name or a package and a name
            hint: write 'exposure:<name>' or 'exposure:<package>.<name>'
            """)
        for method in ["metric", "semantic_model", "saved_query", "unit_test"] {
            #expect(F.error { try F.select(["\(method):p.x.y"]) }?.hasPrefix("invalid selector '\(method):p.x.y': 'p.x.y' has 3 dotted parts") == true)
        }
    }

    @Test func testTypeIsASubstringTestAsInDbt() throws {
        // dbt checks `value in ("data")`: a substring of "data", "singular" or "unit" passes
        let data = try F.select(["test_type:data"])
        #expect(try F.select(["test_type:"]) == data)
        #expect(try F.select(["test_type:at"]) == data)
        #expect(try F.select(["test_type:sing"]) == F.select(["test_type:singular"]))
        #expect(try F.select(["test_type:un"]) == ["unit_test.bench.fct_orders.test_fct_orders_totals"])
    }

    @Test func fixedVocabularies() {
        #expect(F.error { try F.select(["resource_type:modle"]) } == """
            invalid selector 'resource_type:modle': 'modle' is not a resource type
            hint: use one of model, analysis, test, snapshot, operation, seed, rpc, sql_operation, doc, source, \
            macro, exposure, metric, group, saved_query, semantic_model, unit_test, fixture, function
            """)
        #expect(F.error { try F.select(["test_type:integration"]) } == """
            invalid selector 'test_type:integration': 'integration' is not a test type
            hint: use one of generic, singular, data (generic and singular) or unit
            """)
        #expect(F.error { try F.select(["source:a.b.c.d"]) } == """
            invalid selector 'source:a.b.c.d': a source selector has at most three dotted parts
            hint: write 'source:<source>', 'source:<source>.<table>' or 'source:<package>.<source>.<table>'
            """)
    }

    @Test func stateAndResultNeedAStateOrRunResults() throws {
        #expect(try Selector(parsing: ["state:modified+"]).spec == .union([.criteria(SelectionCriteria(
            raw: "state:modified+", method: .state, value: "modified", children: true))]))
        #expect(F.error { try F.select(["state:modified+"]) } == """
            invalid selector 'state:modified+': state: needs a state to compare with
            hint: pass --state PATH (the target/ directory of an earlier run) or --state git:REF (a branch, tag or commit)
            """)
        #expect(F.error { try F.select(["result:error+"], exclude: nil) } == """
            invalid selector 'result:error+': result: needs the run_results.json of an earlier run
            hint: run a command first (it writes target/run_results.json), or pass --state PATH of a directory holding one
            """)
    }

    @Test func unknownSelectorName() {
        let selectors = ["nightly": SelectorDefinition(name: "nightly", definition: .selector("x"))]
        #expect(F.error { try F.select(nil, selectors: selectors, selector: "nighty") } == """
            no selector named 'nighty' in selectors.yml
            hint: defined selectors: nightly
            """)
    }

    @Test func aSelectorDefinedTwiceTakesItsLastDefinition() throws {
        // dbt fills a dict in file order: the later entry replaces the earlier one, no error
        let selectors = try SelectorDefinition.parseFile(["selectors": [
            ["name": "x", "definition": "stg_erp05__orders"],
            ["name": "x", "definition": "fct_orders"],
        ]])
        #expect(selectors.count == 1)
        #expect(try F.select(nil, types: F.run, selectors: selectors, selector: "x") == ["model.bench.fct_orders"])
        // the replaced entry still counts for the one-default rule, as in dbt
        let twoDefaults = F.error { try SelectorDefinition.parseFile(["selectors": [
            ["name": "x", "default": "true", "definition": "tag:a"],
            ["name": "x", "default": "true", "definition": "tag:b"],
        ]]) }
        #expect(twoDefaults == """
            selectors.yml: several selectors set 'default: true': x, x
            hint: only one selector may be the default
            """)
    }

    @Test func aStringDefinitionIsOneElementEvenWithSpacesOrCommas() throws {
        // dbt reads "stg_country_codes fct_orders" as one fqn value, which matches nothing
        let selectors = try SelectorDefinition.parseFile(["selectors": [
            ["name": "spaced", "definition": "stg_country_codes fct_orders"],
            ["name": "comma", "definition": "fct_orders+1,tag:nightly"],
            ["name": "plain", "definition": " fct_orders+1 "],
        ]])
        #expect(try F.select(nil, selectors: selectors, selector: "spaced") == [])
        #expect(try F.select(nil, selectors: selectors, selector: "comma") == [])
        #expect(try F.select(nil, types: F.run, selectors: selectors, selector: "plain") == [
            "model.bench.fct_orders", "model.bench.rpt_revenue", "model.dbt_audit.audit_orders",
        ])
    }

    @Test func aZeroDepthInYAMLIsNoLimit() throws {
        // dbt reads `children_depth: 0` as "no depth" (a falsy int becomes None)
        let selectors = try SelectorDefinition.parseFile(["selectors": [
            ["name": "down", "definition": ["method": "fqn", "value": "int_orders_enriched", "children": "true", "children_depth": "0"]],
            ["name": "up", "definition": ["method": "fqn", "value": "fct_orders", "parents": "true", "parents_depth": "0"]],
        ]])
        #expect(try F.select(nil, types: F.run, selectors: selectors, selector: "down")
                == F.select(["int_orders_enriched+"], types: F.run))
        #expect(try F.select(nil, types: F.run, selectors: selectors, selector: "up")
                == F.select(["+fct_orders"], types: F.run))
        // which differs from one generation either way, so 0 is not read as 1
        #expect(try F.select(["int_orders_enriched+"], types: F.run) != F.select(["int_orders_enriched+1"], types: F.run))
        #expect(try F.select(["+fct_orders"], types: F.run) != F.select(["1+fct_orders"], types: F.run))
        // on the command line, +0 is no generation at all
        #expect(try F.select(["int_orders_enriched+0"], types: F.run) == ["model.bench.int_orders_enriched"])
    }

    @Test func yamlDefinitionErrors() {
        func parse(_ y: SelectorYAML) -> String? {
            F.error { try SelectorDefinition.parseFile(["selectors": y]) }
        }
        #expect(parse([["name": "a", "default": "true", "definition": "tag:a"],
                       ["name": "b", "default": "true", "definition": "tag:b"]]) == """
            selectors.yml: several selectors set 'default: true': a, b
            hint: only one selector may be the default
            """)
        #expect(parse([["name": "a", "definition": ["union": ["tag:a"], "intersection": ["tag:b"]]]]) == """
            selector 'a' in selectors.yml: 'union' and 'intersection' cannot appear in the same mapping
            hint: nest one inside the other: 'union: [ {intersection: [...]}, ... ]'
            """)
        #expect(parse([["name": "x", "definition": "tag:x"],
                       ["name": "a", "definition": ["method": "selector", "value": "missing"]]]) == """
            selector 'a' in selectors.yml: refers to selector 'missing', which is not defined in the file
            hint: defined above it: x
            """)
        // dbt resolves a reference as it reads the file: the selector must be defined above
        // ("Existing selector definition for b not found"), which also rules out cycles
        #expect(parse([["name": "a", "definition": ["selector": "b"]],
                       ["name": "b", "definition": ["union": [["selector": "a"]]]]]) == """
            selector 'a' in selectors.yml: refers to selector 'b', which is not defined before it
            hint: move 'b' above 'a': dbt reads selectors.yml from the top
            """)
        #expect(parse([["name": "a", "definition": ["union": ["tag:a", ["method": "selector", "value": "a"]]]]]) == """
            selector 'a' in selectors.yml: the selector refers to itself
            hint: remove its 'selector: a' reference
            """)
        #expect(parse([["name": "a", "definition": ["method": "selector", "value": "missing"]]]) == """
            selector 'a' in selectors.yml: refers to selector 'missing', which is not defined in the file
            hint: no selector is defined above 'a'
            """)
        #expect(parse([["name": "a", "definition": ["tag:a"]]]) == """
            selector 'a' in selectors.yml: expected union, intersection, a string or a mapping, found a list
            hint: put the list under 'union:' or 'intersection:'
            """)
        #expect(parse([["name": "a", "definition": ["method": "tag"]]]) == """
            selector 'a' in selectors.yml: method 'tag' has no 'value'
            hint: add 'value: <value>' next to 'method: tag'
            """)
        #expect(parse([["name": "a", "definition": ["method": "tag", "value": "x", "indirect_selection": "lazy"]]]) == """
            selector 'a' in selectors.yml: indirect_selection must be eager, cautious, buildable or empty
            hint: write 'indirect_selection: cautious'
            """)
        #expect(parse([["name": "a", "definition": ["union": ["tag:a", ["exclude": ["tag:b"]], ["exclude": ["tag:c"]]]]]]) == """
            selector 'a' in selectors.yml: a 'union' list has more than one 'exclude' item
            hint: list everything to exclude under a single '- exclude:'
            """)
        #expect(parse([["name": "a", "definition": ["method": "foo", "value": "x"]]]) == """
            invalid selector 'foo:x': 'foo' is not a selector method
            hint: use one of fqn, tag, group, access, source, path, file, package, config, test_name, test_type, \
            resource_type, state, exposure, metric, result, source_status, version, semantic_model, saved_query, \
            unit_test, selector
            """)
    }
}
