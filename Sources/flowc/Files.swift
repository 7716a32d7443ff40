// File writing for commands that write many files: plain POSIX writes, unchanged files left
// alone, directories created once.
import FlowcGraph
import FlowcProject
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Plain POSIX file writes: compile writes one file per node (tens of thousands on large
/// projects), and Foundation's Data.write costs a few hundred microseconds of kernel time each.
enum Files {
    /// Folders made or found so far, each with whether this process made it (then it held no
    /// files before this run).
    private static let createdDirectories = Mutex<[String: Bool]>([:])

    static func write(_ text: String, to path: String) throws {
        let dir = folder(of: path)
        var fresh = false
        if !dir.isEmpty {
            if let known = createdDirectories.withLock({ $0[dir] }) {
                fresh = known
            } else {
                fresh = try makeFolders(dir)
                createdDirectories.withLock { $0[dir] = fresh }
            }
        }
        // Unchanged files are left alone: rewriting one truncates it, and ext4 then flushes it
        // to disk on close, which made warm recompiles several times slower than cold ones. In
        // a folder this run made there is nothing to compare with (a cold compile: no stat).
        if !fresh && sameContents(path, text) { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw FileWriteError(path) }
        defer { close(fd) }
        var utf8 = text
        try utf8.withUTF8 { try StreamedFile.writeAll(fd, UnsafeRawBufferPointer($0), path: path) }
    }
}

extension Files {
    /// The path up to its last '/' ("" when it has none), found by byte: a Character search
    /// (grapheme breaking) over every compiled file's path was a visible share of writing them.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(ofASCII: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// `mkdir -p`, failing with the folder that could not be made and why in plain words;
    /// true when this call made the folder itself.
    @discardableResult
    static func makeFolders(_ path: String) throws -> Bool {
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { return false }
            throw FileWriteError(path: path, reason: "a file is in the way (a folder is needed there)")
        }
        if let slash = path.lastIndex(of: "/"), slash > path.startIndex {
            try makeFolders(String(path[..<slash]))
        }
        if mkdir(path, 0o755) == 0 { return true }
        if errno != EEXIST { throw FileWriteError(path) }
        return false
    }

    /// Writes many files (one per compiled node). Each folder's files are written by one thread,
    /// folders are shared out between threads: creating files in different folders scales with
    /// threads here (19,500 files: 0.46 s on one thread, 0.25 s on two, in C), while two threads
    /// in the same folder were no faster. The first error is thrown after every other file was
    /// attempted.
    static func writeAll(_ files: [(path: String, text: String)], threads: Int) throws {
        var byFolder: [String: [Int]] = [:]
        for (i, file) in files.enumerated() {
            byFolder[folder(of: file.path), default: []].append(i)
        }
        // largest folders first, each to the thread with the least so far
        let folders = byFolder.values.sorted { $0.count > $1.count }
        var shares = [[Int]](repeating: [], count: max(1, min(threads, folders.count)))
        for folder in folders {
            let least = shares.indices.min { shares[$0].count < shares[$1].count } ?? 0
            shares[least].append(contentsOf: folder)
        }
        let work = shares
        let failures = parallelSlices(count: work.count, threads: work.count, slices: work.count) { range -> [FileWriteError] in
            var failed: [FileWriteError] = []
            for share in range {
                for i in work[share] {
                    do {
                        try write(files[i].text, to: files[i].path)
                    } catch {
                        failed.append(error as? FileWriteError ?? FileWriteError(path: files[i].path, reason: "\(error)"))
                    }
                }
            }
            return failed
        }.joined()
        if let first = failures.first { throw first }
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
