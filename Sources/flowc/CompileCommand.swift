// `flowc compile`: renders the selected nodes to target/compiled/<project>/… and writes the
// manifest; `--inline "<sql>"` compiles one snippet against the project and prints it.
import ArgumentParser
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcTemplate
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile", abstract: "Compile the selected nodes to SQL in target/compiled.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions

    @Option(help: "Compile this SQL (with Jinja) against the project and print it.")
    var inline: String?

    func run() throws {
        let clock = ContinuousClock.now
        let inv = try Invocation.load(project)
        if let inline {
            print(try compileInline(inline, inv))
            return
        }
        // seeds have no SQL to compile; dbt writes no compiled file for them
        let ids = try inv.selected(selection, resourceTypes: ["model", "test", "snapshot", "analysis"])
            .filter { inv.build.manifest.nodes[$0] != nil }
        let result = Compiler.compile(inv.build, nodes: ids, threads: inv.threads)
        if !result.diagnostics.isEmpty {
            Output.diagnostics(result.diagnostics, root: inv.project.root, errorsOnly: false)
        }
        var written = 0
        for node in result.nodes.values {
            let path = inv.path(node.compiledPath)
            try Files.write(node.sql, to: path)
            written += 1
        }
        let lineage = try LineageStage.compute(inv, compiled: result.nodes, report: Set(ids))
        try Artifacts.writeManifest(inv, compiled: result.nodes, lineage: lineage.lineage)
        if !project.quiet {
            Output.plain(Summary.found(inv.build.manifest))
            Output.plain("Traced " + lineage.timing)
            Output.plain("Compiled \(written) node\(written == 1 ? "" : "s") in \(Summary.seconds(clock))")
        }
        if !result.diagnostics.filter(\.isError).isEmpty { throw ExitCode(1) }
        try lineage.failIfErrors(inv)
    }

    func compileInline(_ sql: String, _ inv: Invocation) throws -> String {
        var inv = inv
        let id = try inv.addInlineNode(sql)
        let result = Compiler.compile(inv.build, nodes: [id], threads: 1)
        if let d = result.diagnostics.first {
            Output.diagnostics([d], root: inv.project.root, errorsOnly: false)
            throw ExitCode(1)
        }
        return result.nodes[id]?.sql ?? ""
    }
}

/// Plain POSIX file writes: compile writes one file per node (tens of thousands on large
/// projects), and Foundation's Data.write costs a few hundred microseconds of kernel time each.
enum Files {
    // Only the command's main thread writes files, so this cache needs no lock.
    nonisolated(unsafe) private static var createdDirectories: Set<String> = []

    static func write(_ text: String, to path: String) throws {
        let dir = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !dir.isEmpty && !createdDirectories.contains(dir) {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            createdDirectories.insert(dir)
        }
        // Unchanged files are left alone: rewriting one truncates it, and ext4 then flushes it
        // to disk on close, which made warm recompiles several times slower than cold ones.
        if sameContents(path, text) { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw FileError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var utf8 = text
        try utf8.withUTF8 { buf in
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(fd, buf.baseAddress.map { $0 + offset }, buf.count - offset)
                if n < 0 { throw FileError(path: path, reason: String(cString: strerror(errno))) }
                offset += n
            }
        }
    }
}

/// Whether the file at `path` already holds exactly `text`.
private func sameContents(_ path: String, _ text: String) -> Bool {
    var info = stat()
    var copy = text
    let length = copy.withUTF8 { $0.count }
    guard stat(path, &info) == 0, Int(info.st_size) == length else { return false }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var existing = [UInt8](repeating: 0, count: length)
    let n = existing.withUnsafeMutableBytes { read(fd, $0.baseAddress, length) }
    guard n == length else { return false }
    return copy.withUTF8 { buf in existing.elementsEqual(buf) }
}

struct FileError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot write \(path): \(reason)" }
}
