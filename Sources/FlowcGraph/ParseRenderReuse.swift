// Compiling a model without rendering it a second time. Its parse-time render already ran the
// whole template; when nothing in it could come out differently at compile time, the compiled
// SQL is that render's text with each `{{ ref(…) }}` / `{{ source(…) }}` it printed replaced by
// the relation the compile-time call gives. Anything that reads context a compile sees
// differently (execute, this, model, config.get, is_incremental, the warehouse, …), uses a
// parse-time relation other than by printing it, or leans on parse-time leniency, keeps the
// node on the full compile render. Rendering every model twice was the largest single cost of
// `flowc compile` on large projects.
import FlowcTemplate

/// A ref() or source() call of a parse-time render, replayed at compile time.
public enum OutputSlot: Sendable, Equatable {
    case ref(name: String, package: String?, version: String?)
    case source(String, String)
}

/// A parse-time render that compiling may reuse: its text, in which each printed parse-time
/// relation is `\0<slot>\0`, and every ref()/source() call it made, in call order.
public struct ParseRender: Sendable {
    public var text: String
    public var slots: [OutputSlot]
    /// How many relations were printed as slots (the markers `text` must hold).
    public var printed: Int
}

/// A parse-time ref()/source() relation. Printed by the model's own `{{ … }}` it becomes its
/// slot's marker; any other use (an attribute, its text elsewhere, a comparison) tells the
/// node's state that the render depends on what the relation is.
final class ParseRelationObject: RelationObject {
    let slot: Int
    weak var state: NodeState?

    init(_ relation: RelationObject, slot: Int, state: NodeState) {
        self.slot = slot
        self.state = state
        super.init(database: relation.database, schema: relation.schema, identifier: relation.identifier,
                   type: relation.relationType, dialect: relation.dialect, policy: relation.policy)
    }

    private func used() { state?.modeDependent = true }

    override func render(renderer: Renderer) throws -> String {
        used()
        return try super.render(renderer: renderer)
    }
    override var pythonRepr: String {
        used()
        return super.pythonRepr
    }
    override func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        used()
        return try super.attribute(name, renderer: renderer)
    }
    override func callMethod(_ name: String, _ args: Arguments, renderer: Renderer) throws -> Value? {
        used()
        return try super.callMethod(name, args, renderer: renderer)
    }
    override var hashKey: String? {
        used()
        return super.hashKey
    }
    override func order(_ other: Value) throws -> Int? {
        used()
        return try super.order(other)
    }
}

extension NodeState {
    /// Context a compile-time render reads differently, by global name: the node's own values,
    /// the warehouse, side effects, and what the command sets after parsing (its arguments,
    /// flags, selection). (`adapter` is not here: its members other than dispatch report
    /// themselves, so dispatched macros such as the cross-database ones stay reusable.)
    static let modeDependentGlobals: Set<String> = [
        "execute", "this", "model", "schema", "database", "graph", "selected_resources", "thread_id",
        "is_incremental", "run_query", "statement", "noop_statement", "load_result", "store_result",
        "store_raw_result", "load_relation", "log", "print", "exceptions", "context", "builtins", "render",
        "write", "modules", "__flowc", "try_or_compiler_error", "sql", "compiled_code", "pre_hooks", "post_hooks",
        "invocation_args_dict", "flags",
    ]

    /// Records a parse-time ref()/source() call and gives the relation that stands for it.
    func slotRelation(_ relation: RelationObject, _ call: OutputSlot) -> Value {
        outputSlots.append(call)
        return .object(ParseRelationObject(relation, slot: outputSlots.count - 1, state: self))
    }

    /// What a parse-time render that behaves differently from a compile-time one calls.
    func noteModeDependence() {
        if mode == .parse { modeDependent = true }
    }
}

extension RenderWorker {
    /// Sets up a parse-time render of a node's own code to record what `reusableRender` needs.
    /// Only the outermost render's output takes markers: a nested one's text is a value the
    /// outer render may do anything with.
    func watchOutput(_ renderer: Renderer, _ state: NodeState, outermost: Bool) {
        renderer.watchedGlobals = NodeState.modeDependentGlobals
        guard outermost else { return }
        renderer.objectOutput = { [weak state] object in
            guard let state, let relation = object as? ParseRelationObject, relation.state === state else { return nil }
            state.printedSlots += 1
            return "\u{0}\(relation.slot)\u{0}"
        }
    }

    /// The parse-time render of a node's own code, if compiling may reuse it.
    static func reusableRender(_ text: String, state: NodeState) -> ParseRender? {
        guard !state.modeDependent else { return nil }
        return ParseRender(text: text, slots: state.outputSlots, printed: state.printedSlots)
    }

    /// A model's compiled SQL from its parse-time render: every ref()/source() call made again
    /// in compile mode (so a call that fails, fails as the render would), each printed slot
    /// replaced by the relation's text. Nil when the text's markers are not the ones printed
    /// (a var's value holding a NUL, say): the caller renders the node then.
    public func replay(_ render: ParseRender, state: NodeState) throws -> String? {
        var texts: [String] = []
        texts.reserveCapacity(render.slots.count)
        for slot in render.slots {
            guard case .object(let relation) = try relationValue(slot, state: state) else { return nil }
            texts.append(try relation.render(renderer: macroRenderer))
        }
        return Self.fill(render.text, texts, expected: render.printed)
    }

    /// `text` with each `\0<n>\0` replaced by `texts[n]`; nil unless exactly `expected` well-formed
    /// markers are found.
    static func fill(_ text: String, _ texts: [String], expected: Int) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + texts.reduce(0) { $0 + $1.utf8.count })
            var found = 0
            var i = 0
            // the text between markers is copied a run at a time: most of it holds none
            while i < bytes.count {
                guard let nul = bytes[i...].firstIndex(of: 0) else {
                    out.append(contentsOf: bytes[i...])
                    break
                }
                out.append(contentsOf: bytes[i..<nul])
                var j = nul + 1
                var n = 0
                while j < bytes.count, bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9"), j - nul <= 9 {
                    n = n * 10 + Int(bytes[j] - UInt8(ascii: "0"))
                    j += 1
                }
                guard j > nul + 1, j < bytes.count, bytes[j] == 0, n < texts.count else { return nil }
                out.append(contentsOf: texts[n].utf8)
                found += 1
                i = j + 1
            }
            guard found == expected else { return nil }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
