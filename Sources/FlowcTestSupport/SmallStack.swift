// For tests: run a closure on a thread with a chosen stack size, so limits that protect
// secondary threads (512 KiB stacks) are exercised for real.
#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` on a new thread with the given stack size and returns its result.
public func onThread<T>(stackSize: Int, _ body: @escaping () -> T) -> T {
    var result: T?
    let job = ThreadJob { result = body() }
    var attr = pthread_attr_t()
    pthread_attr_init(&attr)
    defer { pthread_attr_destroy(&attr) }
    pthread_attr_setstacksize(&attr, stackSize)
    var thread = pthread_t()
    let context = Unmanaged.passRetained(job).toOpaque()
    let rc = pthread_create(&thread, &attr, { raw in
        guard let raw else { return nil }
        Unmanaged<ThreadJob>.fromOpaque(raw).takeRetainedValue().run()
        return nil
    }, context)
    if rc == 0 {
        pthread_join(thread, nil)
    } else {
        Unmanaged<ThreadJob>.fromOpaque(context).release()
    }
    return result ?? body()
}

final class ThreadJob: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
