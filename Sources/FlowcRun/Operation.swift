// `run-operation`: one macro called with keyword arguments on a live connection, as dbt does:
// its rendered text and return value are thrown away (a macro acts through run_query and
// statement blocks), its log(info=True) and print() lines are shown, and no hooks run.
import FlowcGraph
import FlowcProject
import FlowcTemplate
import FlowcWarehouse
import Foundation

public enum Operation {
    /// What the name given on the command line refers to.
    public enum Lookup: Equatable, Sendable {
        /// The macro's unique id (`macro.<package>.<name>`).
        case found(String)
        /// No such macro; the closest name, if one is close.
        case notFound(suggestion: String?)
        /// Not a macro name (`name` or `package.name`).
        case invalid
    }

    /// Finds `name` (or `package.name`) among the project's, its packages' and dbt's own macros;
    /// without a package, the root project's macro wins, then an installed package's, then dbt's.
    public static func lookup(_ name: String, manifest: Manifest) -> Lookup {
        let parts = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy({ FlowcProject.isIdentifier($0) }) else { return .invalid }
        let macros = manifest.macros.values
        let macro = parts[parts.count - 1]
        let packages = Set(macros.filter { $0.name == macro }.map(\.packageName))
        if parts.count == 2 {
            if packages.contains(parts[0]) { return .found("macro.\(parts[0]).\(macro)") }
        } else {
            let builtin = "dbt"  // dbt's own macros (FlowcGraph's built-ins)
            let root = manifest.projectName
            let order = (packages.contains(root) ? [root] : []) + packages.subtracting([root, builtin]).sorted()
                + (packages.contains(builtin) ? [builtin] : [])
            if let package = order.first { return .found("macro.\(package).\(macro)") }
        }
        let known = Array(Set(macros.filter { parts.count == 1 || $0.packageName == parts[0] }.map(\.name)))
        return .notFound(suggestion: Suggest.didYouMean(macro, known))
    }

    /// Calls the macro `name` (already looked up as `uniqueId`) with `args` on one connection;
    /// `messages` receives its log(info=True) and print() lines. The result is a success or an
    /// error with dbt's message; it throws when it cannot start (no connection: WarehouseError).
    public static func run(context: RunContext, name: String, uniqueId: String, args: [(String, Value)],
                           messages: @escaping (_ text: String, _ isPrint: Bool) -> Void) throws -> NodeResult {
        let started = Date().timeIntervalSince1970
        let executor = try NodeExecutor(context: context, threadIndex: 0)
        defer { executor.connection.close() }
        let compiled = Date().timeIntervalSince1970
        let macroName = uniqueId.split(separator: ".").last.map(String.init) ?? name
        // rendered as a node of the macro's package, as dbt builds a macro's context: that
        // package's macros come first by bare name (and for a dispatch without a namespace)
        let package = uniqueId.split(separator: ".", maxSplits: 2).dropFirst().first.map(String.init) ?? context.options.projectName
        let node = Node(uniqueId: uniqueId, resourceType: .operation, packageName: package, name: macroName,
                        path: "operations/\(macroName).sql", originalFilePath: "--args", fqn: [package, "operations", macroName],
                        rawCode: "", checksum: "", config: JSONObject())
        let state = NodeState(node: node, mode: .compile)
        state.resolver = context.resolver
        state.live = executor.live
        state.messages = messages
        executor.warnings = { messages("warning: " + $0, false) }
        state.warn = executor.warnHandler
        var result = NodeResult(uniqueId: uniqueId, status: .success, failures: 0, threadId: "MainThread")
        result.notCompiled = true
        do {
            let parts = uniqueId.split(separator: ".", maxSplits: 2).map(String.init)
            guard parts.count == 3, let macro = executor.worker.packageMacro(parts[1], parts[2]) else {
                throw TemplateError(.host, "no macro \(uniqueId)")
            }
            _ = try executor.worker.call(macro, Arguments(keywords: args), state: state)
        } catch {
            result.status = .error
            result.failures = 1
            result.message = describe(error, macro: macroName)
        }
        let finished = Date().timeIntervalSince1970
        result.timing = [NodeTiming(name: "compile", startedAt: started, completedAt: compiled),
                         NodeTiming(name: "execute", startedAt: compiled, completedAt: finished)]
        result.executionTime = finished - started
        return result
    }

    /// dbt's wording: "Compilation Error in macro X" for template errors, "Database Error" for
    /// the warehouse's.
    static func describe(_ error: Error, macro: String) -> String {
        switch error {
        case let e as WarehouseError:
            return "Database Error\n  " + e.message.replacingOccurrences(of: "\n", with: "\n  ")
        case let e as TemplateError:
            // run_query's failures reach here as template errors that carry the database's message
            return "\(ErrorHeading.kind(of: e)) in macro \(macro)\n  " + ErrorHeading.indented(ErrorHeading.body(e))
        case let d as Diagnostic:
            return ErrorHeading.message(d, in: "macro \(macro)")
        default:
            return "\(error)"
        }
    }
}
