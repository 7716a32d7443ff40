// Seed CSV as dbt reads it (Python's csv over universal newlines): a line end inside a quoted
// field is \n whether the file wrote CRLF or CR (dbt 1.11 stored "a\nb" for both).
import FlowcProject
import Testing

@Test func lineEndsInsideQuotedFieldsAreNewlines() throws {
    let t = try CSVTable.parse("id,note\r\n1,\"a\r\nb\"\r\n2,\"c\rd\"\r\n3,\"e\nf\"\r\n", file: "seeds/s.csv", asAgate: true)
    #expect(t.header == ["id", "note"])
    #expect(t.rows.map { $0[1] } == ["a\nb", "c\nd", "e\nf"])
}
