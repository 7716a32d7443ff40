// parallelUpdate changes each element in place on several threads and returns what the body
// returned for each, in element order; its context form makes one context a slice.
@testable import FlowcGraph
import Synchronization
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

@Test func parallelUpdateWithAContextPerSlice() {
    final class Counter: @unchecked Sendable {
        let made = Mutex(0)
    }
    for (count, threads) in [(0, 2), (1, 2), (7, 2), (1000, 2), (5, 1)] {
        let counter = Counter()
        var items = (0..<count).map { "n\($0)" }
        let results = parallelUpdate(&items, threads: threads, context: { () -> String? in
            counter.made.withLock { $0 += 1 }
            return "!"
        }) { item, suffix -> Int in
            item += suffix
            return item.count
        }
        #expect(items == (0..<count).map { "n\($0)!" })
        #expect(results == (0..<count).map { "n\($0)!".count })
        // one context a slice: one on one thread, at most four a thread on two
        let made = counter.made.withLock { $0 }
        #expect(threads == 1 ? made == 1 : made <= min(count, 8), "\(made) contexts")
    }
}

@Test func parallelUpdateLeavesASliceWithoutContextUnchanged() {
    var items = ["a", "b"]
    let results = parallelUpdate(&items, threads: 1, context: { () -> String? in nil }) { item, suffix -> Bool in
        item += suffix
        return true
    }
    #expect(items == ["a", "b"])
    #expect(results.isEmpty)
}
