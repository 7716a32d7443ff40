// Big values a command built (the graph, compiled SQL, lineage) are kept alive until the process
// exits instead of being freed one object at a time: on a 10,000-model project that freeing took
// about a tenth of a second of `flowc compile`, and the kernel reclaims the memory at exit anyway.
enum Teardown {
    // Appended to only from a command's main thread.
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ values: Any...) {
        kept.append(contentsOf: values)
    }
}
