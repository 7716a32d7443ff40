// File writing for commands that write many files: plain POSIX writes, unchanged files left
// alone, directories created once.
import FlowcGraph
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Plain POSIX file writes: compile writes one file per node (tens of thousands on large
/// projects), and Foundation's Data.write costs a few hundred microseconds of kernel time each.
enum Files {
    private static let createdDirectories = Mutex<Set<String>>([])

    static func write(_ text: String, to path: String) throws {
        let dir = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !dir.isEmpty && !createdDirectories.withLock({ $0.contains(dir) }) {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            createdDirectories.withLock { _ = $0.insert(dir) }
        }
        // Unchanged files are left alone: rewriting one truncates it, and ext4 then flushes it
        // to disk on close, which made warm recompiles several times slower than cold ones.
        if sameContents(path, text) { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw FileWriteError(path) }
        defer { close(fd) }
        var utf8 = text
        try utf8.withUTF8 { try StreamedFile.writeAll(fd, UnsafeRawBufferPointer($0), path: path) }
    }
}

extension Files {
    /// Writes many files (one per compiled node), one after another: file creation is bound by
    /// the file system, and two threads creating files in the same folders were no faster here.
    /// The first error is thrown after every other file was attempted.
    static func writeAll(_ files: [(path: String, text: String)]) throws {
        var first: Error?
        for file in files {
            do { try write(file.text, to: file.path) } catch { if first == nil { first = error } }
        }
        if let first { throw first }
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
