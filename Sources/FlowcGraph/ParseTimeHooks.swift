// dbt renders every hook when it parses the project: a node's pre- and post-hooks with the
// node's context, and each on-run-start / on-run-end statement, with `execute` false and names
// that are not defined answered leniently (calling one gives an Undefined). Rendering records
// what a hook refs and the macros it calls; a hook that fails to render then (an unguarded
// exceptions.raise_compiler_error, a filter given the wrong type, a Jinja syntax error) stops
// every command at parse, as dbt's "Encountered an error:" with exit 2 does. The error is placed
// where the hook is written: the model's file, the properties file that configures it, or the
// project file.
import FlowcProject
import FlowcTemplate
import Foundation

/// Where a node's hooks may be written, found on disk only when one fails to render.
struct HookFiles: Sendable {
    struct Package: Sendable {
        /// "" for the root project; "dbt_packages/<dir>/" for an installed package.
        var prefix: String
        var projectFile: String
    }

    var root: String
    var packages: [String: Package]

    init(root: String, scopes: [PackageScope]) {
        self.root = root
        var packages: [String: Package] = [:]
        for scope in scopes where packages[scope.name] == nil {
            packages[scope.name] = Package(prefix: scope.prefix, projectFile: scope.prefix + scope.config.fileName)
        }
        self.packages = packages
    }

    /// Root-relative files other than the node's own that may configure its hooks: the
    /// properties file that describes it, its package's and the root project's files.
    func candidates(for node: Node) -> [String] {
        var out: [String] = []
        if let patch = node.patchPath, let split = patch.range(of: "://") {
            let project = String(patch[..<split.lowerBound])
            out.append((packages[project]?.prefix ?? "") + String(patch[split.upperBound...]))
        }
        if let own = packages[node.packageName]?.projectFile { out.append(own) }
        if let rootProject = packages.values.first(where: { $0.prefix.isEmpty })?.projectFile, !out.contains(rootProject) {
            out.append(rootProject)
        }
        return out
    }

    /// Where `sql` starts in the node's own file (`ownText`) or else in a candidate file.
    func place(of sql: String, node: Node, ownText: String) -> SourceSpan? {
        if let span = Builder.hookSpan(sql, in: ownText, file: node.displayPath) { return span }
        for file in candidates(for: node) {
            guard let text = try? String(contentsOfFile: root + "/" + file, encoding: .utf8) else { continue }
            if let span = Builder.hookSpan(sql, in: text, file: file) { return span }
        }
        return nil
    }
}

extension Builder {
    /// Renders the node's pre- and post-hooks with `state` (its refs, sources and macros are
    /// recorded there); the errors of those that fail, placed where each is written.
    static func renderNodeHooks(_ state: NodeState, worker: RenderWorker, fileText: String,
                                files: HookFiles) -> [Diagnostic] {
        var errors: [Diagnostic] = []
        for key in ["pre-hook", "post-hook"] {
            for sql in HookConfig.statements(state.config[key]) where sql.holdsJinjaTag {
                do {
                    // named as no file: an error in the hook itself is then placed where the hook
                    // is written, not taken for one in a macro file
                    _ = try worker.render(try worker.environment.parse(sql, name: "<\(key)>"), state: state)
                } catch {
                    let node = state.node
                    errors.append(hookDiagnostic(error, at: files.place(of: sql, node: node, ownText: fileText),
                                                 file: node.displayPath,
                                                 hook: "the \(key) of \(node.resourceType.rawValue) \(node.name)"))
                }
            }
        }
        return errors
    }

    /// One error per place and message: a hook the project file gives every model fails for
    /// each; it is reported once, its hint counting the other nodes.
    static func mergingRepeated(_ errors: [Diagnostic]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var index: [String: Int] = [:]
        var others: [Int] = []
        for d in errors {
            let key = "\(d.span?.description ?? "")\u{0}\(d.message)"
            if let i = index[key] {
                others[i] += 1
            } else {
                index[key] = out.count
                out.append(d)
                others.append(0)
            }
        }
        for (i, n) in others.enumerated() where n > 0 {
            out[i].hint = (out[i].hint ?? "") + " (it fails for \(n) other node\(n == 1 ? "" : "s") too)"
        }
        return out
    }

    /// A hook's render error at `span` (where the hook is written), else at the top of `file`,
    /// with a hint that says which hook it is and why it rendered while parsing.
    static func hookDiagnostic(_ error: Error, at span: SourceSpan?, file: String, hook: String) -> Diagnostic {
        var d = span.map { Diagnostic(templateError: error, inValueAt: $0) } ?? Diagnostic(templateError: error, file: file)
        let why = "in \(hook): dbt renders hooks when it parses the project (`execute` is false then); "
            + "put what must only run for real under {% if execute %}"
        d.hint = d.hint.map { "\($0); \(why)" } ?? why
        return d
    }
}
