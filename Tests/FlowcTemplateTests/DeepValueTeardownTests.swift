// Lists and dicts nested hundreds of thousands deep are freed without recursing once per level (found
// by fuzzing: `{% set ns.l = [ns.l] %}` in loops crashed when the render's values were freed).
import Testing
@testable import FlowcTemplate

@Test func deeplyNestedContainersAreFreedWithoutOverflowingTheStack() {
    for wrap in [{ (v: Value) in Value.list([v]) },
                 { (v: Value) in Value.dict([("k", v)]) },
                 { (v: Value) in Value.list([.tuple([v, .int(1)])]) }] {
        var v = Value.list([])
        for _ in 0..<300_000 { v = wrap(v) }
        v = .none  // frees the whole chain here
        #expect(v.isNone)
    }
}

/// Shared data survives its holder, cycles included.
@Test func freeingAContainerLeavesSharedAndCyclicDataIntact() throws {
    let cycle = ListBox([.int(1)])
    cycle.items.append(.list(cycle))
    var shared = Value.list([.list([.int(2)])])
    var holder: Value? = .list([.list(cycle), shared, .dict([("s", shared)])])
    #expect(holder != nil)
    holder = nil
    #expect(Value.list(cycle).pythonRepr == "[1, [...]]")
    #expect(shared.pythonRepr == "[[2]]")
    shared = .none
    cycle.items.removeAll()  // break the cycle so the test leaks nothing
}
