// Work started on a thread of its own and joined later, so a command can write one artifact
// while it computes the next (compile writes its 10,000 SQL files while lineage is traced).
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

public final class Background: Sendable {
    private let body: @Sendable () throws -> Void
    private let failure = Mutex<(any Error)?>(nil)
    /// The running thread, or nil when the body already ran (inline, or joined).
    private let thread = Mutex<pthread_t?>(nil)

    private init(_ body: @escaping @Sendable () throws -> Void) {
        self.body = body
    }

    /// Starts `body` on a new thread; when no thread can be started it runs here and now.
    public static func start(_ body: @escaping @Sendable () throws -> Void) -> Background {
        let task = Background(body)
        if let tid = startThread({ task.runBody() }) {
            task.thread.withLock { $0 = tid }
        } else {
            task.runBody()
        }
        return task
    }

    private func runBody() {
        do { try body() } catch { failure.withLock { $0 = error } }
    }

    /// Waits for the body to finish and rethrows what it threw. Joining twice is harmless.
    public func join() throws {
        if let tid = thread.withLock({ t -> pthread_t? in defer { t = nil }; return t }) {
            pthread_join(tid, nil)
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}

/// A value computed on a thread of its own while the caller goes on, taken with `value()`.
public final class BackgroundValue<Value: Sendable>: Sendable {
    private final class Slot: Sendable {
        let value = Mutex<Value?>(nil)
    }
    private let slot: Slot
    private let body: @Sendable () -> Value
    private let task: Background

    /// Starts `body`; when no thread can be started it runs here and now.
    public init(_ body: @escaping @Sendable () -> Value) {
        let slot = Slot()
        self.slot = slot
        self.body = body
        task = Background.start { slot.value.withLock { $0 = body() } }
    }

    /// Waits for the body and returns what it computed.
    public func value() -> Value {
        try? task.join()
        // the body cannot throw, so its value is there; computed here should it not be
        return slot.value.withLock { $0 } ?? body()
    }
}
