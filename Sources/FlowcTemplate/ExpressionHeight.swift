// The height of every expression tree is bounded while it is parsed, not only its bracket
// nesting: a left-associative chain (`1+1+…`, `a.b.b…`, `x|f|f…`, `a and b and …`) is built by
// a loop, so the parser's own recursion stays shallow, but the tree is as deep as the chain is
// long, and the evaluator, the macro-call walker and the tree's deallocation all recurse once
// per level. Found by fuzzing: 5,000 terms overflowed the stack. Jinja2 itself gives up near
// 500 terms (RecursionError), so the limit leaves every template Jinja2 renders working.
//
// Invariant: `height` is the height of the Expr the parse function that just returned built
// (a leaf is 1). Functions that take a built Expr as their argument (parsePostfix,
// parseSubscript, parseFilterExpr, parseFilters, parseTest) read that Expr's height from
// `height` on entry; parseCallArgs and parseFilterCall leave the tallest argument's height
// there (0 when there are none). Every node with children is made through `grow`.

extension Parser {
    /// Records the height of a node whose tallest child is `childHeight` high, refusing it
    /// past `maxHeight` with the error the bracket-nesting limit gives, at the node's place.
    @discardableResult
    mutating func grow(_ childHeight: Int, at pos: Pos) throws -> Int {
        height = childHeight + 1
        if height > Parser.maxHeight {
            throw error("expression nested too deeply", at: pos,
                        hint: "more than \(Parser.maxHeight) levels of operators, filters, attributes or calls; "
                            + "split it with {% set %}")
        }
        return height
    }

    /// A leaf (name, literal): height 1.
    mutating func leaf(_ e: Expr) -> Expr {
        height = 1
        return e
    }
}
