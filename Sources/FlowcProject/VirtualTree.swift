// A project directory held in memory (a git revision's files), mounted under a path that exists
// nowhere on disk so the loaders' few file operations (FileSystem.swift) serve it unchanged:
// reading a revision costs no file writes. Names listed in `links` (installed packages, which
// are not committed) resolve to a directory on disk instead.
//
// Mounts are process-wide, guarded by a mutex, and meant to live for one load: mount, load
// from the returned root, unmount.
import Synchronization

public final class VirtualTree: Sendable {
    public enum Entry: Sendable {
        case file([UInt8])
        case directory([(name: String, type: FileSystem.EntryType)])
    }

    /// Relative path ("models/orders.sql"; "" is the root) → entry.
    let entries: [String: Entry]
    /// Top-level name → a directory on disk it stands for.
    let links: [String: String]

    /// `files`: relative path → contents. Directories are derived from the paths.
    public init(files: [String: [UInt8]], links: [String: String] = [:]) {
        var dirs: [String: [String: FileSystem.EntryType]] = ["": [:]]
        for path in files.keys {
            var parent = ""
            let parts = path.split(separator: "/").map(String.init)
            for (i, part) in parts.enumerated() {
                let isLast = i == parts.count - 1
                dirs[parent, default: [:]][part] = isLast ? .file : .directory
                if !isLast { parent = parent.isEmpty ? part : parent + "/" + part }
            }
        }
        for name in links.keys { dirs["", default: [:]][name] = .directory }
        var entries: [String: Entry] = [:]
        for (path, bytes) in files { entries[path] = .file(bytes) }
        for (dir, children) in dirs {
            let list = children.map { (name: $0.key, type: $0.value) }
                .sorted { utf8Precedes($0.name, $1.name) }
            entries[dir] = .directory(list)
        }
        self.entries = entries
        self.links = links
    }

    /// Mounts the tree; returns the root path to load from.
    public func mount() -> String {
        VirtualMounts.mount(self)
    }

    public static func unmount(_ root: String) {
        VirtualMounts.unmount(root)
    }
}

enum VirtualMounts {
    static let prefix = "/.flowc-virtual/"
    private static let table = Mutex<(next: Int, trees: [String: VirtualTree])>((0, [:]))

    static func mount(_ tree: VirtualTree) -> String {
        table.withLock { t in
            t.next += 1
            let root = prefix + String(t.next)
            t.trees[root] = tree
            return root
        }
    }

    static func unmount(_ root: String) {
        _ = table.withLock { $0.trees.removeValue(forKey: root) }
    }

    enum Resolution {
        case entry(VirtualTree.Entry, id: [UInt64])
        case disk(String)
        case missing
    }

    /// nil: not a virtual path (ask the disk).
    static func resolve(_ path: String) -> Resolution? {
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        let mountName = rest.prefix { $0 != "/" }
        let root = prefix + mountName
        guard let tree = table.withLock({ $0.trees[root] }) else { return .missing }
        var relative = String(rest.dropFirst(mountName.count))
        while relative.hasPrefix("/") { relative.removeFirst() }
        while relative.hasSuffix("/") { relative.removeLast() }
        if let first = relative.split(separator: "/").first, let disk = tree.links[String(first)] {
            return .disk(disk + relative.dropFirst(first.count))
        }
        guard let entry = tree.entries[relative] else { return .missing }
        // a stable identity per directory, for the walker's symlink-loop guard
        var h: UInt64 = 14_695_981_039_346_656_037
        for b in path.utf8 { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
        return .entry(entry, id: [UInt64.max, h])
    }
}
