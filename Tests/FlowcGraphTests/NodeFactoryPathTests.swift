// The path and text helpers that give a file's node its name, fqn folders and raw code, on
// the byte-level paths and the Unicode fallback alike.
@testable import FlowcGraph
import Testing

@Test func baseNameIsTheFileNameWithoutItsLastExtension() {
    #expect(NodeFactory.baseName("models/staging/stg_orders.sql") == "stg_orders")
    #expect(NodeFactory.baseName("snapshots/orders.snapshot.sql") == "orders.snapshot")
    #expect(NodeFactory.baseName("models/no_extension") == "no_extension")
    #expect(NodeFactory.baseName("models/kündigung/bestellungen_ü.sql") == "bestellungen_ü")
    #expect(NodeFactory.baseName("plain.sql") == "plain")
    #expect(NodeFactory.baseName("") == "")
}

@Test func directoriesAreTheFoldersInOrderWithoutTheFile() {
    #expect(NodeFactory.directories("staging/erp/stg_orders.sql") == ["staging", "erp"])
    #expect(NodeFactory.directories("stg_orders.sql") == [])
    #expect(NodeFactory.directories("a//b/c.sql") == ["a", "b"])
    #expect(NodeFactory.directories("marts/finanzen_ä/x.sql") == ["marts", "finanzen_ä"])
}

@Test func strippedRemovesWhitespaceAsPythonStripDoes() {
    #expect(NodeFactory.stripped("\n\n  select 1\n\t \r\n") == "select 1")
    #expect(NodeFactory.stripped("select 1") == "select 1")
    #expect(NodeFactory.stripped("   ") == "")
    // a no-break space and an ideographic space are whitespace to Python's str.strip()
    #expect(NodeFactory.stripped("\u{00A0} select ü \u{3000}") == "select ü")
    #expect(NodeFactory.stripped("ü select ü") == "ü select ü")
}
