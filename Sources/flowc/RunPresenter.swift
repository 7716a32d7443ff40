// Presents run events the way dbt users know them: numbered START / OK / PASS / FAIL lines
// padded with dots, a summary with counts, failures with their compiled SQL path. Colour only
// on a terminal; `--log-format json` prints one JSON object per event instead; every line also
// goes to logs/flowc.log.
import FlowcGraph
import FlowcRun
import Foundation

final class RunPresenter: @unchecked Sendable {
    enum Format: String { case text, json }
    let format: Format
    let quiet: Bool
    /// --no-print: print() in macros writes nothing.
    let hidesPrint: Bool
    let color: Bool
    /// The invocation's id, in every JSON event.
    let invocationId: String
    private let lock = NSLock()
    private var log: FileHandle?
    /// When each node started, for the JSON events' node_info.
    private var startedAt: [String: String] = [:]

    init(format: Format, quiet: Bool, hidesPrint: Bool = false, logPath: String?, invocationId: String = "") {
        self.format = format
        self.quiet = quiet
        self.hidesPrint = hidesPrint
        self.invocationId = invocationId
        color = format == .text && isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        if let logPath {
            let dir = (logPath as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: logPath) { _ = FileManager.default.createFile(atPath: logPath, contents: nil) }
            log = FileHandle(forWritingAtPath: logPath)
            log?.seekToEndOfFile()
        }
    }

    deinit { try? log?.close() }

    static func clock() -> String {
        var t = time(nil)
        var tm = tm()
        localtime_r(&t, &tm)
        return String(format: "%02d:%02d:%02d", Int(tm.tm_hour), Int(tm.tm_min), Int(tm.tm_sec))
    }

    /// A line of text output (also logged). `always` lines print even with --quiet.
    /// `event`: what the line is as dbt's structured log names it (`--log-format json`); a
    /// blank line is dbt's Formatting, another line without one a Note.
    /// `plain`: the text as it is, with no time, and not in the log file (what print() writes, as dbt's).
    func line(_ text: String, always: Bool = false, stderr: Bool = false, event: DbtEvent? = nil, plain: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        if format == .json, !quiet || always {
            let e = event ?? (text.isEmpty ? .formatting : .note())
            Output.write(e.line(msg: text, invocationId: invocationId) + "\n", to: .standardOutput)
        }
        let now = Self.clock()
        // as dbt's: one time for the whole message, its later lines as they are ("\r\n", a unit
        // test's diff table, is one Character to Swift, so it becomes "\n" first)
        let lines = text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        let stamped = lines.isEmpty || plain ? lines : "\(now)  " + lines
        if let log, !plain { Output.write(stamped + "\n", to: log) }
        guard format == .text, !quiet || always else { return }
        let out = stderr ? FileHandle.standardError : FileHandle.standardOutput
        Output.write(stamped + "\n", to: out)
    }

    /// A JSON event with no text line of its own (dbt's debug-level NodeStart / NodeFinished).
    func event(_ e: DbtEvent, msg: String, thread: String = "MainThread") {
        guard format == .json else { return }
        lock.lock()
        defer { lock.unlock() }
        Output.write(e.line(msg: msg, invocationId: invocationId, thread: thread) + "\n", to: .standardOutput)
    }

    func nodeInfo(_ node: Node, status: String, result: NodeResult? = nil) -> JSON {
        let started = lock.withLock { startedAt[node.uniqueId] }
        return DbtEvent.nodeInfo(node, status: status, startedAt: started,
                                 finishedAt: result.map { _ in DbtEvent.timestamp(Date()) }, relationName: result?.relationName)
    }

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    /// `<prefix><LABEL> <subject> ....... [<TAG><suffix>]`, the part before ` [` dotted to 80 columns as dbt
    /// does; only the label and the tag are coloured, so the padding counts plain text.
    /// The presenter of a command that runs nodes: its lines also go to the project's log.
    static func make(_ inv: Invocation, _ project: ProjectOptions, format: Format = .text) -> RunPresenter {
        RunPresenter(format: format, quiet: project.quiet, hidesPrint: project.noPrint,
                     logPath: inv.path((project.logPath ?? inv.project.config.logPath) + "/flowc.log"),
                     invocationId: inv.invocationId)
    }

