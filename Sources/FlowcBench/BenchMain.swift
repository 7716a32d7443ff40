// Entry point of `flowc-bench`: `flowc-bench template …` generates the dbt-like corpus,
// measures flowc's template engine on it, and compares speed and output with Python's jinja2;
// `flowc-bench sql …` measures the SQL parser and column lineage (SQLBench.swift).

import FlowcTemplate
import Glibc

@main
struct BenchMain {
    static func main() {
        do {
            let args = Array(CommandLine.arguments.dropFirst())
            if args.first == "sql" {
                try SQLBench.run(try SQLBenchOptions.parse(args))
                return
            }
            try run(try Options.parse(args))
        } catch let e as Options.UsageError where e.isHelp {
            print(e.description)
        } catch let e as Options.UsageError {
            printError(e.description)
            exit(2)
        } catch {
            printError("flowc-bench: \(error)")
            exit(1)
        }
    }

    static func printError(_ text: String) {
        let line = text + "\n"
        _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    }

    static func progress(_ text: String) {
        print("· " + text)
        fflush(nil)
    }

    static func run(_ options: Options) throws {
        progress("generating \(options.models) models")
        let corpus = Corpus.generate(models: options.models)

        var directory = options.corpusDirectory
        var temporary: String?
        var skipped: String?
        var script: String?
        if !options.runPython {
            skipped = "--no-python"
        } else if !Jinja2Run.available() {
            skipped = "python3 cannot import jinja2"
        } else if let path = Jinja2Run.scriptPath() {
            script = path
        } else {
            skipped = "scripts/bench_jinja2.py not found; run from the repository root"
        }
        if directory == nil && script != nil {
            temporary = try FileIO.temporaryDirectory()
            directory = temporary
        }
        if let directory {
            try corpus.write(to: directory)
            progress("corpus written to \(directory)")
        }

        progress("flowc: parsing \(options.repeatCount)x, then \(options.repeatCount) parse+render runs")
        let flowc = try FlowcRun.run(corpus, repeatCount: options.repeatCount)

        var jinja2: Jinja2Result?
        var comparison: OutputComparison?
        if let script, let directory {
            progress("jinja2: the same workload via \(script) (slow: minutes at the default size)")
            jinja2 = try Jinja2Run.run(script: script, directory: directory, repeatCount: options.repeatCount)
            comparison = Jinja2Run.compare(corpus, flowc: flowc.outputs, directory: directory)
        }
        Report.print(corpus: corpus, options: options, flowc: flowc, jinja2: jinja2,
                     comparison: comparison, skipped: skipped)
        if let temporary {
            _ = system("rm -rf \(FileIO.shellQuote(temporary))")
        }
    }
}
