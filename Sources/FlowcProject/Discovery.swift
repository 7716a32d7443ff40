// Finding a project's files: walk each configured path (model-, seed-, macro-, test-,
// snapshot-, analysis- and docs-paths) and classify every file by the path it sits under and
// its extension (see ProjectFile.Kind). Hidden files and directories, the target path and
// installed packages are skipped. Missing directories are fine. The result is sorted by path
// (bytewise), so the same tree always yields the same list.

enum Discovery {
    /// A file found under one of the project paths, not yet read.
    struct Found: Sendable {
        var path: String
        var absolutePath: String
        var kind: ProjectFile.Kind
    }

    /// The extensions discovery cares about.
    enum Extension {
        case sql, yaml, csv, md, py, other
    }

    /// Every resource file of the project, each once (the first role that claims it wins:
    /// models, seeds, macros, tests, snapshots, analyses, docs), sorted by path.
    static func discover(root: String, config: ProjectConfig) -> [Found] {
        var walker = Walker(root: root, skip: [config.targetPath, config.packagesInstallPath, "dbt_packages"])
        typealias Classify = (_ ext: Extension, _ inBase: String) -> ProjectFile.Kind?
        func resource(_ sql: ProjectFile.Kind) -> Classify {
            { ext, _ in ext == .sql ? sql : ext == .yaml ? .properties : nil }
        }
        let roles: [(paths: [String], classify: Classify)] = [
            // a Python model is found so that it can be reported; flowc cannot build it
            (config.modelPaths, { ext, _ in ext == .sql ? .model : ext == .yaml ? .properties : ext == .py ? .pythonModel : nil }),
            (config.seedPaths, { ext, _ in ext == .csv ? .seed : ext == .yaml ? .properties : nil }),
            (config.macroPaths, resource(.macro)),
            (config.testPaths, { ext, inBase in
                // unit-test fixtures (`fixture: name`) are data, not singular tests
                if inBase.hasPrefix("fixtures/") { return ext == .sql || ext == .csv ? .fixture : nil }
                if ext == .sql { return inBase.hasPrefix("generic/") ? .genericTestDefinition : .singularTest }
                return ext == .yaml ? .properties : nil
            }),
            (config.snapshotPaths, resource(.snapshot)),
            (config.analysisPaths, resource(.analysis)),
            (config.docsPaths, { ext, _ in ext == .md ? .docs : nil }),
        ]
        // Only .md files are docs and no other role takes .md, so the docs role never competes;
        // the others can only meet on a file when their base paths overlap.
        let competing = roles.dropLast().flatMap(\.paths)
        var mustCheck = false
        for (i, a) in competing.enumerated() {
            for b in competing[(i + 1)...] where overlap(a, b) { mustCheck = true }
        }
        var found: [Found] = []
        var claimed: Set<String> = []
        for role in roles {
            for base in role.paths {
                for file in walker.files(under: base) {
                    guard let kind = role.classify(file.ext, file.inBase) else { continue }
                    if mustCheck && !claimed.insert(file.path).inserted { continue }
                    found.append(Found(path: file.path, absolutePath: file.absolutePath, kind: kind))
                }
            }
        }
        found.sort { utf8Precedes($0.path, $1.path) }
        return found
    }

    /// Does one base path contain the other (or are they the same)?
    static func overlap(_ a: String, _ b: String) -> Bool {
        a == b || a == "." || b == "." || a.hasPrefix(b + "/") || b.hasPrefix(a + "/")
    }

    /// The extension of a file name, by its bytes (ASCII case-insensitive).
    static func fileExtension(_ name: String) -> Extension {
        let u = name.utf8
        guard let dot = u.lastIndex(of: UInt8(ascii: ".")), dot != u.startIndex else { return .other }
        var code: UInt64 = 0  // up to four lowercased bytes, packed
        var count = 0
        var k = u.index(after: dot)
        while k != u.endIndex {
            let c = u[k]
            count += 1
            if count > 4 { return .other }
            code = code << 8 | UInt64(c >= 65 && c <= 90 ? c + 32 : c)
            k = u.index(after: k)
        }
        switch code {
        case 0x73_71_6C: return .sql          // "sql"
        case 0x79_6D_6C, 0x79_61_6D_6C: return .yaml  // "yml", "yaml"
        case 0x63_73_76: return .csv          // "csv"
        case 0x6D_64: return .md              // "md"
        case 0x70_79: return .py              // "py"
        default: return .other
        }
    }

    /// Lists directory trees once each (a path can serve several roles: models and docs).
    struct Walker {
        struct File {
            /// Relative to the project root.
            var path: String
            /// Relative to the walked base path ("generic/not_null.sql").
            var inBase: String
            var absolutePath: String
            var ext: Extension
        }

        let root: String
        let skip: Set<String>
        var cache: [String: [File]] = [:]

        init(root: String, skip: [String]) {
            self.root = root
            self.skip = Set(skip.map(normalizePath))
        }

        mutating func files(under base: String) -> [File] {
            if let cached = cache[base] { return cached }
            var out: [File] = []
            let absoluteBase = base.hasPrefix("/") ? base : (base == "." ? root : root + "/" + base)
            if FileSystem.isDirectory(absoluteBase) {
                var visited: Set<[UInt64]> = []
                walk(absoluteBase, relative: base == "." ? "" : base, inBase: "", into: &out, visited: &visited)
            }
            cache[base] = out
            return out
        }

        func walk(_ directory: String, relative: String, inBase: String, into out: inout [File],
                  visited: inout Set<[UInt64]>) {
            if let id = FileSystem.identity(of: directory) {
                guard visited.insert(id).inserted else { return }  // a symlink loop
            }
            for entry in FileSystem.list(directory) {
                if entry.name.utf8.first == UInt8(ascii: ".") { continue }
                switch entry.type {
                case .directory:
                    let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
                    if skip.contains(path) || entry.name == "dbt_packages" { continue }
                    let sub = inBase.isEmpty ? entry.name : inBase + "/" + entry.name
                    walk(directory + "/" + entry.name, relative: path, inBase: sub, into: &out, visited: &visited)
                case .file:
                    let ext = Discovery.fileExtension(entry.name)
                    if ext == .other { continue }
                    let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
                    let sub = inBase.isEmpty ? entry.name : inBase + "/" + entry.name
                    out.append(File(path: path, inBase: sub, absolutePath: directory + "/" + entry.name, ext: ext))
                case .other:
                    continue
                }
            }
        }
    }
}
