// Turns a run's progress events into OpenLineage run events: the invocation is a run of its own
// (job `<project>`), every model, seed and snapshot a run of job `<project>.<node>` whose parent
// facet points at it. A node that starts gets START, then COMPLETE or FAIL when it finishes; a
// node skipped (a failed parent) never starts, so it gets START and ABORT together, keeping
// OpenLineage's rule of one START and one terminal event per run; a node cancelled by Ctrl-C gets
// ABORT too (nodes an interrupt keeps from starting have no run at all).
import FlowcCompile
import FlowcGraph
import Foundation
import Synchronization

public final class OpenLineageRun: Sendable {
    public let builder: OpenLineageEventBuilder
    public let transport: OpenLineageTransport
    public let parent: OpenLineageParent
    /// Reads the built relations' column types (nil: names and types from lineage and YAML only).
    public let columns: OpenLineageColumns?
    /// Run ids of the nodes that have started and not finished.
    private let running = Mutex<[String: String]>([:])
    /// Set on Ctrl-C: a node that fails from then on was cancelled, so its run is ABORTed.
    private let cancelling = Mutex(false)

    public init(builder: OpenLineageEventBuilder, transport: OpenLineageTransport, columns: OpenLineageColumns? = nil) {
        self.builder = builder
        self.transport = transport
        self.columns = columns
        parent = OpenLineageParent(runId: Self.newRunId(), jobName: builder.settings.projectName)
    }

    /// The invocation's START.
    public func start() {
        let (builder, parent, now) = (builder, parent, Date().timeIntervalSince1970)
        transport.send { builder.invocationEvent(.start, parent: parent, time: now) }
    }

    /// Call before the runner cancels its queries (Ctrl-C).
    public func interrupted() { cancelling.withLock { $0 = true } }

    /// Hand every runner event here (it only enqueues; safe under the scheduler's lock).
    public func handle(_ event: RunEvent) {
        let now = Date().timeIntervalSince1970
        let (builder, parent, columns) = (builder, parent, columns)
        /// What the warehouse reported for the node and its inputs (read on the transport's queue).
        @Sendable func observed(_ node: Node) -> [String: [OpenLineageColumns.Column]] {
            columns?.known((builder.inputIds(node) + [node.uniqueId]).compactMap(builder.datasetName)) ?? [:]
        }
        switch event {
        case .started(_, _, let node, _):
            guard OpenLineageEventBuilder.emitsEvents(node) else { return }
            let runId = Self.newRunId()
            running.withLock { $0[node.uniqueId] = runId }
            transport.send {
                builder.nodeEvent(.start, node: node, runId: runId, time: now, parent: parent, result: nil, observed: observed(node))
            }
        case .finished(_, _, let node, _, let result):
            guard OpenLineageEventBuilder.emitsEvents(node) else { return }
            let started = running.withLock { $0.removeValue(forKey: node.uniqueId) }
            let runId = started ?? Self.newRunId()
            let cancelled = result.isFailure && cancelling.withLock { $0 }
            let type: OpenLineageEventType = result.status == .skipped || cancelled ? .abort : result.isFailure ? .fail : .complete
            if started == nil {
                transport.send {
                    builder.nodeEvent(.start, node: node, runId: runId, time: now, parent: parent, result: nil, observed: observed(node))
                }
            }
            transport.send {
                if type == .complete, let name = builder.datasetName(node.uniqueId) { columns?.read(node, as: name) }
                return builder.nodeEvent(type, node: node, runId: runId, time: now, parent: parent, result: result,
                                         observed: observed(node))
            }
        case .hook, .hookStarted, .hooksFinished, .warning, .macroWarning, .message:
            return
        }
    }

    /// The invocation's COMPLETE (FAIL when a node failed, ABORT when interrupted), then waits
    /// up to `timeout` seconds for delivery. Returns how many events reached the endpoint.
    @discardableResult
    public func finish(_ outcome: RunOutcome, timeout: Double = 5) -> Int {
        let failures = outcome.results.filter(\.isFailure).count
        let type: OpenLineageEventType = outcome.interrupted ? .abort : failures > 0 ? .fail : .complete
        let message = "\(failures) node\(failures == 1 ? "" : "s") failed"
        let (builder, parent, now) = (builder, parent, Date().timeIntervalSince1970)
        transport.send { builder.invocationEvent(type, parent: parent, time: now, message: message) }
        let sent = transport.finish(timeout: timeout)
        columns?.close()
        return sent
    }

    /// A UUIDv7 (time-ordered, as OpenLineage recommends for run ids).
    static func newRunId(now: Double = Date().timeIntervalSince1970) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let ms = UInt64(max(0, now) * 1000)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: ms >> (8 * UInt64(5 - i))) }
        var rng = SystemRandomNumberGenerator()
        for i in 6..<16 { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        bytes[6] = (bytes[6] & 0x0F) | 0x70
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        var out = ""
        for (i, ch) in hex.enumerated() {
            if [8, 12, 16, 20].contains(i) { out.append("-") }
            out.append(ch)
        }
        return out
    }
}
