// Turns project files into node skeletons with dbt's identity: unique_id, fqn, path relative
// to the resource folder, raw code (the file, stripped, as dbt reads it) and its checksum.
import FlowcProject

enum NodeFactory {
    /// The resource folder a file sits in and the path below it.
    static func split(_ path: String, roots: [String]) -> (root: String, rest: String) {
        // longest first (by bytes: counting Characters cost more than the rest of the call)
        for root in roots.sorted(by: { $0.utf8.count > $1.utf8.count }) {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(prefix) { return (root, String(path.dropFirst(prefix.count))) }
        }
        return ("", path)
    }

    // The path helpers below work on UTF-8 bytes: '/' and '.' are ASCII, and splitting a
    // String by Characters (grapheme breaking) cost more than hashing the file.

    static func baseName(_ path: String) -> String {
        let bytes = path.utf8
        let end = bytes.lastIndex { $0 != UInt8(ascii: "/") }.map { bytes.index(after: $0) } ?? bytes.startIndex
        let start = bytes[..<end].lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        if start == end { return path }
        let dot = bytes[start..<end].lastIndex(of: UInt8(ascii: ".")) ?? end
        return String(path[start..<dot])
    }

    /// The folders of a relative file path, in order, without empty parts.
    static func directories(_ rest: String) -> [String] {
        // over the contiguous bytes where there are some (stepping UTF8View indices cost ~20
        // instructions a byte); a '/' is never inside a longer UTF-8 sequence
        func split(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
            var parts: [String] = []
            var start = 0
            for i in 0..<bytes.count where bytes[i] == UInt8(ascii: "/") {
                if i > start { parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) }
                start = i + 1
            }
            // the last part is the file, unless the path ends with '/' (then it was the last folder)
            if start == bytes.count, !parts.isEmpty { parts.removeLast() }
            return parts
        }
        return rest.utf8.withContiguousStorageIfAvailable(split) ?? Array(rest.utf8).withUnsafeBufferPointer(split)
    }

    /// Python's str.strip(): ASCII whitespace at either end is skipped byte by byte; anything
    /// else at an end goes through Character's (Unicode) whitespace test.
    static func stripped(_ text: String) -> String {
        let bytes = text.utf8
        func asciiSpace(_ b: UInt8) -> Bool { b == 32 || (b >= 9 && b <= 13) }
        var lo = bytes.startIndex, hi = bytes.endIndex
        while lo < hi, asciiSpace(bytes[lo]) { lo = bytes.index(after: lo) }
        while hi > lo, asciiSpace(bytes[bytes.index(before: hi)]) { hi = bytes.index(before: hi) }
        if lo < hi, bytes[lo] >= 0x80 || bytes[bytes.index(before: hi)] >= 0x80 {
            var s = Substring(text)
            while let c = s.first, c.isWhitespace { s.removeFirst() }
            while let c = s.last, c.isWhitespace { s.removeLast() }
            return String(s)
        }
        if lo == bytes.startIndex && hi == bytes.endIndex { return text }
        return String(text[lo..<hi])
    }

    static func node(_ file: ProjectFile, type: ResourceType, project: String, roots: [String]) -> Node {
        let (_, rest) = split(file.path, roots: roots)
        let name = baseName(file.path)
        let raw = type == .seed ? "" : stripped(file.text)
        // dbt hashes a file's text without its surrounding whitespace, seeds too; a seed over
        // 1 MiB is not hashed at all, its checksum is its path.
        let bigSeed = type == .seed && file.text.utf8.count > 1 << 20
        let checksum = bigSeed ? file.path : Hashing.sha256Hex(type == .seed ? stripped(file.text) : raw)
        var node = Node(uniqueId: "\(type.rawValue).\(project).\(name)", resourceType: type, packageName: project,
                        name: name, path: rest, originalFilePath: file.path,
                        fqn: [project] + directories(rest) + [name], rawCode: raw, checksum: checksum,
                        config: ConfigResolver.defaults(type), span: SourceSpan(file: file.path, line: 1, column: 1))
        if bigSeed { node.checksumName = "path" }
        return node
    }
}

