// Delivers OpenLineage events: each as one JSON line appended to target/openlineage.jsonl
// (the file is truncated when the transport opens, so it holds one run), and, when an endpoint
// is set, POSTed to it as the OpenLineage HTTP transport does (JSON body, optional Bearer key).
//
// Invariants: the caller never waits on the network. Events are serialized and written on one
// serial queue (so the scheduler's lock is held only to enqueue) and POSTed in order on another
// (a run's START reaches the server before its COMPLETE). The first failure to send is one
// warning and stops sending for the rest of the run, so a dead endpoint costs at most one
// timeout; `finish` waits a bounded time for what is still queued, then gives up on it.
import FlowcGraph
import Foundation
import Synchronization

public final class OpenLineageTransport: Sendable {
    public let filePath: String
    let endpoint: URL?
    let apiKey: String?
    let timeout: Double
    private let warn: @Sendable (String) -> Void
    private let fileQueue = DispatchQueue(label: "flowc.openlineage.file")
    private let httpQueue = DispatchQueue(label: "flowc.openlineage.http")
    // used on httpQueue only, so one request at a time
    private let connection = HTTPConnection()
    private let file: Mutex<FileHandle?>
    private let state = Mutex(State())

    struct State {
        /// Sending stopped: the endpoint failed once, or `finish` gave up waiting.
        var stopped = false
        var warnedFile = false
        var sent = 0
        var queued = 0
    }

    /// Opens (truncating) the events file; a file that cannot be written is one warning and the
    /// events still go to the endpoint.
    public init(filePath: String, settings: OpenLineageSettings, warn: @escaping @Sendable (String) -> Void) {
        self.filePath = filePath
        endpoint = settings.endpoint
        apiKey = settings.apiKey
        timeout = settings.timeout
        self.warn = warn
        let dir = (filePath as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if FileManager.default.createFile(atPath: filePath, contents: nil), let handle = FileHandle(forWritingAtPath: filePath) {
            file = Mutex(handle)
        } else {
            file = Mutex(nil)
            state.withLock { $0.warnedFile = true }
            warn("cannot write OpenLineage events to \(filePath)")
        }
    }

    /// Queues one event, built on the transport's queue so the caller only enqueues.
    public func send(_ build: @escaping @Sendable () -> JSON) {
        fileQueue.async { [self] in
            let text = JSONWriter.string(build())
            writeLine(text + "\n")
            guard let endpoint else { return }
            state.withLock { $0.queued += 1 }
            httpQueue.async { [self] in post(Data(text.utf8), to: endpoint) }
        }
    }

    /// Waits until the file has every event and the endpoint has had up to `timeout` seconds
    /// for the rest; returns how many events reached the endpoint.
    @discardableResult
    public func finish(timeout: Double = 5) -> Int {
        fileQueue.sync {}
        file.withLock { handle in
            try? handle?.close()
            handle = nil
        }
        guard endpoint != nil else { return 0 }
        let done = DispatchSemaphore(value: 0)
        httpQueue.async { done.signal() }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            let (first, left) = state.withLock { s -> (Bool, Int) in
                let first = !s.stopped
                s.stopped = true
                return (first, s.queued - s.sent)
            }
            if first { warn("OpenLineage: gave up sending \(left) event\(left == 1 ? "" : "s") to \(endpoint?.absoluteString ?? "") after \(Int(timeout))s") }
        }
        return state.withLock { $0.sent }
    }

    private func writeLine(_ line: String) {
        let failed = file.withLock { handle -> Bool in
            guard let handle else { return false }
            do {
                try handle.write(contentsOf: Data(line.utf8))
                return false
            } catch {
                return true
            }
        }
        if failed && !state.withLock({ s in defer { s.warnedFile = true }; return s.warnedFile }) {
            warn("cannot write OpenLineage events to \(filePath)")
        }
    }

    /// One POST, waited for on the HTTP queue (never on a runner thread).
    private func post(_ body: Data, to url: URL) {
        guard !state.withLock({ $0.stopped }) else { return }
        var headers = ["Content-Type: application/json", "Accept: application/json"]
        if let apiKey { headers.append("Authorization: Bearer \(apiKey)") }
        if let problem = connection.post(url.absoluteString, body: body, headers: headers, timeout: timeout) {
            let first = state.withLock { s -> Bool in
                defer { s.stopped = true }
                return !s.stopped
            }
            if first { warn("OpenLineage: cannot send events to \(url.absoluteString): \(problem); the rest of this run's events go to \(filePath) only") }
        } else {
            state.withLock { $0.sent += 1 }
        }
    }
}
