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

/// Only the cases holding an Expr by value are boxed: leaves (literals, names) and cases
/// holding arrays are stored inline, as most expressions are leaves and each box is a heap
/// allocation to make and to free.
enum Expr: Sendable {
    case literal(Literal)
    case name(String, Pos)
    case list([Expr])
    case tuple([Expr])
    case dict([(Expr, Expr)], Pos)
    indirect case getattr(Expr, String, Pos)
    indirect case getitem(Expr, Expr, Pos)
    indirect case slice(Expr, Expr?, Expr?, Expr?, Pos)
    indirect case neg(Expr, Pos)
    indirect case pos(Expr, Pos)
    indirect case not(Expr)
    indirect case binary(BinaryOp, Expr, Expr, Pos)
    indirect case and(Expr, Expr)
    indirect case or(Expr, Expr)
    indirect case compare(Expr, [(CompareOp, Expr)], Pos)
    case concat([Expr], Pos)
    indirect case conditional(test: Expr, then: Expr, otherwise: Expr?)
    indirect case call(Expr, CallArgs, Pos)
    indirect case filter(Expr, String, CallArgs, Pos)
    indirect case test(Expr, String, CallArgs, negated: Bool, Pos)
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
         uses: MacroNameUses, isAnonymous: Bool = false) {
        self.name = name
        self.isAnonymous = isAnonymous
        self.parameters = parameters
        self.body = body
        self.source = source
        self.pos = pos
        self.usesVarargs = uses.varargs
        self.usesKwargs = uses.kwargs
        self.usesCaller = uses.caller
    }

    public var parameterNames: [String] { parameters.map(\.0) }
}

/// Which of the signature-changing names a macro body reads (collected while parsing it).
struct MacroNameUses {
    var varargs = false
    var kwargs = false
    var caller = false
}

struct CallBlock: Sendable {
    var call: Expr
    var caller: MacroDefinition
    var pos: Pos
}

/// The common small nodes (text, output, do, macro) are stored inline; the larger ones are
/// boxed so that a body array stays compact.
enum Node: Sendable {
    case text(String)
    case output(Expr, Pos)
    indirect case ifBlock([(Expr, [Node])], otherwise: [Node])
    indirect case forLoop(ForLoop)
    indirect case set(AssignTarget, Expr, Pos)
    indirect case setBlock(AssignTarget, [FilterCall], [Node], Pos)
    case macro(MacroDefinition)
    indirect case callBlock(CallBlock)
    indirect case filterBlock([FilterCall], [Node], Pos)
    case doExpr(Expr, Pos)
    indirect case with([(AssignTarget, Expr)], [Node], Pos)
    case breakLoop
    case continueLoop
}
