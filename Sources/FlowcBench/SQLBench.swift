// `flowc-bench sql`: SQL parse throughput (MB/s) and column-lineage throughput (queries/s) over
// real compiled model SQL, e.g. a generated project's target/compiled. The lineage catalog is
// built the way compile builds it: seed CSV headers, then each model's output columns in
// dependency order (a model is added once every model it reads is known).

import FlowcLineage
import FlowcSQLParser
import Glibc

struct SQLBenchOptions {
    var project = ""
    var syntax = SQLSyntax.sqlite
    var minMegabytes = 8
    var repeatCount = 5

    static let usage = """
    usage: flowc-bench sql --project DIR [--dialect sqlite|postgres] [--min-mb N] [--repeat K]

      --project DIR   a compiled project: reads DIR/target/compiled/**/*.sql (models and tests)
                      and DIR/seeds/*.csv headers (DIR itself when it has no target/compiled)
      --dialect D     SQL syntax to parse with (default sqlite)
      --min-mb N      repeat the files until the parse corpus holds N MB (default 8)
      --repeat K      timed passes of each measurement; the best counts (default 5)
    """

    static func parse(_ args: [String]) throws -> SQLBenchOptions {
        var o = SQLBenchOptions()
        var i = 1
        func value(_ flag: String) throws -> String {
            i += 1
            guard i < args.count else { throw Options.UsageError(description: "\(flag) needs a value") }
            return args[i]
        }
        func positive(_ flag: String) throws -> Int {
            let text = try value(flag)
            guard let n = Int(text), n > 0 else {
                throw Options.UsageError(description: "\(flag) needs a positive number, not '\(text)'")
            }
            return n
        }
        while i < args.count {
            switch args[i] {
            case "--project": o.project = try value("--project")
            case "--dialect":
                let name = try value("--dialect")
                guard let s = SQLSyntax.named(name) else {
                    throw Options.UsageError(description: "unknown dialect '\(name)' (sqlite or postgres)")
                }
                o.syntax = s
            case "--min-mb": o.minMegabytes = try positive("--min-mb")
            case "--repeat": o.repeatCount = try positive("--repeat")
            case "-h", "--help": throw Options.UsageError(description: usage, isHelp: true)
            default: throw Options.UsageError(description: "unknown option '\(args[i])'\n" + usage)
            }
            i += 1
        }
        if o.project.isEmpty { throw Options.UsageError(description: "--project DIR is required\n" + usage) }
        return o
    }
}

enum SQLBench {
    struct SQLFile {
        var path: String
        var text: String
        var isModel: Bool
        /// The relation name other models use for it (the file name without `.sql`).
        var name: String
    }

    static func run(_ o: SQLBenchOptions) throws {
        let compiled = o.project + "/target/compiled"
        let root = FileIO.exists(compiled) ? compiled : o.project
        let files = try listFiles(root, suffix: ".sql").sorted().map { path -> SQLFile in
            let base = String(path.split(separator: "/").last ?? "")
            // Tests live under a schema file's folder (`_models.yml/…`) or tests/.
            let parent = path.split(separator: "/").dropLast().last ?? ""
            let isTest = parent.hasSuffix(".yml") || path.contains("/tests/")
            return SQLFile(path: path, text: FileIO.read(path) ?? "", isModel: !isTest, name: String(base.dropLast(4)))
        }
        guard !files.isEmpty else { throw FileError(description: "no .sql files under \(root)") }
        let fileBytes = files.reduce(0) { $0 + $1.text.utf8.count }
        BenchMain.progress("\(files.count) SQL files (\(files.filter(\.isModel).count) models), \(Measure.megabytes(fileBytes)) under \(root)")

        // Parse throughput: the files repeated to at least --min-mb, parsed in order.
        var corpus: [String] = []
        var corpusBytes = 0
        while corpusBytes < o.minMegabytes * 1_000_000 {
            for f in files {
                corpus.append(f.text)
                corpusBytes += f.text.utf8.count
            }
        }
        BenchMain.progress("parsing \(Measure.megabytes(corpusBytes)) (\(corpus.count) queries) \(o.repeatCount)x")
        var parseBest = Double.infinity
        var failures: [String] = []
        for pass in 0..<o.repeatCount {
            var failed = 0
            let (_, seconds) = Measure.time {
                for text in corpus {
                    do {
                        _ = try SQLParser.parse(text, syntax: o.syntax)
                    } catch {
                        failed += 1
                    }
                }
            }
            parseBest = min(parseBest, seconds)
            if pass == 0 && failed > 0 {
                for f in files {
                    if case .failure(let e) = Result(catching: { () throws(SQLParseError) in try SQLParser.parse(f.text, syntax: o.syntax) }) {
                        failures.append("\(f.path): \(e.description)")
                    }
                }
            }
        }

        // Lineage throughput: every file parsed once, analyzed against the catalog.
        let parsed: [(SQLFile, SQLQuery, SQLSourceText)] = files.compactMap { f in
            guard let q = try? SQLParser.parse(f.text, syntax: o.syntax) else { return nil }
            return (f, q, SQLSourceText(f.text))
        }
        let catalog = buildCatalog(parsed, seeds: seedRelations(o.project), syntax: o.syntax)
        BenchMain.progress("lineage of \(parsed.count) queries against \(catalog.relations.count) known relations \(o.repeatCount)x")
        var lineageBest = Double.infinity
        var complete = 0, findings: [String] = []
        for pass in 0..<o.repeatCount {
            var results: [QueryLineage] = []
            results.reserveCapacity(parsed.count)
            let (_, seconds) = Measure.time {
                for (_, q, text) in parsed {
                    results.append(ColumnLineage.analyze(q, text: text, syntax: o.syntax, catalog: catalog))
                }
            }
            lineageBest = min(lineageBest, seconds)
            if pass == 0 {
                complete = results.filter(\.complete).count
                for (r, (f, _, text)) in zip(results, parsed) {
                    for d in r.diagnostics {
                        let (line, column) = text.location(of: d.span.start)
                        findings.append("\(f.path):\(line):\(column): \(d.message)")
                    }
                }
            }
        }

        let mbPerSecond = Double(corpusBytes) / parseBest / 1e6
        var lines = [""]
        lines.append("corpus: \(files.count) files, \(Measure.megabytes(fileBytes)); parse corpus \(Measure.megabytes(corpusBytes)) (\(corpus.count) queries); dialect \(o.syntax.name); best of \(o.repeatCount)")
        lines.append("")
        lines.append(Report.row("parse", [Measure.fixed(mbPerSecond, 1) + " MB/s",
                                         Measure.fixed(Double(corpus.count) / parseBest, 0) + " queries/s",
                                         Measure.fixed(parseBest, 3) + " s"]))
        lines.append(Report.row("lineage (parsed queries)", [Measure.fixed(Double(parsed.count) / lineageBest, 0) + " queries/s",
                                                           Measure.fixed(lineageBest * 1000, 1) + " ms for \(parsed.count)"]))
        lines.append(Report.pad("parse failures", 28) + "\(files.count - parsed.count)/\(files.count)")
        lines.append(Report.pad("complete lineage", 28) + "\(complete)/\(parsed.count)")
        lines.append(Report.pad("check findings", 28) + "\(findings.count)")
        lines.append(Report.pad("peak RSS (flowc-bench)", 28) + (Measure.peakRSS().map(Measure.megabytes) ?? "unknown"))
        for f in failures.prefix(5) { lines.append("parse failure: " + f) }
        for f in findings.prefix(5) { lines.append("finding: " + f) }
        print(lines.joined(separator: "\n"))
    }

