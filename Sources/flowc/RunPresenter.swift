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
    let color: Bool
    private let lock = NSLock()
    private var log: FileHandle?

    init(format: Format, quiet: Bool, logPath: String?) {
        self.format = format
        self.quiet = quiet
        color = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        if let logPath {
            let dir = (logPath as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: logPath) { FileManager.default.createFile(atPath: logPath, contents: nil) }
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
        let stamped = text.isEmpty ? "" : text.split(separator: "\n", omittingEmptySubsequences: false)
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

    /// `left ....... [right]` padded to 80 columns as dbt does.
    func dotted(_ left: String, _ right: String) -> String {
        let width = 80
        let dots = max(3, width - left.count - 2)
        return left + " " + String(repeating: ".", count: dots) + " [" + right + "]"
    }

    func handle(_ e: RunEvent) {
        switch e {
        case .started(let index, let total, let node, let description):
            line(dotted("\(index) of \(total) START \(description)", "RUN"))
            event("node_start", [("node", .string(node.uniqueId)), ("index", .int(index)), ("total", .int(total))])
        case .finished(let index, let total, let node, let description, let r):
            let t = String(format: "%.2fs", r.executionTime)
            let (word, tag): (String, String)
            switch r.status {
            case .success:
                let verb = node.resourceType == .seed ? "loaded" : "created"
                word = "\(paint("OK", "32")) \(verb) \(description)"
                tag = "\(paint(r.message ?? "OK", "32")) in \(t)"
            case .pass:
                word = "\(paint("PASS", "32")) \(node.name)"
                tag = "\(paint("PASS", "32")) in \(t)"
            case .warn:
                word = "\(paint("WARN \(r.failures ?? 0)", "33")) \(node.name)"
                tag = "\(paint("WARN \(r.failures ?? 0)", "33")) in \(t)"
            case .fail:
                word = "\(paint("FAIL \(r.failures ?? 0)", "31")) \(node.name)"
                tag = "\(paint("FAIL \(r.failures ?? 0)", "31")) in \(t)"
            case .error:
                word = "\(paint("ERROR", "31")) \(node.resourceType == .test ? node.name : "creating " + description)"
                tag = "\(paint("ERROR", "31")) in \(t)"
            case .skipped:
                word = "\(paint("SKIP", "33")) \(node.resourceType == .test ? "test " + node.name : "relation " + (description.split(separator: " ").last.map(String.init) ?? node.name))"
                tag = paint("SKIP", "33")
            }
            // the padding counts visible characters only
            let visible = word.replacingOccurrences(of: "\u{1B}[32m", with: "").replacingOccurrences(of: "\u{1B}[31m", with: "")
                .replacingOccurrences(of: "\u{1B}[33m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "")
            let left = "\(index) of \(total) \(word)"
            let dots = max(3, 80 - "\(index) of \(total) \(visible)".count - 2)
            line(left + " " + String(repeating: ".", count: dots) + " [" + tag + "]")
            var fields: [(String, JSON)] = [("node", .string(node.uniqueId)), ("status", .string(r.status.rawValue)),
                                            ("index", .int(index)), ("total", .int(total)),
                                            ("execution_time", .double(r.executionTime))]
            if let m = r.message { fields.append(("message", .string(m))) }
            if let f = r.failures { fields.append(("failures", .int(f))) }
            event("node_finished", fields)
        case .hook(let name, let r):
            line(dotted("\(r.isFailure ? paint("ERROR", "31") : paint("OK", "32")) hook: \(name)",
                        r.isFailure ? "ERROR" : (r.message ?? "OK")))
            event("hook_finished", [("hook", .string(name)), ("status", .string(r.status.rawValue)),
                                    ("message", r.message.map { .string($0) } ?? .null)])
        case .warning(let text):
            line("\(paint("warning:", "33")) \(text)")
            event("warning", [("message", .string(text))])
        }
    }
}