    /// dbt's first lines: the version, then what the project holds, then a blank line.
    func header(_ inv: Invocation) {
        line("Running with flowc=\(FlowcVersion.number)")
        line(Summary.found(inv.build.manifest))
        line("")
    }

    /// dbt's "Finished running 2 seeds, 3 view models in 0 hours 0 minutes and 0.21 seconds (0.21s)."
    func finished(_ statLine: String, seconds secs: Double) {
        let execution = "\(Int(secs) / 3600) hours \(Int(secs) % 3600 / 60) minutes and "
            + String(format: "%.2f", secs.truncatingRemainder(dividingBy: 60)) + " seconds"
        line("Finished running \(statLine) in \(execution) (\(String(format: "%.2f", secs))s).",
             event: DbtEvent("FinishedRunningStats", "E047", [("execution", .string(execution)), ("execution_time", .double(secs)),
                                                             ("stat_line", .string(statLine))]))
    }

    func dotted(_ prefix: String, label: String, color: String?, subject: String, tag: String,
                suffix: String = "") -> String {
        // dbt pads the line to 80 characters with dots; a longer one gets none
        let dots = max(0, 80 - (prefix + label + " " + subject).count - 1)
        func c(_ text: String) -> String { color.map { paint(text, $0) } ?? text }
        return prefix + c(label) + " " + subject + " " + String(repeating: ".", count: dots) + " [" + c(tag) + suffix + "]"
    }

