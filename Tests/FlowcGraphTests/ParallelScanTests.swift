// parallelCompactMap gives what a serial compactMap over the dictionary gives, in the same
// order, whether the dictionary is split between threads or not; DeferredRelease frees what
// it is given (on a thread of its own) and leaves everything else as it was.
@testable import FlowcGraph
import Synchronization
import Testing

@Test func parallelCompactMapMatchesSerialOrder() {
    for count in [0, 1, 200, 257, 5000, 20011] {
        var d: [String: Int] = [:]
        for i in 0..<count { d["node.\(i)"] = i }
        let keep: @Sendable (String, Int) -> String? = { k, v in v % 3 == 0 ? k + "!" : nil }
        let serial = d.compactMap { keep($0.key, $0.value) }
        #expect(d.parallelCompactMap(threads: 2, keep) == serial)
        #expect(d.parallelCompactMap(threads: 3, keep) == serial)
        #expect(d.parallelCompactMap(threads: 1, keep) == serial)
    }
}

private final class Counter: Sendable {
    let freed = Mutex<Int>(0)
}

private final class Tracked: Sendable {
    let counter: Counter
    init(_ counter: Counter) { self.counter = counter }
    deinit { counter.freed.withLock { $0 += 1 } }
}

@Test func deferredReleaseFreesWhatItIsGiven() async throws {
    let counter = Counter()
    var kept: [Tracked] = []
    do {
        let dropped = (0..<1000).map { _ in Tracked(counter) }
        kept = Array(dropped.prefix(10))
        DeferredRelease.drop(dropped)
    }
    // the releasing thread gets to it soon; wait up to ten seconds
    for _ in 0..<1000 where counter.freed.withLock({ $0 }) < 990 {
        try await Task.sleep(for: .milliseconds(10))
    }
    #expect(counter.freed.withLock { $0 } == 990)
    #expect(kept.count == 10)
}

@Test func parallelSortedMatchesSorted() {
    for count in [0, 1, 4096, 4097, 20000] {
        // a deterministic shuffle with repeats
        let items = (0..<count).map { "id.\(($0 &* 7919) % (count / 2 + 1))" }
        #expect(items.parallelSorted() == items.sorted())
    }
}
