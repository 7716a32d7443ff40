// ColumnSources holds one member without a Set; every way of combining must still give the
// set union, in sorted order.
@testable import FlowcLineage
import Testing

@Test func columnSourcesUniteLikeSets() {
    let a = ColumnSource(relation: "orders", column: "id"), b = ColumnSource(relation: "orders", column: "amount")
    let c = ColumnSource(relation: "customers", column: "id")
    let shapes: [[ColumnSource]] = [[], [a], [b], [a, b], [b, c], [a, b, c], [c, c]]
    for left in shapes {
        for right in shapes {
            var united: ColumnSources = []
            for s in left { united.absorb([s]) }
            var other: ColumnSources = []
            for s in right { other.absorb([s]) }
            let expected = Set(left).union(right).sorted()
            #expect(united.union(other).sorted() == expected, "\(left) ∪ \(right)")
            united.absorb(other)
            #expect(united.sorted() == expected, "\(left) absorbing \(right)")
            #expect(united.isEmpty == expected.isEmpty)
        }
    }
    let literal: ColumnSources = [a, b, a]
    #expect(literal.sorted() == [b, a])
}
