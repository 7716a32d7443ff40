// What flowc prints: diagnostics like a compiler's (`file:line:col: error: …`, the line, a
// caret, a hint), colour only on a terminal, and plain progress lines.
import FlowcCompile
import FlowcProject
import Foundation

enum Output {
    static let isTerminal = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    static func plain(_ line: String) {
        write(line + "\n", to: .standardOutput)
    }

    /// Every line flowc prints or logs goes through here: secret values are masked.
    static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(SecretEnv.scrub(text).utf8))
    }

    /// What renders said with `log(msg, info=True)` and `print(msg)`, node by node in id order,
    /// as dbt's compile shows them; `--quiet` keeps the prints only.
    /// `exceptions.warn(msg)` prints a warning, or with `warnError` an error; returns whether
    /// any warning became an error (the command then fails, as a node's error fails dbt's).
    @discardableResult
    static func renderMessages(_ messages: [String: [CompileMessage]], quiet: Bool, warnError: Bool = false) -> Bool {
        var promoted = false
        for id in messages.keys.sorted() {
            for m in messages[id] ?? [] {
                if m.isWarning {
                    if warnError {
                        error(m.text)
                        promoted = true
                    } else {
                        stderr((isTerminal ? "\u{1B}[1;33mwarning:\u{1B}[0m " : "warning: ") + m.text)
                    }
                } else if m.isPrint || !quiet {
                    plain(m.text)
                }
            }
        }
        return promoted
    }

    static func stderr(_ text: String) {
        write(text + "\n", to: .standardError)
    }

    static func error(_ message: String, hint: String? = nil) {
        var text = (isTerminal ? "\u{1B}[1;31merror:\u{1B}[0m " : "error: ") + message
        if let hint { text += "\nhint: \(hint)" }
        stderr(text)
    }

    /// Prints diagnostics, errors first; fills in the source line from the file when missing.
    static func diagnostics(_ list: [Diagnostic], root: String, errorsOnly: Bool) {
        let sorted = list.filter(\.isError) + list.filter { !$0.isError }
        // each file read and split once: thousands of findings in one file were quadratic
        var filesLines: [String: [Substring]] = [:]
        for var d in sorted {
            if errorsOnly && !d.isError { continue }
            if d.sourceLine == nil, let span = d.span {
                let lines: [Substring]
                if let known = filesLines[span.file] {
                    lines = known
                } else {
                    let text = (try? String(contentsOfFile: root + "/" + span.file, encoding: .utf8)) ?? ""
                    lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                    filesLines[span.file] = lines
                }
                if span.line >= 1 && span.line <= lines.count { d.sourceLine = String(lines[span.line - 1]) }
            }
            var text = d.description
            if isTerminal {
                text = text.replacingOccurrences(of: "error:", with: "\u{1B}[1;31merror:\u{1B}[0m")
                    .replacingOccurrences(of: "warning:", with: "\u{1B}[1;33mwarning:\u{1B}[0m")
            }
            stderr(text)
        }
    }
}
