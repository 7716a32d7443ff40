// Large values let go of on a thread of their own. Building the graph of a large project
// replaces whole arrays of nodes between its steps, and freeing the old ones (tens of
// thousands of nodes, each with dozens of strings) took a sixth of the one-thread stretches
// between its parallel steps while the other core had nothing to do.
#if canImport(Glibc)
import Glibc
#endif

public enum DeferredRelease {
    /// Takes `value` and frees it on a new thread, so the caller goes on at once. When no
    /// thread can be started it is freed here, as it would have been.
    public static func drop<T>(_ value: consuming T) {
        let holder = Holder(value)
        if let tid = startThread({ holder.clear() }) { pthread_detach(tid) }
    }
}

/// The value on its way to the releasing thread.
private final class Holder<T>: @unchecked Sendable {
    // Set when made; after that only the releasing thread touches it.
    private var value: T?
    init(_ value: consuming T) { self.value = value }
    func clear() { value = nil }
}
