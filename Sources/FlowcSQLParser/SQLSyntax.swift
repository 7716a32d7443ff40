// What differs between SQL dialects at the syntax level, as a value: identifier quotes, which
// operators exist and how tightly they bind, which clauses a dialect has, and which functions
// aggregate. The parser consults this value instead of switching on a dialect name, so a new
// dialect is a new value (see `SQLSyntax.sqlite`, `SQLSyntax.postgres`).

public struct SQLSyntax: Sendable {
    public var name: String
    /// Opening byte → closing byte of quoted identifiers (`"x"`; SQLite also `` `x` `` and `[x]`).
    public var identifierQuotes: [UInt8: UInt8]
    /// `x::type` casts (PostgreSQL).
    public var doubleColonCast: Bool
    /// `$tag$ … $tag$` strings and `$1` parameters (PostgreSQL).
    public var dollarQuoting: Bool
    /// `a[1]` subscripts and `ARRAY[…]` (PostgreSQL); in SQLite `[` opens a quoted identifier.
    public var arrays: Bool
    /// `/* /* nested */ */` comments (PostgreSQL).
    public var nestedComments: Bool
    /// `?`, `?1`, `:name`, `@name` parameters (SQLite); in PostgreSQL `?` and `@` are operators.
    public var prefixedParameters: Bool
    /// `SELECT DISTINCT ON (…)` (PostgreSQL).
    public var distinctOn: Bool
    /// A `QUALIFY` clause (neither built-in dialect has it; compile-only dialects will).
    public var qualify: Bool
    /// Binding power of binary operators not handled by the grammar itself (higher binds tighter).
    public var operatorPrecedence: [String: Int]
    /// Functions that aggregate rows (when used without OVER).
    public var aggregateFunctions: Set<String>
    /// Bare words that are values, not columns (`current_date`, `true`, …).
    public var niladicFunctions: Set<String> {
        didSet { niladicWordsKnown = niladicFunctions.isSubset(of: SQLWordTable.niladicWords) }
    }
    /// Whether the lexer's `.niladic` class covers `niladicFunctions`, so words without the
    /// class need no set lookup: true for the built-in dialects (the class is made from their
    /// sets), found again when a copy's set changes (not per parse: that was 2,000
    /// instructions a query).
    var niladicWordsKnown = true
    /// Multi-character operators, longest first, matched by the lexer before single characters.
    public var operators: [String]
    /// How a result column without an alias is named.
    public var unnamedColumns: UnnamedColumnStyle
    /// Whether WHERE may name the SELECT's output columns (SQLite resolves them there).
    public var outputAliasesInWhere: Bool
    /// Whether `a JOIN b` may go without ON/USING (SQLite: a cross join).
    public var joinWithoutCondition: Bool
    /// Whether a plain string may be a column alias (`SELECT a 'x'`, SQLite).
    public var stringAliases: Bool
    /// Whether a double-quoted name that matches no column is read as a string literal
    /// (SQLite's legacy rule), so such a name is never reported as an unknown column.
    public var quotedNamesMayBeStrings: Bool
    /// Whether `SELECT *` over a USING/NATURAL join lists the merged columns first (PostgreSQL)
    /// or where the left side has them (SQLite).
    public var mergedJoinColumnsFirst: Bool

    public static let sqlite = SQLSyntax(
        name: "sqlite",
        identifierQuotes: [UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "`"): UInt8(ascii: "`"),
                           UInt8(ascii: "["): UInt8(ascii: "]")],
        doubleColonCast: false, dollarQuoting: false, arrays: false, nestedComments: false,
        prefixedParameters: true, distinctOn: false, qualify: false,
        // SQLite: `||` and the JSON arrows bind tightest of the binary operators.
        operatorPrecedence: ["||": Precedence.concatSQLite, "->": Precedence.concatSQLite, "->>": Precedence.concatSQLite,
                             "&": Precedence.bitwise, "|": Precedence.bitwise, "<<": Precedence.bitwise,
                             ">>": Precedence.bitwise],
        aggregateFunctions: ["avg", "count", "group_concat", "max", "min", "sum", "total", "string_agg",
                             "json_group_array", "json_group_object", "median"],
        niladicFunctions: ["current_date", "current_time", "current_timestamp", "true", "false", "null"],
        operators: ["->>", "||", "->", "<=", ">=", "<>", "!=", "==", "<<", ">>"],
        unnamedColumns: .sourceText,
        outputAliasesInWhere: true, joinWithoutCondition: true, stringAliases: true,
        quotedNamesMayBeStrings: true,
        mergedJoinColumnsFirst: false
    )

    public static let postgres = SQLSyntax(
        name: "postgres",
        identifierQuotes: [UInt8(ascii: "\""): UInt8(ascii: "\"")],
        doubleColonCast: true, dollarQuoting: true, arrays: true, nestedComments: true,
        prefixedParameters: false, distinctOn: true, qualify: false,
        // PostgreSQL: every operator without its own rule is "any other operator", between
        // additive and the IN/LIKE/comparison group.
        operatorPrecedence: [:],
        aggregateFunctions: ["array_agg", "avg", "bit_and", "bit_or", "bool_and", "bool_or", "count", "every",
                             "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg", "max", "min",
                             "string_agg", "sum", "xmlagg", "corr", "covar_pop", "covar_samp", "regr_avgx",
                             "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx",
                             "regr_sxy", "regr_syy", "stddev", "stddev_pop", "stddev_samp", "variance",
                             "var_pop", "var_samp", "mode", "percentile_cont", "percentile_disc", "any_value"],
        niladicFunctions: ["current_date", "current_time", "current_timestamp", "localtime", "localtimestamp",
                           "current_user", "session_user", "current_role", "current_catalog", "current_schema",
                           "user", "true", "false", "null"],
        operators: ["->>", "#>>", "!~~*", "::", "->", "#>", "@>", "<@", "?|", "?&", "||", "<=", ">=", "<>", "!=",
                    "<<", ">>", "~~*", "!~~", "~~", "!~*", "!~", "~*", "&&", "@@", "-|-", "^@"],
        unnamedColumns: .functionName,
        outputAliasesInWhere: false, joinWithoutCondition: false, stringAliases: false,
        quotedNamesMayBeStrings: false,
        mergedJoinColumnsFirst: true
    )

    public static let all: [SQLSyntax] = [.sqlite, .postgres]
    public static func named(_ name: String) -> SQLSyntax? { all.first { $0.name == name } }
}

/// How a result column without an alias is named.
public enum UnnamedColumnStyle: Sendable {
    /// PostgreSQL: a column's name, a cast's operand's name, a function's name, `case`, else `?column?`.
    case functionName
    /// SQLite: a column's name, else the expression's text as written.
    case sourceText
}

/// Binding powers shared by the dialects (higher binds tighter).
public enum Precedence {
    static let or = 1, and = 2, not = 3, isTest = 4, comparison = 5, likeInBetween = 6
    static let otherOperator = 7, bitwise = 7, additive = 8, multiplicative = 9, exponent = 10
    static let concatSQLite = 11, unary = 12, collate = 13, postfix = 14
}
