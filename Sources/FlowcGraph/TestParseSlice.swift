// The state the generic tests of one slice share while parseRenderTests renders them.
import FlowcTemplate

/// What the tests of one slice share while they are rendered at parse time: a render worker and
/// caches of the templates and macro closures their tests have in common.
final class TestParseSlice {
    let worker: RenderWorker
    /// The get_where_subquery every test's model argument renders through: the project's, else dbt's.
    let whereMacro: String?
    /// The macros a test's parse-time render can reach, per test macro.
    var reachable: [String: Set<String>] = [:]
    /// A model's tests share their argument texts, and most tests share their code.
    private var templates: [String: Template] = [:]
    var syntaxChecked: Set<String> = []

    init?(setup: RenderSetup) {
        guard let worker = try? RenderWorker(setup: setup) else { return nil }
        self.worker = worker
        whereMacro = [setup.projectName, BuiltinMacros.packageName]
            .map { "macro.\($0).get_where_subquery" }.first { worker.macroOrigins[$0] != nil }
    }

    func template(_ text: String, _ file: String) throws -> Template {
        let key = file + "\u{0}" + text  // errors name the file
        if let t = templates[key] { return t }
        let t = try worker.environment.parse(text, name: file)
        templates[key] = t
        return t
    }
}
