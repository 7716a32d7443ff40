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
    private let lock = NSLock()
    private var log: FileHandle?

    init(format: Format, quiet: Bool, hidesPrint: Bool = false, logPath: String?) {
        self.format = format
        self.quiet = quiet
        self.hidesPrint = hidesPrint
        color = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
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
    func line(_ text: String, always: Bool = false, stderr: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        let now = Self.clock()
        // "\r\n" (a unit test's diff table) is one Character to Swift: split it as a line end too
        let lines = text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        let stamped = lines.isEmpty ? "" : lines.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "\(now)  \($0)" }.joined(separator: "\n")
        log?.write(Data((stamped + "\n").utf8))
        guard format == .text, !quiet || always else { return }
        let out = stderr ? FileHandle.standardError : FileHandle.standardOutput
        out.write(Data((stamped + "\n").utf8))
    }

    /// One JSON event (only with --log-format json).
    func event(_ name: String, _ fields: [(String, JSON)]) {
        guard format == .json else { return }
        let object = JSONObject([("ts", .string(ISO8601DateFormatter.flowc.string(from: Date()))), ("event", .string(name))] + fields)
        let text = JSONWriter.string(.object(object))
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    /// `<prefix><LABEL> <subject> ....... [<TAG><suffix>]`, the part before ` [` dotted to 80 columns as dbt
    /// does; only the label and the tag are coloured, so the padding counts plain text.
    func dotted(_ prefix: String, label: String, color: String?, subject: String, tag: String,
                suffix: String = "") -> String {
        let dots = max(3, 80 - (prefix + label + " " + subject).count - 1)
        func c(_ text: String) -> String { color.map { paint(text, $0) } ?? text }
        return prefix + c(label) + " " + subject + " " + String(repeating: ".", count: dots) + " [" + c(tag) + suffix + "]"
    }

    func handle(_ e: RunEvent) {
        switch e {
        case .started(let index, let total, let node, let description):
            line(dotted("\(index) of \(total) ", label: "START", color: nil, subject: description, tag: "RUN"))
            event("node_start", [("node", .string(node.uniqueId)), ("index", .int(index)), ("total", .int(total))])
        case .finished(let index, let total, let node, let description, let r):
            let timing = " in " + String(format: "%.2fs", r.executionTime)
            let name = node.resourceType == .unitTest ? node.unitTestSubject : node.name
            let (label, color, subject, tag, suffix): (String, String, String, String, String)
            switch r.status {
            case .success:
                (label, color, subject, tag, suffix) = ("OK", "32", (node.resourceType == .seed ? "loaded " : "created ") + description,
                                                        r.message ?? "OK", timing)
            case .pass: (label, color, subject, tag, suffix) = ("PASS", "32", name, "PASS", timing)
            case .warn:
                let n = "WARN \(r.failures ?? 0)"
                (label, color, subject, tag, suffix) = (n, "33", name, n, timing)
            case .fail:
                let n = "FAIL \(r.failures ?? 0)"
                (label, color, subject, tag, suffix) = (n, "31", name, n, timing)
            case .error:
                (label, color, subject, tag, suffix) = ("ERROR", "31", node.isAnyTest ? name : "creating " + description,
                                                        "ERROR", timing)
            case .partialSuccess:
                (label, color, subject, tag, suffix) = ("PARTIAL SUCCESS", "33", "for " + description, "PARTIAL SUCCESS", timing)
            case .skipped:
                let what = node.resourceType == .test ? "test " + node.name
                    : node.resourceType == .unitTest ? "unit_test " + node.name
                    : "relation " + (description.split(separator: " ").last.map(String.init) ?? node.name)
                (label, color, subject, tag, suffix) = ("SKIP", "33", what, "SKIP", "")
            }
            line(dotted("\(index) of \(total) ", label: label, color: color, subject: subject, tag: tag, suffix: suffix))
            var fields: [(String, JSON)] = [("node", .string(node.uniqueId)), ("status", .string(r.status.rawValue)),
                                            ("index", .int(index)), ("total", .int(total)),
                                            ("execution_time", .double(r.executionTime))]
            if let m = r.message { fields.append(("message", .string(m))) }
            if let f = r.failures { fields.append(("failures", .int(f))) }
            event("node_finished", fields)
        case .hook(let name, let r):
            line(dotted("", label: r.isFailure ? "ERROR" : "OK", color: r.isFailure ? "31" : "32", subject: "hook: \(name)",
                        tag: r.isFailure ? "ERROR" : (r.message ?? "OK")))
            event("hook_finished", [("hook", .string(name)), ("status", .string(r.status.rawValue)),
                                    ("message", r.message.map { .string($0) } ?? .null)])
        case .message(let text, let isPrint):
            if isPrint && hidesPrint { return }
            line(text, always: isPrint)
            event("log", [("message", .string(text))])
        case .warning(let text):
            line("\(paint("warning:", "33")) \(text)")
            event("warning", [("message", .string(text))])
        }
    }
}
