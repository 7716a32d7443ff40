// Big values a command built (the graph, compiled SQL, lineage) are kept alive until the process
// exits instead of being freed one object at a time: on a 10,000-model project that freeing took
// about a tenth of a second of `flowc compile`, and the kernel reclaims the memory at exit anyway.
import Synchronization

enum Teardown {
    // Appended to from a command's main thread and the threads it starts (the compiled files'
    // writer keeps the files and run results it made).
    private static let kept = Mutex<[any Sendable]>([])

    static func keep(_ values: any Sendable...) {
        kept.withLock { $0.append(contentsOf: values) }
    }
}
