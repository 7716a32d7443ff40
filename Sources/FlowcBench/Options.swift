// Command-line options of `flowc-bench`, parsed by hand from CommandLine.arguments.

struct Options {
    var models = 2000
    var repeatCount = 3
    var corpusDirectory: String?
    var runPython = true

    static let usage = """
    usage: flowc-bench template [--models N] [--repeat K] [--write-corpus DIR] [--no-python]
           flowc-bench sql --project DIR [--dialect D] [--min-mb N] [--repeat K]  (sql --help)

      --models N          number of generated model templates (default 2000)
      --repeat K          parse passes, and parse+render runs of which the best counts (default 3)
      --write-corpus DIR  write the corpus to DIR (and run jinja2 there) instead of a temp dir
      --no-python         skip the jinja2 comparison
    """

    struct UsageError: Error, CustomStringConvertible {
        let description: String
        /// -h/--help: print the usage to stdout and succeed.
        var isHelp = false
    }

    /// Parses the arguments after the program name; the first must be the `template` command.
    static func parse(_ args: [String]) throws -> Options {
        guard let command = args.first else { throw UsageError(description: "missing command\n" + usage) }
        if command == "-h" || command == "--help" { throw UsageError(description: usage, isHelp: true) }
        guard command == "template" else { throw UsageError(description: "unknown command '\(command)'\n" + usage) }
        var options = Options()
        var i = 1
        func value(_ flag: String) throws -> String {
            i += 1
            guard i < args.count else { throw UsageError(description: "\(flag) needs a value") }
            return args[i]
        }
        func positive(_ flag: String) throws -> Int {
            let text = try value(flag)
            guard let n = Int(text), n > 0 else { throw UsageError(description: "\(flag) needs a positive number, not '\(text)'") }
            return n
        }
        while i < args.count {
            switch args[i] {
            case "--models": options.models = try positive("--models")
            case "--repeat": options.repeatCount = try positive("--repeat")
            case "--write-corpus": options.corpusDirectory = try value("--write-corpus")
            case "--no-python": options.runPython = false
            case "-h", "--help": throw UsageError(description: usage, isHelp: true)
            default: throw UsageError(description: "unknown option '\(args[i])'\n" + usage)
            }
            i += 1
        }
        return options
    }
}
