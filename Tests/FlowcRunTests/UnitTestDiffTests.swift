// The text a failing unit test prints: UnitTestDiff against dbt 1.11 with daff 1.4.2.
// Every expected table below (except the ragged-row tests at the end) came from daff 1.4.2 via
// docs/research/dbt-unit-tests/tools/daff_render.py, fed the same values as Python str/None.
// The first twelve are the examples of tools/daff_examples.txt with the values as text.
@testable import FlowcRun
import Testing

/// Lines as daff ends them: "\r\n" after every line, the last one too.
private func table(_ lines: String...) -> String {
    lines.map { $0 + "\r\n" }.joined()
}

@Suite("Unit test diff")
struct UnitTestDiffTests {
    // daff_examples: the data of err/p06 (values as text: True, 10.0, ...)
    @Test func sameDataAsRealDbtRun() {
        let text = UnitTestDiff.render(
            header: ["customer_id", "email", "is_valid_email", "order_count", "total_paid"],
            expected: [
                ["1", "a@b.co", "True", "0", "10.0"],
                ["2", nil, "False", "0", "2.5"],
                ["9", "zzz", "True", "7", "99.5"],
            ],
            actual: [
                ["1", "a@b.co", "True", "0", "10.00"],
                ["2", nil, "False", "0", "2.50"],
                ["5", "five", "False", "0", "1.25"],
            ]
        )
        #expect(text == table(
            "@@ ,customer_id,email ,is_valid_email,order_count,total_paid",
            "→  ,1          ,a@b.co,True          ,0          ,10.0→10.00",
            "→  ,2          ,NULL  ,False         ,0          ,2.5→2.50",
            // booleans in added/removed rows as daff spells them, as in dbt's real output
            "+++,5          ,five  ,false         ,0          ,1.25",
            "---,9          ,zzz   ,true          ,7          ,99.5"
        ))
    }

    // daff_examples: 10 vs 10.00 is a difference
    @Test func decimalScaleDiffers() {
        let text = UnitTestDiff.render(
            header: ["id", "amt"],
            expected: [["1", "10"]],
            actual: [["1", "10.00"]]
        )
        #expect(text == table(
            "@@,id,amt",
            "→ ,1 ,10→10.00"
        ))
    }

    // daff_examples: only the last of 7 columns differs
    @Test func columnElisionLastColumn() {
        let text = UnitTestDiff.render(
            header: ["a", "b", "c", "d", "e", "f", "g"],
            expected: [["1", "x", "x", "x", "x", "x", "old"]],
            actual: [["1", "x", "x", "x", "x", "x", "new"]]
        )
        #expect(text == table(
            "@@,a,b,...,f,g",
            "→ ,1,x,...,x,old→new"
        ))
    }

    // daff_examples: the middle of 7 columns differs
    @Test func columnElisionMiddleColumn() {
        let text = UnitTestDiff.render(
            header: ["a", "b", "c", "d", "e", "f", "g"],
            expected: [["1", "x", "x", "old", "x", "x", "x"]],
            actual: [["1", "x", "x", "new", "x", "x", "x"]]
        )
        #expect(text == table(
            "@@,a,b,c,d      ,e,...",
            "→ ,1,x,x,old→new,x,..."
        ))
    }

    // daff_examples: one of 10 rows differs (text sorts 10 before 2)
    @Test func rowElision() {
        let text = UnitTestDiff.render(
            header: ["id", "val"],
            expected: [
                ["1", "v1"],
                ["2", "v2"],
                ["3", "v3"],
                ["4", "v4"],
                ["5", "v5"],
                ["6", "v6"],
                ["7", "v7"],
                ["8", "v8"],
                ["9", "v9"],
                ["10", "v10"],
            ],
            actual: [
                ["1", "v1"],
                ["2", "v2"],
                ["3", "v3"],
                ["4", "v4"],
                ["5", "v5"],
                ["6", "v6"],
                ["7", "CHANGED"],
                ["8", "v8"],
                ["9", "v9"],
                ["10", "v10"],
            ]
        )
        #expect(text == table(
            "@@ ,id ,val",
            "...,...,...",
            "   ,6  ,v6",
            "→  ,7  ,v7→CHANGED",
            "   ,8  ,v8",
            "...,...,..."
        ))
    }

    // daff_examples: same rows, other order: no difference
    @Test func identicalRowsInDifferentOrder() {
        let text = UnitTestDiff.render(
            header: ["id", "val"],
            expected: [["2", "b"], ["1", "a"]],
            actual: [["1", "a"], ["2", "b"]]
        )
        #expect(text == nil)
    }

    // daff_examples: a duplicate counts
    @Test func duplicateRowInActual() {
        let text = UnitTestDiff.render(
            header: ["id", "val"],
            expected: [["1", "a"]],
            actual: [["1", "a"], ["1", "a"]]
        )
        #expect(text == table(
            "@@ ,id,val",
            "   ,1 ,a",
            "+++,1 ,a"
        ))
    }

    // daff_examples: NULL is spelled NULL in a changed cell
    @Test func nullVersusValue() {
        let text = UnitTestDiff.render(
            header: ["id", "val"],
            expected: [["1", nil]],
            actual: [["1", "a"]]
        )
        #expect(text == table(
            "@@,id,val",
            "→ ,1 ,NULL→a"
        ))
    }

    // daff_examples: two changed cells in one row
    @Test func dateAndDecimal() {
        let text = UnitTestDiff.render(
            header: ["id", "d", "f"],
            expected: [["1", "2024-01-01", "1.5"]],
            actual: [["1", "2024-01-02", "1.50"]]
        )
        #expect(text == table(
            "@@,id,d                    ,f",
            "→ ,1 ,2024-01-01→2024-01-02,1.5→1.50"
        ))
    }

    // daff_examples: nothing pairs
    @Test func allRowsDifferent() {
        let text = UnitTestDiff.render(
            header: ["id", "val"],
            expected: [["1", "a"], ["2", "b"]],
            actual: [["3", "c"]]
        )
        #expect(text == table(
            "@@ ,id,val",
            "+++,3 ,c",
            "---,1 ,a",
            "---,2 ,b"
        ))
    }

    // daff_examples: 10 columns, change in column f
    @Test func tenColumnsChangeInF() {
        let text = UnitTestDiff.render(
            header: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"],
            expected: [["1", "x", "x", "x", "x", "x", "x", "x", "x", "x"]],
            actual: [["1", "x", "x", "x", "x", "y", "x", "x", "x", "x"]]
        )
        #expect(text == table(
            "@@,a,b,...,e,f  ,g,...",
            "→ ,1,x,...,x,x→y,x,..."
        ))
    }

    // daff_examples: two rows, changes in columns c and i
    @Test func twoRowsChangesInCAndI() {
        let text = UnitTestDiff.render(
            header: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"],
            expected: [
                ["1", "x", "x", "x", "x", "x", "x", "x", "x", "x"],
                ["2", "x", "x", "x", "x", "x", "x", "x", "x", "x"],
            ],
            actual: [
                ["1", "x", "y", "x", "x", "x", "x", "x", "x", "x"],
                ["2", "x", "x", "x", "x", "x", "x", "x", "z", "x"],
            ]
        )
        #expect(text == table(
            "@@,a,b,c  ,d,...,h,i  ,j",
            "→ ,1,x,x→y,x,...,x,x  ,x",
            "→ ,2,x,x  ,x,...,x,x→z,x"
        ))
    }

    // id repeats: (id, kind) is unique, so the rows pair as modified
    @Test func firstColumnRepeatsPairsOnTwoColumns() {
        let text = UnitTestDiff.render(
            header: ["id", "kind", "v"],
            expected: [["1", "a", "x"], ["1", "b", "y"], ["2", "a", "z"]],
            actual: [["1", "a", "x"], ["1", "b", "Y"], ["2", "a", "z"]]
        )
        #expect(text == table(
            "@@,id,kind,v",
            "  ,1 ,a   ,x",
            "→ ,1 ,b   ,y→Y",
            "  ,2 ,a   ,z"
        ))
    }

    // only v tells the rows apart, and it changed: --- and +++, not modified
    @Test func noUniqueKeyMeansAddedAndRemoved() {
        let text = UnitTestDiff.render(
            header: ["id", "kind", "v"],
            expected: [["1", "a", "x"], ["1", "a", "y"]],
            actual: [["1", "a", "x"], ["1", "a", "Y"]]
        )
        #expect(text == table(
            "@@ ,id,kind,v",
            "+++,1 ,a   ,Y",
            "   ,1 ,a   ,x",
            "---,1 ,a   ,y"
        ))
    }

    // two changed cells: the row still pairs on its unique first column
    @Test func twoColumnsDiffer() {
        let text = UnitTestDiff.render(
            header: ["id", "a", "b", "c"],
            expected: [["1", "p", "q", "r"]],
            actual: [["1", "P", "q", "R"]]
        )
        #expect(text == table(
            "@@,id,a  ,b,c",
            "→ ,1 ,p→P,q,r→R"
        ))
    }

    // the first column changed but v is unique on both sides: modified
    @Test func firstColumnDiffers() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [["1", "a"]],
            actual: [["2", "a"]]
        )
        #expect(text == table(
            "@@,id ,v",
            "→ ,1→2,a"
        ))
    }

    // no column pairs the rows
    @Test func everyColumnDiffers() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [["1", "a"]],
            actual: [["2", "b"]]
        )
        #expect(text == table(
            "@@ ,id,v",
            "+++,2 ,b",
            "---,1 ,a"
        ))
    }

    // 5 columns: the key column a and its neighbour, then the change and its neighbour
    @Test func fiveColumnsChangeInLast() {
        let text = UnitTestDiff.render(
            header: ["a", "b", "c", "d", "e"],
            expected: [["1", "x", "x", "x", "old"]],
            actual: [["1", "x", "x", "x", "new"]]
        )
        #expect(text == table(
            "@@,a,b,...,d,e",
            "→ ,1,x,...,x,old→new"
        ))
    }

    // three changed rows among 15, rows elided between them
    @Test func severalChangedRowsWithGaps() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [
                ["1", "v1"],
                ["2", "v2"],
                ["3", "v3"],
                ["4", "v4"],
                ["5", "v5"],
                ["6", "v6"],
                ["7", "v7"],
                ["8", "v8"],
                ["9", "v9"],
                ["10", "v10"],
                ["11", "v11"],
                ["12", "v12"],
                ["13", "v13"],
                ["14", "v14"],
                ["15", "v15"],
            ],
            actual: [
                ["1", "v1"],
                ["2", "v2"],
                ["3", "w"],
                ["4", "v4"],
                ["5", "v5"],
                ["6", "v6"],
                ["7", "v7"],
                ["8", "v8"],
                ["9", "w"],
                ["10", "w"],
                ["11", "v11"],
                ["12", "v12"],
                ["13", "v13"],
                ["14", "v14"],
                ["15", "v15"],
            ]
        )
        #expect(text == table(
            "@@ ,id ,v",
            "   ,1  ,v1",
            "→  ,10 ,v10→w",
            "   ,11 ,v11",
            "...,...,...",
            "   ,2  ,v2",
            "→  ,3  ,v3→w",
            "   ,4  ,v4",
            "...,...,...",
            "   ,8  ,v8",
            "→  ,9  ,v9→w"
        ))
    }

    // a row two away from a change is a ... line even when it stands for one row
    @Test func singleElidedRowIsAGap() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [["1", "v"], ["2", "v"], ["3", "v"], ["4", "v"], ["5", "v"]],
            actual: [["1", "v"], ["2", "v"], ["3", "w"], ["4", "v"], ["5", "v"]]
        )
        #expect(text == table(
            "@@ ,id ,v",
            "...,...,...",
            "   ,2  ,v",
            "→  ,3  ,v→w",
            "   ,4  ,v",
            "...,...,..."
        ))
    }

    // duplicates count: one copy missing
    @Test func duplicateMissingFromActual() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [["1", "a"], ["1", "a"]],
            actual: [["1", "a"]]
        )
        #expect(text == table(
            "@@ ,id,v",
            "   ,1 ,a",
            "---,1 ,a"
        ))
    }

    // three copies against two, one copy against two
    @Test func duplicatesOnBothSides() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [["1", "a"], ["1", "a"], ["1", "a"], ["2", "b"]],
            actual: [["1", "a"], ["1", "a"], ["2", "b"], ["2", "b"]]
        )
        #expect(text == table(
            "@@ ,id ,v",
            "...,...,...",
            "   ,1  ,a",
            "---,1  ,a",
            "   ,2  ,b",
            "+++,2  ,b"
        ))
    }

    // +++ rows follow the actual order, --- rows go last here
    @Test func rowsOnlyInActualAndOnlyInExpected() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [["1", "a"], ["2", "b"], ["4", "d"]],
            actual: [["1", "a"], ["3", "c"], ["5", "e"], ["6", "f"]]
        )
        #expect(text == table(
            "@@ ,id,v",
            "   ,1 ,a",
            "+++,3 ,c",
            "+++,5 ,e",
            "+++,6 ,f",
            "---,2 ,b",
            "---,4 ,d"
        ))
    }

    // a --- row is placed before the first paired row that comes after it
    @Test func removedRowBeforeLaterPair() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [["1", "a"], ["2", "b"], ["3", "c"]],
            actual: [["1", "a"], ["3", "c"], ["9", "z"]]
        )
        #expect(text == table(
            "@@ ,id,v",
            "   ,1 ,a",
            "---,2 ,b",
            "   ,3 ,c",
            "+++,9 ,z"
        ))
    }

    // a +++ row shows all columns
    @Test func addedRowShowsEveryColumn() {
        let text = UnitTestDiff.render(
            header: ["a", "b", "c", "d", "e", "f", "g"],
            expected: [["1", "x", "x", "x", "x", "x", "x"]],
            actual: [["1", "x", "x", "x", "x", "x", "x"], ["2", "x", "x", "x", "x", "x", "x"]]
        )
        #expect(text == table(
            "@@ ,a,b,c,d,e,f,g",
            "   ,1,x,x,x,x,x,x",
            "+++,2,x,x,x,x,x,x"
        ))
    }

    // a --- row: the five key columns daff tried, one more, then ...
    @Test func removedRowShowsKeyColumns() {
        let text = UnitTestDiff.render(
            header: ["a", "b", "c", "d", "e", "f", "g"],
            expected: [["1", "x", "x", "x", "x", "x", "x"], ["2", "x", "x", "x", "x", "x", "x"]],
            actual: [["1", "x", "x", "x", "x", "x", "x"]]
        )
        #expect(text == table(
            "@@ ,a,b,c,d,e,f,...",
            "   ,1,x,x,x,x,x,...",
            "---,2,x,x,x,x,x,..."
        ))
    }

    // an empty expect lists every actual row as +++ (NULL spelled null)
    @Test func expectedEmpty() {
        let text = UnitTestDiff.render(
            header: ["id", "email"],
            expected: [],
            actual: [["1", "a"], ["2", nil]]
        )
        #expect(text == table(
            "@@ ,id,email",
            "+++,1 ,a",
            "+++,2 ,null"
        ))
    }

    // no actual rows: every expected row is ---
    @Test func actualEmpty() {
        let text = UnitTestDiff.render(
            header: ["id", "email"],
            expected: [["1", "a"], ["2", nil]],
            actual: []
        )
        #expect(text == table(
            "@@ ,id,email",
            "---,1 ,a",
            "---,2 ,null"
        ))
    }

    // nothing on either side is equal
    @Test func bothEmpty() {
        let text = UnitTestDiff.render(
            header: ["id"],
            expected: [],
            actual: []
        )
        #expect(text == nil)
    }

    // CSV quoting; coloured cells (changed, +++, ---) are not quoted for edge spaces
    @Test func quotingAndSpaces() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [["1", " a"], ["2", "b,c"], ["3", "q\"x"]],
            actual: [["1", " b"], ["2", "b,d"], ["4", " y"]]
        )
        #expect(text == table(
            "@@ ,id,v",
            "→  ,1 , a→ b",
            "→  ,2 ,\"b,c→b,d\"",
            "+++,4 , y",
            "---,3 ,\"q\"\"x\""
        ))
    }

    // the extra spaces of a side show as ␣
    @Test func changeOnlyInSpaces() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [["1", "a b"], ["2", "ab"]],
            actual: [["1", "ab"], ["2", "a b"]]
        )
        #expect(text == table(
            "@@,id,v",
            "→ ,1 ,a␣b→ab",
            "→ ,2 ,ab→a␣b"
        ))
    }

    // text NULL in a changed cell becomes _NULL; a real NULL in a +++ row is null
    @Test func nullLookingText() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [["1", "NULL"], ["2", nil]],
            actual: [["1", "x"], ["2", nil], ["3", nil]]
        )
        #expect(text == table(
            "@@ ,id,v",
            "→  ,1 ,_NULL→x",
            "   ,2 ,NULL",
            "+++,3 ,null"
        ))
    }

    // a cell longer than mean + 2 sd does not widen its column
    @Test func outlierDoesNotWidenColumn() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [
                ["1", "x"],
                ["2", "x"],
                ["3", "x"],
                ["4", "x"],
                ["5", "x"],
                ["6", "x"],
                ["7", "x"],
                ["8", "x"],
                ["9", "x"],
            ],
            actual: [
                ["1", "x"],
                ["2", "x"],
                ["3", "x"],
                ["4", "x"],
                ["5", "x"],
                ["6", "x"],
                ["7", "x"],
                ["8", "x"],
                ["9", "a very long value that is an outlier"],
            ]
        )
        #expect(text == table(
            "@@ ,id ,v",
            "...,...,...",
            "   ,8  ,x",
            "→  ,9  ,x→a very long value that is an outlier"
        ))
    }

    // over 130 characters wide: no padding at all
    @Test func wideTableIsNotPadded() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [["1", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]],
            actual: [["1", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"]]
        )
        #expect(text == table(
            "@@,id,v",
            "→,1,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx→yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
        ))
    }

    // NULLs sort after text on each side, so both sides line up
    @Test func nullsSortLast() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [[nil, "a"], ["1", "b"]],
            actual: [["1", "b"], [nil, "c"]]
        )
        #expect(text == table(
            "@@ ,id  ,v",
            "   ,1   ,b",
            "+++,null,c",
            "---,null,a"
        ))
    }

    // equal multisets with duplicates and NULLs, other order: no difference
    @Test func duplicatesInDifferentOrderAreEqual() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [["1", "a"], ["2", nil], ["1", "a"]],
            actual: [["2", nil], ["1", "a"], ["1", "a"]]
        )
        #expect(text == nil)
    }

    // text is compared code point by code point, as Python does (NFC vs NFD)
    @Test func canonicallyEquivalentTextDiffers() {
        let text = UnitTestDiff.render(
            header: ["id", "v"],
            expected: [["1", "caf\u{e9}"]],
            actual: [["1", "cafe\u{301}"]]
        )
        #expect(text == table(
            "@@,id,v",
            "→ ,1 ,caf\u{e9}→cafe\u{301}"
        ))
    }

    // over 5 columns the key is the most distinct column (d), so a and b are elided
    @Test func mostDistinctColumnIsTheKey() {
        let text = UnitTestDiff.render(
            header: ["a", "b", "c", "d", "e", "f", "g"],
            expected: [["k", "k", "k", "1", "k", "k", "old"], ["k", "k", "k", "2", "k", "k", "z"]],
            actual: [["k", "k", "k", "1", "k", "k", "new"], ["k", "k", "k", "2", "k", "k", "z"]]
        )
        #expect(text == table(
            "@@,...,c,d,e,f,g",
            "→ ,...,k,1,k,k,old→new",
            "  ,...,k,2,k,k,z"
        ))
    }


    // Not from daff (it never sees ragged rows): a missing cell is NULL, an extra cell is ignored.
    @Test func raggedRowsMissingCellIsNull() {
        #expect(UnitTestDiff.render(header: ["id", "v"], expected: [["1"]], actual: [["1", nil, "extra"]]) == nil)
        let text = UnitTestDiff.render(header: ["id", "v"], expected: [["1"]], actual: [["1", "x"]])
        #expect(text == table(
            "@@,id,v",
            "→ ,1 ,NULL→x"
        ))
        #expect(UnitTestDiff.render(header: ["id", "v"], expected: [[]], actual: [[nil, nil]]) == nil)
    }
}
