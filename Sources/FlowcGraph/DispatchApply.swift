// A minimal parallel-for over threads, without Foundation/Dispatch's Sendable friction:
// `perform(n) { i in … }` runs the body for 0..<n, using one thread per index beyond the first.
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Starts `body` on a new thread with the main thread's stack size (deeply nested templates
/// recurse); nil when no thread could be started.
func startThread(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
    final class Box: @unchecked Sendable {
        // Set before the thread starts and read only by it.
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var attr = pthread_attr_t()
    pthread_attr_init(&attr)
    pthread_attr_setstacksize(&attr, 8 << 20)
    var tid = pthread_t()
    let rc = pthread_create(&tid, &attr, { raw in
        guard let raw else { return nil }
        Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body()
        return nil
    }, box)
    pthread_attr_destroy(&attr)
    guard rc == 0 else {
        Unmanaged<Box>.fromOpaque(box).release()
        return nil
    }
    return tid
}

enum DispatchApply {
    static func perform(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        var threads: [pthread_t] = []
        for i in 1..<count {
            if let tid = startThread({ body(i) }) {
                threads.append(tid)
            } else {
                // could not start a thread: run that share here
                body(i)
            }
        }
        body(0)
        for t in threads { pthread_join(t, nil) }
    }
}

/// `work` applied to `slices` consecutive ranges of 0..<count by `threads` threads, each taking
/// the next slice when done with its last, results joined in slice order. For work whose cost
/// per item varies along the range (models before tests in sorted ids): a fixed split per
/// thread left one thread idle for a third of the manifest write.
public func parallelSlices<Result: Sendable>(count: Int, threads: Int, slices: Int,
                                             _ work: @escaping @Sendable (Range<Int>) -> Result) -> [Result] {
    let n = max(1, min(slices, count))
    let size = (count + n - 1) / max(1, n)
    let cursor = Atomic<Int>(0)
    let results = Mutex<[Int: Result]>([:])
    DispatchApply.perform(max(1, min(threads, n))) { _ in
        while true {
            let s = cursor.add(1, ordering: .relaxed).oldValue
            guard s < n else { return }
            let lower = min(count, s * size)
            let out = work(lower..<min(count, lower + size))
            results.withLock { $0[s] = out }
        }
    }
    return results.withLock { r in (0..<n).compactMap { r[$0] } }
}

/// A pointer to elements that parallel work changes in place, each element by one thread only.
private struct DisjointElements<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

/// `body` applied to every element of `items` in place, on up to `threads` threads, its results
/// in element order. In place rather than by copies: a Node copied to be changed copies all its
/// fields, and each element is reached by exactly one slice, so no two threads share one.
func parallelUpdate<T, Result: Sendable>(_ items: inout [T], threads: Int,
                                         _ body: @escaping @Sendable (inout T) -> Result) -> [Result] {
    items.withUnsafeMutableBufferPointer { buffer -> [Result] in
        guard let base = buffer.baseAddress else { return [] }
        let elements = DisjointElements(base: base)
        return parallelSlices(count: buffer.count, threads: threads, slices: threads * 4) { range in
            range.map { body(&elements.base[$0]) }
        }.flatMap { $0 }
    }
}