    func handle(_ e: RunEvent) {
        switch e {
        case .started(let index, let total, let node, let description):
            lock.withLock { startedAt[node.uniqueId] = DbtEvent.timestamp(Date()) }
            let info = nodeInfo(node, status: "started")
            event(DbtEvent("NodeStart", "Q024", level: "debug", [("node_info", info)]), msg: "Began running node \(node.uniqueId)")
            // dbt prints no START line for an exposure or a saved query, only its NO-OP
            guard node.resourceType != .exposure && node.resourceType != .savedQuery else { return }
            line(dotted("\(index) of \(total) ", label: "START", color: nil, subject: description, tag: "RUN"),
                 event: DbtEvent("LogStartLine", "Q011", [("description", .string(description)), ("index", .int(index)),
                                                          ("node_info", info), ("total", .int(total))]))
        case .finished(let index, let total, let node, let description, let r):
            let timing = " in " + String(format: "%.2fs", r.executionTime)
            let name = node.resourceType == .unitTest ? node.unitTestSubject : node.name
            let (label, color, subject, tag, suffix): (String, String, String, String, String)
            switch r.status {
            case .success:
                // dbt's words: "loaded seed file …", "snapshotted main.x" (its LogSnapshotResult
                // names the relation alone), "created sql table model …"
                let words = node.resourceType == .seed ? "loaded " + description
                    : node.resourceType == .snapshot ? "snapshotted " + description.replacingOccurrences(of: "snapshot ", with: "", options: .anchored)
                    : "created " + description
                (label, color, subject, tag, suffix) = ("OK", "32", words, r.message ?? "OK", timing)
            case .pass: (label, color, subject, tag, suffix) = ("PASS", "32", name, "PASS", timing)
            case .warn:
                let n = "WARN \(r.failures ?? 0)"
                (label, color, subject, tag, suffix) = (n, "33", name, n, timing)
            case .fail:
                let n = "FAIL \(r.failures ?? 0)"
                (label, color, subject, tag, suffix) = (n, "31", name, n, timing)
            case .error:
                // dbt's: "ERROR loading seed file …", "ERROR snapshotting main.x", "ERROR creating …"
                let words = node.isAnyTest ? name
                    : node.resourceType == .seed ? "loading " + description
                    : node.resourceType == .snapshot ? "snapshotting " + description.replacingOccurrences(of: "snapshot ", with: "", options: .anchored)
                    : "creating " + description
                (label, color, subject, tag, suffix) = ("ERROR", "31", words, "ERROR", timing)
            case .noOp:
                (label, color, subject, tag, suffix) = ("NO-OP", "33", description, "NO-OP", timing)
            case .partialSuccess:
                // dbt's: "PARTIALLY created sql microbatch model … [PARTIAL SUCCESS (1/3) in 0.29s]"
                (label, color, subject, tag, suffix) = ("PARTIALLY", "33", "created " + description, r.message ?? "PARTIAL SUCCESS", timing)
            case .skipped:
                // dbt's SkippingDetails: a relation for what builds one, else the resource type
                let refable = [.model, .seed, .snapshot].contains(node.resourceType)
                let what = !refable ? node.resourceType.rawValue + " " + node.name
                    : "relation " + (description.split(separator: " ").last.map(String.init) ?? node.name)
                (label, color, subject, tag, suffix) = ("SKIP", "33", what, "SKIP", "")
            }
            let info = nodeInfo(node, status: r.status.rawValue, result: r)
            let level = r.isFailure ? "error" : r.status == .warn ? "warn" : "info"
            let common: [(String, JSON)] = [("execution_time", .double(r.executionTime)), ("index", .int(index)),
                                            ("node_info", info), ("status", .string(r.status.rawValue))]
            let result: DbtEvent
            switch (r.status, node.resourceType) {
            case (.skipped, _):
                result = DbtEvent("SkippingDetails", "Q034", [("index", .int(index)), ("node_info", info), ("node_name", .string(node.name)),
                                                             ("resource_type", .string(node.resourceType.rawValue)),
                                                             ("schema", .string(node.schema)), ("total", .int(total))])
            case (_, .test), (_, .unitTest):
                result = DbtEvent("LogTestResult", "Q007", level: level, common + [("name", .string(name)), ("num_failures", .int(r.failures ?? 0)),
                                                                                   ("num_models", .int(total))])
            case (_, .seed):
                result = DbtEvent("LogSeedResult", "Q016", level: level, common + [("relation", .string(node.alias)), ("result_message", .string(r.message ?? "")),
                                                                                   ("schema", .string(node.schema)), ("total", .int(total))])
            case (_, .snapshot):
                result = DbtEvent("LogSnapshotResult", "Q015", level: level, common + [("description", .string(description)),
                                                                                       ("result_message", .string(r.message ?? "")), ("total", .int(total))])
            default:
                result = DbtEvent("LogModelResult", "Q012", level: level, common + [("description", .string(description)), ("total", .int(total))])
            }
            // an error's or failure's line is error-level: --quiet shows it, as dbt's
            line(dotted("\(index) of \(total) ", label: label, color: color, subject: subject, tag: tag, suffix: suffix),
                 always: r.isFailure, event: result)
            event(DbtEvent("NodeFinished", "Q025", level: "debug", [("node_info", info), ("run_result", DbtEvent.runResult(r))]),
                  msg: "Finished running node \(node.uniqueId)", thread: r.threadId)
        case .hookStarted(let name, let index, let total):
            line(dotted("\(index) of \(total) ", label: "START", color: nil, subject: "hook: \(name)", tag: "RUN"),
                 event: DbtEvent("LogHookStartLine", "Q032", [("index", .int(index)), ("statement", .string(name)),
                                                              ("total", .int(total))]))
        case .hooksFinished:
            line("")
        case .hook(let name, let index, let total, let r):
            // dbt's LogHookEndLine: OK, SKIP (after a failed hook of its kind) or ERROR
            let label = r.isFailure ? "ERROR" : r.status == .skipped ? "SKIP" : "OK"
            line(dotted("\(index) of \(total) ", label: label, color: r.isFailure ? "31" : r.status == .skipped ? "33" : "32",
                        subject: "hook: \(name)", tag: label,
                        suffix: " in " + String(format: "%.2fs", r.executionTime)),
                 event: DbtEvent("LogHookEndLine", "Q033", level: r.isFailure ? "error" : "info",
                                 [("execution_time", .double(r.executionTime)), ("statement", .string(name)),
                                  ("status", .string(r.message ?? r.status.rawValue))]))
        case .message(let text, let isPrint):
            if isPrint && hidesPrint { return }
            // print() is Python's, as in dbt: the text alone on stdout
            line(text, always: isPrint, event: isPrint ? .print : .jinjaLog, plain: isPrint)
        case .macroWarning(let text):
            line(paint(text, "33"), event: DbtEvent("JinjaLogWarning", "I061", level: "warn", [("msg", .string(text))]))
        case .warning(let text):
            line("\(paint("warning:", "33")) \(text)", event: .note(level: "warn"))
        }
    }
}
