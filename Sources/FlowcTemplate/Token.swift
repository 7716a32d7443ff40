// Tokens of the template language. A token is a kind plus a byte range into the source;
// the parser makes Strings only for the names and literals it keeps.

enum TokenKind: Equatable {
    case data              // literal text between tags (range already whitespace-trimmed)
    case variableBegin     // {{
    case variableEnd       // }}
    case blockBegin        // {%
    case blockEnd          // %}
    case name
    case string
    case integer
    case float
    case op(Op)
    case eof
}

enum Op: UInt8 {
    case add, sub, div, floordiv, mul, pow, mod, tilde
    case lbracket, rbracket, lparen, rparen, lbrace, rbrace
    case eq, ne, gt, gteq, lt, lteq, assign, dot, colon, pipe, comma, semicolon

    var text: String {
        switch self {
        case .add: return "+"
        case .sub: return "-"
        case .div: return "/"
        case .floordiv: return "//"
        case .mul: return "*"
        case .pow: return "**"
        case .mod: return "%"
        case .tilde: return "~"
        case .lbracket: return "["
        case .rbracket: return "]"
        case .lparen: return "("
        case .rparen: return ")"
        case .lbrace: return "{"
        case .rbrace: return "}"
        case .eq: return "=="
        case .ne: return "!="
        case .gt: return ">"
        case .gteq: return ">="
        case .lt: return "<"
        case .lteq: return "<="
        case .assign: return "="
        case .dot: return "."
        case .colon: return ":"
        case .pipe: return "|"
        case .comma: return ","
        case .semicolon: return ";"
        }
    }
}

struct Token {
    // the offsets first, then the one-byte fields: 12 bytes a token rather than 16
    var start: Int32
    var end: Int32
    var kind: TokenKind
    /// For a name, the keyword it spells (set by the lexer); `.none` otherwise.
    var keyword: Keyword = .none

    init(kind: TokenKind, start: Int32, end: Int32, keyword: Keyword = .none) {
        self.start = start
        self.end = end
        self.kind = kind
        self.keyword = keyword
    }
}
