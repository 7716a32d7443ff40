// The parsed form of a template. Immutable and Sendable: a template is parsed once and
// rendered many times, from any thread. Positions are byte offsets into the SourceFile.

enum Literal: Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)

    var value: Value {
        switch self {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        }
    }
}

enum BinaryOp: Sendable { case add, sub, mul, div, floordiv, mod, pow }
enum CompareOp: Sendable { case eq, ne, lt, lteq, gt, gteq, `in`, notIn }

struct CallArgs: Sendable {
    var positional: [Expr] = []
    var keywords: [(String, Expr)] = []
    var star: Expr?
    var starStar: Expr?
    static let empty = CallArgs()
    var isEmpty: Bool { positional.isEmpty && keywords.isEmpty && star == nil && starStar == nil }
}

typealias Pos = Int32

indirect enum Expr: Sendable {
    case literal(Literal)
    case name(String, Pos)
    case list([Expr])
    case tuple([Expr])
    case dict([(Expr, Expr)], Pos)
    case getattr(Expr, String, Pos)
    case getitem(Expr, Expr, Pos)
    case slice(Expr, Expr?, Expr?, Expr?, Pos)
    case neg(Expr, Pos)
    case pos(Expr, Pos)
    case not(Expr)
    case binary(BinaryOp, Expr, Expr, Pos)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case compare(Expr, [(CompareOp, Expr)], Pos)
    case concat([Expr], Pos)
    case conditional(test: Expr, then: Expr, otherwise: Expr?)
    case call(Expr, CallArgs, Pos)
    case filter(Expr, String, CallArgs, Pos)
    case test(Expr, String, CallArgs, negated: Bool, Pos)
}

indirect enum AssignTarget: Sendable {
    case name(String)
    case tuple([AssignTarget])
    /// `ns.attr`, only on namespaces.
    case attribute(String, String)
}

struct FilterCall: Sendable {
    var name: String
    var args: CallArgs
    var pos: Pos
}

struct ForLoop: Sendable {
    var target: AssignTarget
    var iterable: Expr
    var condition: Expr?
    var body: [Node]
    var elseBody: [Node]
    var recursive: Bool
    var pos: Pos
}

/// A macro definition (also the body of a call block's `caller`).
public final class MacroDefinition: Sendable {
    public let name: String
    let parameters: [(String, Expr?)]
    let body: [Node]
    let source: SourceFile
    let pos: Pos
    /// Jinja2 lets a macro take extra positional/keyword arguments and `caller` only when its
    /// body mentions `varargs` / `kwargs` / `caller`.
    let usesVarargs: Bool
    let usesKwargs: Bool
    let usesCaller: Bool
    /// A call block's body (`caller`), which Jinja2 shows as an anonymous macro.
    let isAnonymous: Bool

    init(name: String, parameters: [(String, Expr?)], body: [Node], source: SourceFile, pos: Pos,
         referencedNames: Set<String>, isAnonymous: Bool = false) {
        self.name = name
        self.isAnonymous = isAnonymous
        self.parameters = parameters
        self.body = body
        self.source = source
        self.pos = pos
        self.usesVarargs = referencedNames.contains("varargs")
        self.usesKwargs = referencedNames.contains("kwargs")
        self.usesCaller = referencedNames.contains("caller")
    }

    public var parameterNames: [String] { parameters.map(\.0) }
}

struct CallBlock: Sendable {
    var call: Expr
    var caller: MacroDefinition
    var pos: Pos
}

indirect enum Node: Sendable {
    case text(String)
    case output(Expr, Pos)
    case ifBlock([(Expr, [Node])], otherwise: [Node])
    case forLoop(ForLoop)
    case set(AssignTarget, Expr, Pos)
    case setBlock(AssignTarget, [FilterCall], [Node], Pos)
    case macro(MacroDefinition)
    case callBlock(CallBlock)
    case filterBlock([FilterCall], [Node], Pos)
    case doExpr(Expr, Pos)
    case with([(AssignTarget, Expr)], [Node], Pos)
    case breakLoop
    case continueLoop
}
