// Seed CSV as dbt reads it (Python's csv over universal newlines): a line end inside a quoted
// field is \n whether the file wrote CRLF or CR (dbt 1.11 stored "a\nb" for both).
import FlowcProject
import Testing

@Test func lineEndsInsideQuotedFieldsAreNewlines() throws {
    let t = try CSVTable.parse("id,note\r\n1,\"a\r\nb\"\r\n2,\"c\rd\"\r\n3,\"e\nf\"\r\n", file: "seeds/s.csv", asAgate: true)
    #expect(t.header == ["id", "note"])
    #expect(t.rows.map { $0[1] } == ["a\nb", "c\nd", "e\nf"])
}

/// A seed header naming a column twice loads as agate names it (dbt 1.11 made `a`, `a_2`,
/// `a_3`); a unit-test fixture's is still an error.
@Test func repeatedSeedColumnsAreNumberedAsAgateDoes() throws {
    let t = try CSVTable.parse("a,a,b,a\n1,2,3,4\n", file: "seeds/s.csv", asAgate: true)
    #expect(t.header == ["a", "a_2", "b", "a_3"])
    #expect(throws: CSVError.self) { try CSVTable.parse("a,a\n1,2\n", file: "tests/fixtures/f.csv") }
}
