// Runs independent per-file work (reading, YAML parsing) on a few threads of our own. Own
// threads rather than Dispatch or Swift concurrency so the stack is known and large: the YAML
// composer recurses once per nesting level (bounded by YAMLReader.maxDepth), and callers may be
// on a small-stack cooperative thread.

import Foundation

enum Parallel {
    /// Stack of each worker thread.
    static let stackSize = 64 << 20

    /// `body` applied to every item, results in item order.
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ body: @escaping @Sendable (T) -> R) -> [R] {
        if items.isEmpty { return [] }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count, 8))
        let state = SharedResults<R>(count: items.count)
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<workers {
            let thread = Thread {
                while let i = state.nextIndex() {
                    state.store(body(items[i]), at: i)
                }
                done.signal()
            }
            thread.stackSize = stackSize
            thread.start()
        }
        for _ in 0..<workers { done.wait() }
        return state.results()
    }

    /// `body` run once on a worker thread (for one deep-recursing job).
    static func run<R: Sendable>(_ body: @escaping @Sendable () -> R) -> R? {
        map([0]) { _ in body() }.first
    }
}

/// Result slots written by the workers (each slot by exactly one) and a shared work cursor.
private final class SharedResults<R: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [R?]
    private var cursor = 0

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard cursor < slots.count else { return nil }
        cursor += 1
        return cursor - 1
    }

    func store(_ value: R, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func results() -> [R] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
