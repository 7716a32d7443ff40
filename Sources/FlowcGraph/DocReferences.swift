// `{{ doc('name') }}` (or `doc('package', 'name')`) in a description is replaced by that
// `{% docs %}` block's text when the project is read, as dbt does, so the manifest's
// descriptions are what catalogs show; the blocks used become the resource's `doc_blocks`.

import FlowcProject

struct DocReferences {
    /// Blocks by package, then name.
    private var blocks: [String: [String: DocBlock]] = [:]
    let root: String

    init(_ docs: [String: DocBlock], root: String) {
        self.root = root
        for d in docs.values { blocks[d.packageName, default: [:]][d.name] = d }
    }

    /// dbt's lookup: a named package only there; else the root project, the resource's own
    /// package, then any package (in name order).
    func block(_ name: String, package: String?, from resourcePackage: String) -> DocBlock? {
        if let package { return blocks[package]?[name] }
        if let d = blocks[root]?[name] ?? blocks[resourcePackage]?[name] { return d }
        return blocks.keys.sorted().lazy.compactMap { blocks[$0]?[name] }.first
    }

    struct Rendered {
        var text: String
        var used: [String] = []
        var missing: [String] = []
    }

    /// `text` with each doc() call replaced. Other Jinja is left as written.
    func render(_ text: String, from resourcePackage: String) -> Rendered {
        guard text.containsBytes("doc(") else { return Rendered(text: text) }
        var out = Rendered(text: "")
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out.text += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let inner = NodeFactory.stripped(String(rest[open.upperBound..<close.lowerBound]).trimmingDash())
            if let args = Self.docArguments(inner) {
                let (package, name) = args.count == 2 ? (Optional(args[0]), args[1]) : (nil, args[0])
                if let d = block(name, package: package, from: resourcePackage) {
                    out.text += d.contents
                    if !out.used.contains(d.uniqueId) { out.used.append(d.uniqueId) }
                } else {
                    out.missing.append(package.map { "\($0).\(name)" } ?? name)
                }
            } else {
                out.text += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        out.text += rest
        return out
    }

    /// The quoted arguments of `doc('a')` / `doc("a", "b")`, or nil for anything else.
    static func docArguments(_ call: String) -> [String]? {
        guard call.hasPrefix("doc("), call.hasSuffix(")") else { return nil }
        let args = call.dropFirst(4).dropLast().split(separator: ",").map { NodeFactory.stripped(String($0)) }
        guard (1...2).contains(args.count) else { return nil }
        var names: [String] = []
        for a in args {
            guard a.count >= 2, let q = a.first, q == "'" || q == "\"", a.last == q else { return nil }
            names.append(String(a.dropFirst().dropLast()))
        }
        return names
    }
}

extension Builder {
    /// Renders doc() in the descriptions of nodes, their columns, sources, macros and exposures. A doc
    /// that does not exist is an error at the description's YAML entry, as in dbt.
    mutating func renderDocReferences(patches: [String: [PropertyPatch]]) {
        let docs = DocReferences(manifest.docs, root: projectName)
        func report(_ missing: [String], _ what: String, _ span: SourceSpan?) {
            for name in missing {
                error("\(what)'s description uses doc('\(name)'), which no {% docs %} block defines", span,
                      hint: Suggest.didYouMean(name, manifest.docs.values.map(\.name)).map { "did you mean '\($0)'?" }
                        ?? "define it in a .md file under the model paths: {% docs \(name) %}…{% enddocs %}")
            }
        }
        func renderColumns(_ columns: inout [ColumnInfo], package: String, owner: String) {
            for i in columns.indices {
                let r = docs.render(columns[i].description, from: package)
                guard !r.used.isEmpty || !r.missing.isEmpty else { continue }
                columns[i].description = r.text
                columns[i].docBlocks = r.used
                report(r.missing, "column '\(columns[i].name)' of \(owner)", columns[i].span)
            }
        }
        // the few nodes that call doc(), in id order (sorting every id was most of this pass)
        let referring = manifest.nodes.compactMap { id, node in
            node.description.containsBytes("doc(") || node.columns.contains(where: { $0.description.containsBytes("doc(") }) ? id : nil
        }
        for id in referring.sorted() {
            guard let node = manifest.nodes[id] else { continue }
            let r = docs.render(node.description, from: node.packageName)
            report(r.missing, "\(node.resourceType.rawValue) '\(node.name)'", patches[id]?.first?.span ?? node.span)
            var columns = node.columns
            renderColumns(&columns, package: node.packageName, owner: "'\(node.name)'")
            manifest.nodes[id]?.description = r.text
            manifest.nodes[id]?.docBlocks = r.used
            manifest.nodes[id]?.columns = columns
        }
        for id in manifest.sources.keys.sorted() {
            guard var s = manifest.sources[id] else { continue }
            let r = docs.render(s.description, from: s.packageName)
            let sr = docs.render(s.sourceDescription, from: s.packageName)
            s.description = r.text
            s.sourceDescription = sr.text
            s.docBlocks = r.used
            report(r.missing + sr.missing, "source '\(s.sourceName).\(s.name)'", s.span)
            renderColumns(&s.columns, package: s.packageName, owner: "source '\(s.sourceName).\(s.name)'")
            manifest.sources[id] = s
        }
        for id in manifest.macros.keys.sorted() {
            guard let m = manifest.macros[id], m.description.containsBytes("doc(") else { continue }
            let r = docs.render(m.description, from: m.packageName)
            manifest.macros[id]?.description = r.text
            report(r.missing, "macro '\(m.name)'", nil)
        }
        for id in manifest.exposures.keys.sorted() {
            guard var x = manifest.exposures[id] else { continue }
            let r = docs.render(x.description, from: x.packageName)
            x.description = r.text
            report(r.missing, "exposure '\(x.name)'", nil)
            manifest.exposures[id] = x
        }
    }
}
