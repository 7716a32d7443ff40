// One of the adapter's behavior flags, as `adapter.behavior.<name>` gives it: true or false
// in an `if`, and `.no_warn` the same value (dbt's flag object also warns when a template
// reads it while it is off; flowc does not).
import FlowcTemplate

final class BehaviorFlagObject: TemplateObject {
    let on: Bool

    init(_ on: Bool) { self.on = on }

    var typeName: String { "BehaviorFlag" }
    var truthy: Bool { on }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "setting", "no_warn": .bool(on)
        default: nil
        }
    }

    func render(renderer: Renderer) throws -> String { on ? "True" : "False" }
    var pythonRepr: String { on ? "True" : "False" }
}
