// Writing artifact files with plain POSIX calls: a file streamed in pieces to a temporary name
// and renamed over the old one (readers never see half a manifest, and the whole text is never
// in memory), and the write(2) loop every file write goes through.
import FlowcProject
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public struct FileWriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }

    /// The failure the last system call reported (errno).
    public init(_ path: String) {
        self.path = path
        reason = String(cString: strerror(errno))
    }

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

public enum StreamedFile {
    /// Writes `path` from the pieces `body` hands to its `emit`, creating parent directories.
    public static func write(to path: String, _ body: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
        let dir = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw FileWriteError(temporary) }
        do {
            try body { bytes in try bytes.withUnsafeBytes { try writeAll(fd, $0, path: temporary) } }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw FileWriteError(path) }
    }

    /// Writes all of `bytes` to `fd` (write(2) may take less than it is given).
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        if !FileSystem.writeAll(fd, bytes) { throw FileWriteError(path) }
    }
}