    /// `main.<seed>` relations from the header line of DIR/seeds/*.csv.
    static func seedRelations(_ project: String) -> [String: LineageRelation] {
        var out: [String: LineageRelation] = [:]
        for path in (try? listFiles(project + "/seeds", suffix: ".csv")) ?? [] {
            guard let text = FileIO.read(path), let header = text.split(separator: "\n").first else { continue }
            let name = String((path.split(separator: "/").last ?? "").dropLast(4))
            let columns = header.split(separator: ",").map { String($0).trimmingCharacters() }
            out["main.\(name)"] = LineageRelation(id: "main.\(name)", columns: columns)
        }
        return out
    }

    /// Adds models to the catalog in dependency order: in each round, a model whose every
    /// model input is known gets its output columns (or unknown columns if its lineage is
    /// incomplete); rounds repeat until nothing changes.
    static func buildCatalog(_ parsed: [(SQLFile, SQLQuery, SQLSourceText)], seeds: [String: LineageRelation],
                             syntax: SQLSyntax) -> DictionaryCatalog {
        var known = seeds
        let modelIds = Set(parsed.filter { $0.0.isModel }.map { "main.\($0.0.name.lowercased())" })
        var pending = parsed.filter { $0.0.isModel }
        while !pending.isEmpty {
            let catalog = DictionaryCatalog(known)
            var next: [(SQLFile, SQLQuery, SQLSourceText)] = []
            for item in pending {
                let lineage = ColumnLineage.analyze(item.1, text: item.2, syntax: syntax, catalog: catalog)
                if lineage.relations.allSatisfy({ known[$0] != nil || !modelIds.contains($0) }) {
                    let id = "main.\(item.0.name.lowercased())"
                    known[id] = LineageRelation(id: id, columns: lineage.complete ? lineage.columns.map(\.name) : nil)
                } else {
                    next.append(item)
                }
            }
            if next.count == pending.count { break }
            pending = next
        }
        return DictionaryCatalog(known)
    }

    /// Paths of the files under `root` (recursively) whose names end with `suffix`.
    static func listFiles(_ root: String, suffix: String) throws -> [String] {
        guard let dir = opendir(root) else { throw FileError(description: "cannot read directory \(root)") }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let path = root + "/" + name
            var st = stat()
            guard stat(path, &st) == 0 else { continue }
            if st.st_mode & S_IFMT == S_IFDIR {
                out += try listFiles(path, suffix: suffix)
            } else if name.hasSuffix(suffix) {
                out.append(path)
            }
        }
        return out
    }
}

extension String {
    /// Without surrounding spaces, tabs, carriage returns and double quotes (CSV headers).
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\"" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\"" { s = s.dropLast() }
        return String(s)
    }
}
