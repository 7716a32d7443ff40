// Smaller grammar pieces: type names (for CAST and `::`) and window specifications.

extension SQLParser {
    /// Words that continue a multi-word type after `::` (after CAST's AS, any word continues).
    static let typeContinuations: Set<String> = ["precision", "varying", "with", "without", "time", "zone"]

    /// A type name such as `integer`, `numeric(10, 2)`, `double precision`, `character varying(20)`,
    /// `timestamp with time zone`, `text[]`, `pg_catalog.int4`.
    mutating func parseTypeName(castSuffix: Bool) throws(SQLParseError) -> SQLTypeName {
        var words = [try parseIdent("a type name").name]
        while currentKind == .dot, peekKind() == .word || peekKind() == .quotedIdentifier {
            skip()
            words[words.count - 1] += "." + (try parseIdent("a type name")).name
        }
        func continues(_ t: SQLToken) -> Bool {
            guard t.kind == .word else { return false }
            return castSuffix ? Self.typeContinuations.contains(t.text) : t.text != "as" && !t.classes.contains(.reserved)
                || ["with", "without"].contains(t.text)
        }
        while true {
            if continues(current) {
                words.append(advance().text)
            } else if currentKind == .leftParen {
                skip()
                var args: [String] = []
                repeat {
                    let t = advance()
                    guard t.kind == .number || t.kind == .word else {
                        throw SQLParseError("expected a type modifier, found '\(t.text)'", at: t.span, hint: nil)
                    }
                    args.append(t.text)
                } while accept(.comma)
                try expect(.rightParen, "')' to close the type's modifiers")
                words[words.count - 1] += "(" + args.joined(separator: ", ") + ")"
            } else if currentKind == .leftBracket && syntax.arrays {
                skip()
                if currentKind == .number { skip() }
                try expect(.rightBracket, "']'")
                words[words.count - 1] += "[]"
            } else {
                break
            }
        }
        return SQLTypeName(text: words.joined(separator: " "))
    }

    /// The inside of `OVER ( … )` or `WINDOW w AS ( … )`, after the opening parenthesis.
    mutating func parseWindowSpecBody() throws(SQLParseError) -> SQLWindowSpec {
        var spec = SQLWindowSpec(base: nil, partitionBy: [], orderBy: [], frame: nil)
        if currentKind == .word || currentKind == .quotedIdentifier,
           !["partition", "order", "rows", "range", "groups"].contains(current.text) || currentKind == .quotedIdentifier {
            spec.base = try parseIdent("a window name")
        }
        if acceptWord(.partition) {
            try expectWord(.by)
            repeat { spec.partitionBy.append(try parseExpr()) } while accept(.comma)
        }
        if acceptWord(.order) {
            try expectWord(.by)
            spec.orderBy = try parseOrderItems()
        }
        if atWord(.rows) || atWord(.range) || atWord(.groups) {
            let unit = advance().text
            var frame = SQLWindowFrame(unit: unit, start: "", end: nil, bounds: [])
            if acceptWord(.between) {
                frame.start = try parseFrameBound(&frame.bounds)
                try expectWord(.and)
                frame.end = try parseFrameBound(&frame.bounds)
            } else {
                frame.start = try parseFrameBound(&frame.bounds)
            }
            if acceptWord(.exclude) {
                if acceptWord(.current) { try expectWord(.row) }
                else if !acceptWord(.group) && !acceptWord(.ties) { try expectWord(.no); try expectWord(.others) }
            }
            spec.frame = frame
        }
        try expect(.rightParen, "')' to close the window")
        return spec
    }

    private mutating func parseFrameBound(_ bounds: inout [SQLExpr]) throws(SQLParseError) -> String {
        if acceptWord(.unbounded) {
            if acceptWord(.preceding) { return "unbounded preceding" }
            try expectWord(.following)
            return "unbounded following"
        }
        if acceptWord(.current) {
            try expectWord(.row)
            return "current row"
        }
        let e = try parseExpr(Precedence.additive)
        bounds.append(e)
        if acceptWord(.preceding) { return "preceding" }
        try expectWord(.following, hint: "a frame bound is UNBOUNDED PRECEDING, n PRECEDING, CURRENT ROW, …")
        return "following"
    }
}
