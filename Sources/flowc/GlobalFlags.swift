// dbt takes its global flags before the subcommand too (`dbt --warn-error build`,
// `dbt --no-partial-parse --debug run -s x`), as CI scripts often write them. flowc's options
// belong to the subcommands, so flags that come first are moved after the subcommand's name.

enum GlobalFlags {
    /// Options that take a value, so the value is moved with its option.
    static let takingValue: Set<String> = [
        "--warn-error-options", "--log-format", "--log-path", "--log-level", "--log-level-file", "--log-format-file",
        "--printer-width", "--profiles-dir", "--project-dir", "--target-path", "--profile", "--target", "-t",
        "--vars", "--threads", "--state", "--record-timing-info", "-r", "--partial-parse-file-path",
    ]

    /// The commands whose options include `--log-format` and `--fail-fast` (RunFlags).
    static let runFlagCommands: Set<String> = ["run", "build", "test", "seed", "snapshot", "retry"]

    /// dbt takes `--log-format` and `--fail-fast` on every command, so CI scripts pass them to
    /// `run-operation` or `compile` too: for a flowc command without them they are taken out
    /// (with a note, as the command's output stays text) rather than refused.
    static func withoutRunOnlyFlags(_ arguments: [String], note: (String) -> Void) -> [String] {
        guard let command = arguments.first, !runFlagCommands.contains(command) else { return arguments }
        var out = [command]
        var dropped: [String] = []
        var i = 1
        while i < arguments.count {
            let a = arguments[i]
            if a == "--log-format" {
                dropped.append(a + (i + 1 < arguments.count ? " " + arguments[i + 1] : ""))
                i += 2
                continue
            }
            if a.hasPrefix("--log-format=") || a == "--fail-fast" {
                dropped.append(a)
                i += 1
                continue
            }
            out.append(a)
            if takingValue.contains(a), i + 1 < arguments.count { out.append(arguments[i + 1]); i += 1 }
            i += 1
        }
        if !dropped.isEmpty {
            note("note: `flowc \(command)` ignores \(dropped.joined(separator: ", ")) (flowc's --log-format and --fail-fast "
                 + "apply to run, build, test, seed, snapshot and retry)")
        }
        return out
    }

    /// `arguments` (without the program's name) with the options before the first subcommand
    /// name moved right after it; unchanged when nothing precedes the subcommand, when no
    /// subcommand is named, or when a leading word is not an option (a usage error to report).
    static func reordered(_ arguments: [String], subcommands: Set<String>) -> [String] {
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if subcommands.contains(a) {
                guard i > 0 else { return arguments }
                return [a] + arguments[..<i] + arguments[(i + 1)...]
            }
            guard a.hasPrefix("-"), a != "--help", a != "-h", a != "--version" else { return arguments }
            i += takingValue.contains(a) ? 2 : 1
        }
        return arguments
    }
}
