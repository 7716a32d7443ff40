// The few file-system operations the loaders need, on POSIX calls directly (no Foundation
// bridging on the hot path of reading thousands of model files): is this a file or a
// directory, list a directory, read a file as UTF-8 text. Paths under a mounted VirtualTree
// (a git revision in memory) are served from memory instead.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public enum FileSystem {
    public enum EntryType: Sendable {
        case file, directory, other
    }

    /// What is at `path`, following symbolic links; nil when nothing is.
    static func type(of path: String) -> EntryType? {
        switch VirtualMounts.resolve(path) {
        case .entry(.file, _)?: return .file
        case .entry(.directory, _)?: return .directory
        case .disk(let disk)?: return type(of: disk)
        case .missing?: return nil
        case nil: break
        }
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        default: return .other
        }
    }

    static func isFile(_ path: String) -> Bool { type(of: path) == .file }
    public static func isDirectory(_ path: String) -> Bool { type(of: path) == .directory }

    /// The device and inode of a directory, to avoid walking a symlinked loop twice.
    static func identity(of path: String) -> [UInt64]? {
        switch VirtualMounts.resolve(path) {
        case .entry(_, let id)?: return id
        case .disk(let disk)?: return identity(of: disk)
        case .missing?: return nil
        case nil: break
        }
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return [UInt64(truncatingIfNeeded: st.st_dev), UInt64(truncatingIfNeeded: st.st_ino)]
    }

    /// Names in a directory (without "." and ".."), each with its type (links followed), sorted
    /// bytewise.
    static func list(_ directory: String) -> [(name: String, type: EntryType)] {
        switch VirtualMounts.resolve(directory) {
        case .entry(.directory(let entries), _)?: return entries
        case .disk(let disk)?: return list(disk)
        case .entry(.file, _)?, .missing?: return []
        case nil: break
        }
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var out: [(name: String, type: EntryType)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.prefix { $0 != 0 }
                return String(decoding: bytes, as: UTF8.self)
            }
            if name == "." || name == ".." || name.isEmpty { continue }
            let type: EntryType
            switch Int32(entry.pointee.d_type) {
            case 4: type = .directory            // DT_DIR
            case 8: type = .file                 // DT_REG
            default:                             // DT_LNK, DT_UNKNOWN, …: ask stat (follows links)
                guard let t = FileSystem.type(of: directory + "/" + name) else { continue }
                type = t
            }
            out.append((name: name, type: type))
        }
        out.sort { utf8Precedes($0.name, $1.name) }
        return out
    }

    /// The file's contents as text (invalid UTF-8 repaired with U+FFFD), or nil when unreadable.
    /// Public so later stages read project files (seed headers) through the same seam, which
    /// serves a git revision from memory.
    public static func read(_ path: String) -> String? {
        switch VirtualMounts.resolve(path) {
        case .entry(.file(let bytes), _)?: return String(decoding: bytes, as: UTF8.self)
        case .disk(let disk)?: return read(disk)
        case .entry(.directory, _)?, .missing?: return nil
        case nil: break
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        let size = Int(st.st_size)
        var failed = false
        if size > 0 {
            let text = String(unsafeUninitializedCapacity: size) { buffer in
                var total = 0
                while total < size, let base = buffer.baseAddress {
                    let n = systemRead(fd, base + total, size - total)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failed = true
                        break
                    }
                    if n == 0 { break }
                    total += n
                }
                return total
            }
            return failed ? nil : text
        }
        // Size unknown (a pipe or a special file): read in chunks.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return systemRead(fd, base, buffer.count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk.prefix(n))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The current directory, for making a relative root absolute.
    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let ok = buffer.withUnsafeMutableBufferPointer { getcwd($0.baseAddress, $0.count) != nil }
        guard ok else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Replaces the file at `path` with `text` in one step (written beside it, then renamed
    /// over it), so a reader never sees half of it. Foundation's `.atomic` writes are not used:
    /// on Linux each leaves an empty TemporaryDirectory.* behind in /tmp. Returns the error
    /// (strerror) when it cannot.
    public static func replace(_ path: String, with text: String) -> String? {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var utf8 = text
        let written = utf8.withUTF8 { writeAll(fd, UnsafeRawBufferPointer($0)) }
        let failure = written ? nil : String(cString: strerror(errno))
        close(fd)
        if let failure {
            unlink(temporary)
            return failure
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return reason
        }
        return nil
    }

    /// Writes all of `bytes` to `fd` (write(2) may take less than it is given); false, with
    /// errno set, when a write fails.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if n < 0 { return false }
            offset += n
        }
        return true
    }

    /// The path with every link on the way followed (realpath of the longest part that exists,
    /// the rest appended): where deleting under it would really delete.
    public static func resolvingLinks(_ path: String) -> String? {
        var existing = absolute(path)
        var rest = ""
        while type(of: existing) == nil, existing != "/" {
            let cut = existing.lastIndex(of: "/") ?? existing.startIndex
            rest = String(existing[cut...]) + rest
            existing = cut == existing.startIndex ? "/" : String(existing[..<cut])
        }
        guard let pointer = realpath(existing, nil) else { return nil }  // cannot tell where it leads
        defer { free(pointer) }
        return String(cString: pointer) + rest
    }

    /// Whether `path` is strictly inside `root`, both as written and with links followed.
    public static func isInside(_ path: String, root: String) -> Bool {
        let (p, r) = (absolute(path), absolute(root))
        guard let resolved = resolvingLinks(p), let resolvedRoot = resolvingLinks(r) else { return false }
        let prefix = resolvedRoot == "/" ? "/" : resolvedRoot + "/"
        return p.hasPrefix(r == "/" ? "/" : r + "/") && resolved.hasPrefix(prefix) && resolved != resolvedRoot
    }

    /// `root` made absolute and normalised ("." and ".." resolved textually, no trailing "/").
    public static func absolute(_ path: String) -> String {
        let base = path.hasPrefix("/") ? path : currentDirectory() + "/" + path
        var parts: [Substring] = []
        for part in base.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The home directory from $HOME (or the password database), nil when unknown.
    static func homeDirectory(environment: [String: String]) -> String? {
        if let home = environment["HOME"], !home.isEmpty { return home }
        guard let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir else { return nil }
        return String(cString: dir)
    }
}

/// The C library's `read` (the name `read` is taken by `FileSystem.read` inside the enum).
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.read(fd, buffer, count)
    #else
    return Darwin.read(fd, buffer, count)
    #endif
}
