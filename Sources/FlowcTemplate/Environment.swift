// The engine's public entry: an Environment holds filters, tests and globals (builtins plus
// whatever the host registers); `parse` turns text into a reusable Template; `render` runs it.

public typealias FilterFunction = @Sendable (Value, Arguments, Renderer) throws -> Value
public typealias TestFunction = @Sendable (Value, Arguments, Renderer) throws -> Bool

public final class Environment {
    public var filters: [String: FilterFunction]
    public var tests: [String: TestFunction]
    public var globals: [String: Value]
    /// Block tags that define macros under a prefixed name (dbt: `test` → `test_`).
    public var macroTags: [String: String] = [:]
    /// Deepest macro/call nesting before rendering stops with an error instead of exhausting
    /// the stack (Python's own recursion limit plays this role for Jinja2).
    public var maxCallDepth = 200
    /// The host's hint for a call of a name nothing defines (dbt: a package's macro called by
    /// its bare name outside the package); nil keeps the engine's own.
    public var unknownCallHint: ((String) -> String?)?

    public init() {
        filters = Builtins.filters
        tests = Builtins.tests
        globals = Globals.make()
    }

    /// Parses a template. Errors are TemplateError(.syntax) with file:line:column.
    public func parse(_ text: String, name: String = "<template>") throws -> Template {
        try parse(text, name: name, skippingStrayEndTags: [])
    }

    /// Parses a template in which the given end tags, where no block is open, are skipped
    /// (recorded in the template's `strayEndTags`) instead of refused.
    public func parse(_ text: String, name: String, skippingStrayEndTags stray: Set<String>) throws -> Template {
        let source = SourceFile(name: name, text: text)
        let filters = self.filters
        let tests = self.tests
        var options = ParserOptions(isFilter: { filters[$0] != nil }, isTest: { tests[$0] != nil },
                                    macroTags: macroTags)
        options.strayEndTags = stray
        let (body, skipped) = try Parser.parse(source, options: options)
        return Template(source: source, body: body,
                        strayEndTags: skipped.map { let place = source.location(of: Int($0.pos)); return ($0.tag, place.line, place.column) })
    }

    /// Renders a template with the given variables on top of the globals.
    public func render(_ template: Template, _ context: [String: Value] = [:]) throws -> String {
        let renderer = Renderer(environment: self, context: context)
        return try renderer.render(template)
    }

    /// Parses and renders in one step.
    public func render(_ text: String, name: String = "<template>", _ context: [String: Value] = [:]) throws -> String {
        try render(try parse(text, name: name), context)
    }
}

/// A parsed template: immutable, shareable across threads, renderable many times.
public final class Template: Sendable {
    public let source: SourceFile
    let body: [Node]
    /// The template's top-level macros by name, for hosts that call macros from Swift.
    public let macros: [String: MacroDefinition]
    /// A top-level macro defined again later in the file (the later one wins in `macros`), at
    /// the place of each later definition: dbt refuses such a file.
    public let redefinedMacros: [(name: String, line: Int, column: Int)]
    /// End tags skipped where no block was open (`parse(_:name:skippingStrayEndTags:)`).
    public let strayEndTags: [(tag: String, line: Int, column: Int)]

    /// The filter applied last when the template is one `{{ … | name }}` and nothing else: dbt's
    /// native rendering types a value by its `as_bool`/`as_number` only then (a marker filter
    /// inside a larger expression, or beside other text, leaves a plain value).
    public var wholeValueFilter: String? {
        guard body.count == 1, case .output(let expr, _) = body[0], case .filter(_, let name, _, _) = expr else { return nil }
        return name
    }

    init(source: SourceFile, body: [Node], strayEndTags: [(tag: String, line: Int, column: Int)] = []) {
        self.source = source
        self.body = body
        self.strayEndTags = strayEndTags
        var macros: [String: MacroDefinition] = [:]
        var redefined: [(name: String, line: Int, column: Int)] = []
        for node in body {
            guard case .macro(let def) = node else { continue }
            if macros[def.name] != nil {
                let place = source.location(of: Int(def.pos))
                redefined.append((def.name, place.line, place.column))
            }
            macros[def.name] = def
        }
        self.macros = macros
        self.redefinedMacros = redefined
    }

    public var name: String { source.name }
}
