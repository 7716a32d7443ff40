// parallelUpdate changes each element in place on several threads and returns what the body
// returned for each, in element order.
@testable import FlowcGraph
import Testing

@Test func parallelUpdateChangesEveryElementOnceInOrder() {
    for count in [0, 1, 7, 1000] {
        var items = (0..<count).map { [$0] }
        let results = parallelUpdate(&items, threads: 2) { item -> Int in
            item.append(item[0] * 2)
            return item[0] + 1
        }
        #expect(items == (0..<count).map { [$0, $0 * 2] })
        #expect(results == (0..<count).map { $0 + 1 })
    }
}

@Test func parallelUpdateOnOneThread() {
    var items = ["a", "b", "c"]
    let results = parallelUpdate(&items, threads: 1) { item -> Bool in
        item += "!"
        return item == "b!"
    }
    #expect(items == ["a!", "b!", "c!"])
    #expect(results == [false, true, false])
}
