// Finding a project's files: walk each configured path (model-, seed-, macro-, test-,
// snapshot-, analysis- and docs-paths) and classify every file by the path it sits under and
// its extension (see ProjectFile.Kind). Hidden files and directories, the target path and
// installed packages are skipped. Missing directories are fine. The result is sorted by path,
// so the same tree always yields the same list.

enum Discovery {
    /// A file found under one of the project paths, not yet read.
    struct Found {
        var path: String
        var absolutePath: String
        var kind: ProjectFile.Kind
    }

    /// Every resource file of the project, each once (the first role that claims it wins:
    /// models, seeds, macros, tests, snapshots, analyses, docs), sorted by path.
    static func discover(root: String, config: ProjectConfig) -> [Found] {
        var walker = Walker(root: root, skip: [config.targetPath, config.packagesInstallPath, "dbt_packages"])
        var found: [String: Found] = [:]
        func claim(_ paths: [String], _ classify: (_ inPath: String, _ ext: String) -> ProjectFile.Kind?) {
            for base in paths {
                for file in walker.files(under: base) {
                    guard found[file.path] == nil else { continue }
                    let ext = fileExtension(file.path)
                    guard let kind = classify(file.inBase, ext) else { continue }
                    found[file.path] = Found(path: file.path, absolutePath: file.absolutePath, kind: kind)
                }
            }
        }
        claim(config.modelPaths) { _, ext in ext == "sql" ? .model : isYAML(ext) ? .properties : nil }
        claim(config.seedPaths) { _, ext in ext == "csv" ? .seed : isYAML(ext) ? .properties : nil }
        claim(config.macroPaths) { _, ext in ext == "sql" ? .macro : isYAML(ext) ? .properties : nil }
        claim(config.testPaths) { inPath, ext in
            if ext == "sql" { return inPath.hasPrefix("generic/") ? .genericTestDefinition : .singularTest }
            return isYAML(ext) ? .properties : nil
        }
        claim(config.snapshotPaths) { _, ext in ext == "sql" ? .snapshot : isYAML(ext) ? .properties : nil }
        claim(config.analysisPaths) { _, ext in ext == "sql" ? .analysis : isYAML(ext) ? .properties : nil }
        claim(config.docsPaths) { _, ext in ext == "md" ? .docs : nil }
        return found.values.sorted { $0.path < $1.path }
    }

    static func isYAML(_ ext: String) -> Bool { ext == "yml" || ext == "yaml" }

    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? Substring(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// Lists directory trees once each (a path can serve several roles: models and docs).
    struct Walker {
        struct File {
            /// Relative to the project root.
            var path: String
            /// Relative to the walked base path ("generic/not_null.sql").
            var inBase: String
            var absolutePath: String
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
                if entry.name.hasPrefix(".") { continue }
                let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
                let absolute = directory + "/" + entry.name
                let sub = inBase.isEmpty ? entry.name : inBase + "/" + entry.name
                switch entry.type {
                case .directory:
                    if skip.contains(path) || entry.name == "dbt_packages" { continue }
                    walk(absolute, relative: path, inBase: sub, into: &out, visited: &visited)
                case .file:
                    out.append(File(path: path, inBase: sub, absolutePath: absolute))
                case .other:
                    continue
                }
            }
        }
    }
}
