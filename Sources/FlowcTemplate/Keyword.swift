// Names the parser gives a meaning to (tags, operators, constants, the names that change a
// macro's signature). The lexer classifies each name token once, so the parser compares a
// byte instead of spelling out strings at every level of the expression grammar.

enum Keyword: UInt8 {
    case none  // not a keyword (an ordinary name), or not a name at all
    // statement tags
    case `if`, elif, `else`, endif, `for`, endfor, set, endset, macro, endmacro, call, endcall
    case filter, endfilter, with, endwith, `do`, print, `break`, `continue`, autoescape, endautoescape
    case block, endblock, scoped, required, extends, include, `import`, from
    // expressions
    case `in`, not, and, or, `is`, recursive
    case trueValue, falseValue, noneValue  // true/True, false/False, none/None
    // names whose use in a macro body lets the macro take extra arguments or a caller
    case varargs, kwargs, caller

    /// Spellings by length (index = byte count), so a name is compared only with keywords
    /// of its own length. Both spellings of the constants map to the same keyword.
    private static let byLength: [[(spelling: [UInt8], keyword: Keyword)]] = {
        let all: [(String, Keyword)] = [
            ("if", .if), ("elif", .elif), ("else", .else), ("endif", .endif), ("for", .for),
            ("endfor", .endfor), ("set", .set), ("endset", .endset), ("macro", .macro),
            ("endmacro", .endmacro), ("call", .call), ("endcall", .endcall), ("filter", .filter),
            ("endfilter", .endfilter), ("with", .with), ("endwith", .endwith), ("do", .do),
            ("print", .print), ("break", .break), ("continue", .continue), ("autoescape", .autoescape),
            ("endautoescape", .endautoescape), ("block", .block), ("endblock", .endblock),
            ("scoped", .scoped), ("required", .required), ("extends", .extends), ("include", .include),
            ("import", .import), ("from", .from), ("in", .in), ("not", .not), ("and", .and), ("or", .or),
            ("is", .is), ("recursive", .recursive), ("true", .trueValue), ("True", .trueValue),
            ("false", .falseValue), ("False", .falseValue), ("none", .noneValue), ("None", .noneValue),
            ("varargs", .varargs), ("kwargs", .kwargs), ("caller", .caller),
        ]
        var table = [[([UInt8], Keyword)]](repeating: [], count: 14)
        for (s, k) in all { table[s.utf8.count].append((Array(s.utf8), k)) }
        return table
    }()

    /// The keyword spelled by `b[start..<end]`, or `.none`.
    static func classify(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Keyword {
        let count = end - start
        guard count < byLength.count else { return .none }
        candidates: for (spelling, keyword) in byLength[count] {
            for k in 0..<count where spelling[k] != b[start + k] { continue candidates }
            return keyword
        }
        return .none
    }

    /// The tag spelling of a statement keyword (for messages and the open-block stack).
    var tagName: String {
        switch self {
        case .if: return "if"
        case .elif: return "elif"
        case .else: return "else"
        case .endif: return "endif"
        case .for: return "for"
        case .endfor: return "endfor"
        case .set: return "set"
        case .endset: return "endset"
        case .macro: return "macro"
        case .endmacro: return "endmacro"
        case .call: return "call"
        case .endcall: return "endcall"
        case .filter: return "filter"
        case .endfilter: return "endfilter"
        case .with: return "with"
        case .endwith: return "endwith"
        case .autoescape: return "autoescape"
        case .endautoescape: return "endautoescape"
        case .block: return "block"
        case .endblock: return "endblock"
        default: return "\(self)"  // the other keywords are not block tags
        }
    }
}

/// The end tags a block body stops at: a set of keywords (a bit mask by raw value, which
/// Keyword's fewer than 64 cases allow; building one costs nothing), plus the end tag of a host-defined tag (`endtest` for dbt's `test`), which is
/// not a keyword.
struct EndTags {
    private var mask: UInt64 = 0
    var custom: String?

    init(_ keywords: Keyword..., custom: String? = nil) {
        for k in keywords { mask |= 1 << UInt64(k.rawValue) }
        self.custom = custom
    }

    var isEmpty: Bool { mask == 0 && custom == nil }

    func contains(_ k: Keyword) -> Bool { k != .none && mask & (1 << UInt64(k.rawValue)) != 0 }

    /// The tags' names, sorted, for "expected 'elif' or 'else' or 'endif'".
    var names: [String] {
        var all: [String] = []
        var k: UInt8 = 1
        while let keyword = Keyword(rawValue: k) {
            if contains(keyword) { all.append(keyword.tagName) }
            k += 1
        }
        if let custom { all.append(custom) }
        return all.sorted()
    }
}
