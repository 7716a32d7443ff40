// Variable scopes. Jinja2 gives `for` bodies, macros, call blocks and `with` blocks their own
// scope; `if` does not. Assignments go to the innermost scope; reads walk outwards. Macros
// keep the scope they were defined in (late-binding, like a Python closure).

public final class Scope {
    var vars: [String: Value]
    let parent: Scope?

    public init(_ vars: [String: Value] = [:], parent: Scope? = nil) {
        self.vars = vars
        self.parent = parent
    }

    @inline(__always) public func lookup(_ name: String) -> Value? {
        var s: Scope? = self
        while let scope = s {
            if let v = scope.vars[name] { return v }
            s = scope.parent
        }
        return nil
    }

    public func set(_ name: String, _ value: Value) { vars[name] = value }
}