extension NodeFactory {
    /// Snapshot files hold `{% snapshot name %} … {% endsnapshot %}` blocks; each is a node whose
    /// code is the block's body. A file without blocks defines no node.
    static func snapshotNodes(_ file: ProjectFile, project: String, roots: [String]) -> [Node] {
        let template = node(file, type: .snapshot, project: project, roots: roots)
        var nodes: [Node] = []
        var rest = Substring(file.text)
        while let open = rest.range(of: "{%") {
            // a block inside a Jinja comment is no block (dbt's block lexer skips comments)
            if let comment = rest.range(of: "{#"), comment.lowerBound < open.lowerBound {
                guard let end = rest[comment.upperBound...].range(of: "#}") else { break }
                rest = rest[end.upperBound...]
                continue
            }
            let tagStart = rest[open.upperBound...].drop { $0 == "-" || $0 == " " }
            guard tagStart.hasPrefix("snapshot "), let close = tagStart.range(of: "%}") else {
                rest = rest[open.upperBound...]
                continue
            }
            let name = stripped(String(tagStart.dropFirst("snapshot ".count)[..<close.lowerBound])).trimmingDash()
            let body = tagStart[close.upperBound...]
            guard let end = body.range(of: "endsnapshot"), let endOpen = body[..<end.lowerBound].range(of: "{%", options: .backwards)
            else { break }
            var n = template
            n.name = name
            n.uniqueId = "snapshot.\(project).\(name)"
            // as dbt: the fqn keeps the file's name, the code is the block's body as written,
            // and the checksum is the file's
            n.fqn = template.fqn + [name]
            n.rawCode = String(body[..<endOpen.lowerBound])
            nodes.append(n)
            guard let after = body[end.upperBound...].range(of: "%}") else { break }
            rest = body[after.upperBound...]
        }
        // as dbt: a file without a snapshot block defines nothing
        return nodes
    }
}

/// What a properties YAML says about one model/seed/snapshot/analysis.
struct PropertyPatch {
    var name: String
    /// Relative to `project`'s root.
    var file: String
    /// The project whose YAML holds the entry (it owns the entry's tests and names the
    /// patch_path), which is not always the described node's: a root project may describe a
    /// package's model.
    var project = ""
    var span: SourceSpan
    var description: String?
    var columns: [ColumnInfo] = []
    var constraints: [JSON] = []
    var config = JSONObject()
    var docsShow: Bool?
    var tests: [(column: String?, entry: YAMLValue)] = []
    var entry: YAMLValue

    init(_ entry: YAMLValue, file: String) {
        self.entry = entry
        self.file = file
        name = entry["name"]?.string ?? ""
        span = entry.span
        description = entry["description"]?.string
        if case .object(let o)? = entry["config"]?.json { config = o }
        // dbt still reads a model's `access:` and `group:` beside its config, though not a
        // version entry's (`versions: [{v: 1, access: …}]` changes nothing in dbt)
        for key in ["access", "group"] where entry["v"] == nil {
            if let value = entry[key]?.scalarText, config[key] == nil { config[key] = .string(value) }
        }
        if let meta = entry["meta"]?.json { config["meta"] = ConfigMerge.merged(key: "meta", old: config["meta"], new: meta) }
        // a top-level `tags:` is not a property of models, seeds, snapshots or analyses in dbt
        // (its parser keeps it as an unknown key and applies nothing): only `config: {tags:}` counts
        // dbt moves a top-level `docs:` into the config (normalize_docs_attribute), node_color too
        // (a `show` that is no boolean is reported where it is written, and not moved)
        if case .object? = entry["docs"]?.json, config["docs"] == nil, let docs = entry["docs"]?.json,
           docs["show"].map({ if case .bool = $0 { return true } else { return false } }) ?? true {
            config["docs"] = docs
        }
        if case .bool(let b)? = config["docs"]?["show"] { docsShow = b }
        constraints = entry["constraints"]?.list?.map(\.json) ?? []
        for key in ["data_tests", "tests"] {
            for t in entry[key]?.list ?? [] { tests.append((nil, t)) }
        }
        for col in entry["columns"]?.list ?? [] {
            guard let colName = col["name"]?.scalarText else { continue }
            var info = ColumnInfo(name: colName)
            info.span = col["name"]?.span ?? col.span
            info.description = col["description"]?.string ?? ""
            info.dataType = col["data_type"]?.scalarText
            if let m = col["meta"]?.json { info.meta = m }
            info.tags = col["tags"]?.list?.compactMap(\.scalarText) ?? []
            // dbt 1.10 moved a column's meta and tags under its `config:`
            if case .object(let m)? = col["config"]?["meta"]?.json, case .object(var merged) = info.meta {
                for (k, v) in m { merged[k] = v }
                info.meta = .object(merged)
            }
            for t in col["config"]?["tags"]?.list?.compactMap(\.scalarText) ?? [] where !info.tags.contains(t) { info.tags.append(t) }
            info.constraints = col["constraints"]?.list?.map(\.json) ?? []
            if case .bool(let q, _)? = col["quote"] { info.quote = q }
            info.granularity = col["granularity"]?.scalarText
            columns.append(info)
            for key in ["data_tests", "tests"] {
                for t in col[key]?.list ?? [] { tests.append((colName, t)) }
            }
        }
    }
}
