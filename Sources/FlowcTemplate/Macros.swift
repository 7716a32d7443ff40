// Macro values and calls: argument binding with Jinja2's rules (missing arguments are
// Undefined; extra ones only with `varargs`/`kwargs` in the body), call blocks and `caller`,
// dbt's `return(...)`, and the host API for calling a template's macros from Swift.

/// What a macro value closes over: its definition and the scope it was defined in.
public final class MacroBinding {
    public let definition: MacroDefinition
    let closure: Scope
    init(definition: MacroDefinition, closure: Scope) {
        self.definition = definition
        self.closure = closure
    }
}

extension Renderer {
    /// `catchesReturn` false: a call block's `caller`, whose `return(…)` ends the macro that
    /// called `caller()` (dbt's macro call catches it), not `caller()` itself.
    func makeMacro(_ def: MacroDefinition, closure: Scope, catchesReturn: Bool = true) -> Value {
        let binding = MacroBinding(definition: def, closure: closure)
        return .callable(Callable(name: def.name, macro: binding) { args, r in
            try r.invokeMacro(def, closure: closure, args, catchesReturn: catchesReturn)
        })
    }

    /// A callable for one of `template`'s top-level macros, closing over this renderer's root
    /// scope, so hosts can put macros from many files into one namespace (as dbt does).
    public func macro(_ template: Template, _ name: String) -> Value? {
        guard let def = template.macros[name] else { return nil }
        retainMacroScope(root)
        return makeMacro(def, closure: root)
    }

    /// Calls a top-level macro of `template` with Swift arguments.
    public func callMacro(_ template: Template, _ name: String, _ args: Arguments = Arguments()) throws -> Value {
        guard let m = macro(template, name) else {
            throw TemplateError(.undefined, "'\(name)' is undefined", hint: "\(template.name) defines no macro '\(name)'")
        }
        return try call(m, args)
    }

    func invokeMacro(_ def: MacroDefinition, closure: Scope, _ args: Arguments, catchesReturn: Bool = true) throws -> Value {
        callDepth += 1
        defer { callDepth -= 1 }
        if callDepth > environment.maxCallDepth {
            throw TemplateError(.runtime, "maximum macro call depth (\(environment.maxCallDepth)) exceeded in '\(def.name)'",
                                hint: "a macro probably calls itself without end")
        }
        let frame = Scope(parent: closure)
        let params = def.parameters
        // sized once: growing the frame's table one parameter at a time was a visible cost
        frame.vars.reserveCapacity(params.count + 3)
        var extras: [Value] = []
        for (i, v) in args.positional.enumerated() {
            if i < params.count { frame.vars[params[i].0] = v } else { extras.append(v) }
        }
        if !extras.isEmpty && !def.usesVarargs {
            throw TemplateError(.type, "macro '\(def.name)' takes not more than \(params.count) argument(s)")
        }
        let kwargs = DictBox()
        var caller: Value?
        for (k, v) in args.keywords {
            if params.contains(where: { $0.0 == k }) {
                if frame.vars[k] != nil {
                    throw TemplateError(.type, "macro '\(def.name)' got multiple values for argument '\(k)'")
                }
                frame.vars[k] = v
            } else if k == "caller" && def.usesCaller {
                caller = v
            } else if def.usesKwargs {
                kwargs.set(k, v)
            } else {
                throw TemplateError(.type, "macro '\(def.name)' takes no keyword argument '\(k)'")
            }
        }
        let savedScope = scope
        let savedSource = source
        scope = frame
        source = def.source
        defer {
            scope = savedScope
            source = savedSource
        }
        for (name, dflt) in params where frame.vars[name] == nil {
            if let dflt {
                frame.vars[name] = try eval(dflt)
            } else {
                frame.vars[name] = .undefined(Undefined(name: name, hint: "parameter '\(name)' was not provided"))
            }
        }
        if def.usesVarargs { frame.vars["varargs"] = .tuple(extras) }
        if def.usesKwargs { frame.vars["kwargs"] = .dict(kwargs) }
        if def.usesCaller {
            frame.vars["caller"] = caller ?? .undefined(Undefined(name: "caller", hint: "No caller defined"))
        }
        var out = ""
        openOutputs += 1
        defer { openOutputs -= 1 }
        do {
            _ = try exec(def.body, &out)
        } catch let r as MacroReturn where catchesReturn {
            return r.value
        }
        return .string(out)
    }

    /// `{% call(args) m(...) %}body{% endcall %}`: calls m with `caller` bound to the body.
    func runCallBlock(_ block: CallBlock) throws -> Value {
        guard case .call(let fn, let callArgs, _) = block.call else {
            throw TemplateError(.syntax, "expected a call after 'call'")
        }
        let f = try eval(fn)
        var args = try evalArgs(callArgs)
        args.keywords.append(("caller", makeMacro(block.caller, closure: scope, catchesReturn: false)))
        do {
            return try call(f, args)
        } catch let r as MacroReturn {
            // the body's return(…) reached no template macro: the called function (a host
            // one, such as dbt's statement) ends with that value, as dbt's macro would
            return r.value
        }
    }
}
