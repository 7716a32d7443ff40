// dbt's names for generic tests (synthesize_generic_test_names): arguments cleaned to
// identifier characters, and names of 64 code points or more shortened to 30 and an md5.
@testable import FlowcGraph
import FlowcProject
import Testing

@Test func genericTestNamesAreDbts() {
    // a name dbt shortens (seen in dbt's manifest of the generated benchmark project)
    let values = JSON.array(["new", "low", "medium", "high"].map { JSON.string($0) })
    let long = GenericTests.names(testType: "accepted_values", targetName: "dim_customers_active_7037",
                                  arguments: [("values", values), ("column_name", .string("customer_tier"))])
    #expect(long.full == "accepted_values_dim_customers_active_7037_customer_tier__new__low__medium__high")
    #expect(long.short == "accepted_values_dim_customers__70693f5983c5c204862640bbd244dfc6")
    // punctuation and text outside ASCII become one "_" a run
    #expect(GenericTests.cleanIdentifier("ref('x') + Grüße, 金!") == "ref_x_Gr_e_")
    #expect(GenericTests.cleanIdentifier("a__b") == "a__b")
    #expect(GenericTests.cleanIdentifier("") == "")
    // Python counts code points: 30 decomposed "é" are 60 of them, so the name is shortened
    // (at 30 code points, mid-letter) although it is 40 characters long
    let decomposed = String(repeating: "e\u{301}", count: 30)
    let named = GenericTests.names(testType: "unique", targetName: decomposed, arguments: [("column_name", .string("id"))])
    let identifier = "unique_" + decomposed
    #expect(named.full == identifier + "_id")
    #expect(named.short == "unique_" + String(repeating: "e\u{301}", count: 11) + "e" + "_" + Hashing.md5Hex(named.full))
}
