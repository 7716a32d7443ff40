// Cycle finding over the parent map: the path it reports, and that long chains neither
// overflow the stack nor report a cycle.
import FlowcGraph
import Testing

@Test func aCycleIsReportedAsTheClosedPathFromItsFirstNode() {
    // x has no cycle of its own but leads into b -> c -> d -> b
    let parents = ["x": ["b"], "b": ["c"], "c": ["d"], "d": ["b", "e"], "e": []]
    #expect(DAG.findCycle(parents: parents) == ["b", "d", "c", "b"])
    #expect(DAG.findCycle(parents: ["a": ["a"]]) == ["a", "a"])
}

@Test func acyclicGraphsAndUnknownParentsHaveNoCycle() {
    #expect(DAG.findCycle(parents: ["a": ["b", "zz_unknown"], "b": [], "c": ["a", "b"]]) == nil)
    // a chain of 200,000 nodes, deeper than any recursion could go on a worker thread
    var chain: [String: [String]] = [:]
    for i in 0..<200_000 { chain["n\(i)"] = i == 0 ? [] : ["n\(i - 1)"] }
    #expect(DAG.findCycle(parents: chain) == nil)
    chain["n0"] = ["n199999"]
    #expect(DAG.findCycle(parents: chain)?.count == 200_001)
}
