// Cancelling a running PostgreSQL statement from another thread: libpq's PGcancel object, made at
// connect time, asks the server (over a fresh socket) to cancel whatever the session is running.
import CLibPQ
import Synchronization

/// Cancels its connection's running statement; callable from any thread, also after the
/// connection closed (then it does nothing).
///
/// Thread safety: libpq documents `PQcancel` as safe to call from a thread other than the one
/// using the `PGconn` (the `PGcancel` object is read-only to it). The only hazard is freeing the
/// `PGcancel` while a `PQcancel` runs, so the pointer lives inside a `Mutex`: `cancel()` holds the
/// lock while it uses it, and `invalidate()` (called by `close()`) frees it under the same lock and
/// leaves nil behind. The Mutex is the class's only state, so the class itself is `Sendable`.
public final class PostgresCanceller: Canceller {
    /// The PGcancel pointer, which only the code below touches, and only under `handle`'s lock.
    /// `@unchecked Sendable` lets the pointer into the Mutex: a `PGcancel` belongs to no thread
    /// (it is a copy of the connection's cancel key, not the connection), and the lock serialises
    /// every use of it.
    private struct CancelHandle: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private let handle: Mutex<CancelHandle?>

    init(handle: OpaquePointer?) {
        self.handle = Mutex(handle.map(CancelHandle.init(pointer:)))
    }

    deinit {
        invalidate()
    }

    public func cancel() {
        handle.withLock { cancel in
            guard let cancel = cancel?.pointer else { return }
            // PQcancel reports failure (e.g. the server is unreachable) in errbuf; a cancel that
            // cannot be delivered leaves the statement running, which the caller sees as a statement
            // that does not stop, so there is nothing more useful to do with the message here.
            var errbuf = [CChar](repeating: 0, count: 256)
            _ = PQcancel(cancel, &errbuf, Int32(errbuf.count))
        }
    }

    /// Frees the PGcancel; later `cancel()` calls do nothing. Idempotent.
    func invalidate() {
        handle.withLock { cancel in
            if let c = cancel?.pointer { PQfreeCancel(c) }
            cancel = nil
        }
    }
}
