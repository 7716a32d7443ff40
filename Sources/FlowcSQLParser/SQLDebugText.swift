// A compact, fully parenthesised text form of expressions (`(+ a (* b c))`), so tests and
// debugging output can state a tree's shape in one line.

extension SQLExpr: CustomDebugStringConvertible {
    public var debugDescription: String {
        func list(_ es: [SQLExpr]) -> String { es.map(\.debugDescription).joined(separator: " ") }
        switch kind {
        case .column(let parts): return parts.map { $0.quoted ? "\"\($0.name)\"" : $0.name }.joined(separator: ".")
        case .literal(let l):
            switch l {
            case .number(let n): return n
            case .string(let s): return "'\(s)'"
            case .boolean(let b): return b ? "true" : "false"
            case .null: return "null"
            case .typed(let t, let v): return "\(t)'\(v)'"
            case .interval(let v): return "interval'\(v)'"
            }
        case .parameter(let p): return p
        case .unary(let op, let e): return "(\(op) \(e.debugDescription))"
        case .binary(let op, let a, let b): return "(\(op) \(a.debugDescription) \(b.debugDescription))"
        case .function(let f):
            var s = "(\(f.name.map(\.name).joined(separator: "."))"
            if f.distinct { s += " distinct" }
            if f.star { s += " *" }
            if !f.args.isEmpty { s += " " + list(f.args) }
            if let filter = f.filter { s += " filter:\(filter.debugDescription)" }
            if let w = f.over {
                s += " over:(" + w.partitionBy.map(\.debugDescription).joined(separator: " ") + ";"
                    + w.orderBy.map { $0.expr.debugDescription + ($0.descending ? " desc" : "") }.joined(separator: " ")
                    + (w.frame.map { ";\($0.unit) \($0.start)" + ($0.end.map { " \($0)" } ?? "") } ?? "") + ")"
            }
            return s + ")"
        case .cast(let e, let t): return "(cast \(e.debugDescription) \(t.text))"
        case .caseWhen(let operand, let whens, let otherwise):
            var s = "(case"
            if let operand { s += " \(operand.debugDescription)" }
            for w in whens { s += " (when \(w.condition.debugDescription) \(w.result.debugDescription))" }
            if let otherwise { s += " (else \(otherwise.debugDescription))" }
            return s + ")"
        case .subquery: return "(subquery)"
        case .exists: return "(exists)"
        case .inList(let e, let l, let n): return "(\(n ? "not in" : "in") \(e.debugDescription) \(list(l)))"
        case .inSubquery(let e, _, let n): return "(\(n ? "not in" : "in") \(e.debugDescription) (subquery))"
        case .between(let e, let lo, let hi, let n):
            return "(\(n ? "not between" : "between") \(e.debugDescription) \(lo.debugDescription) \(hi.debugDescription))"
        case .like(let op, let e, let p, let esc, let n):
            return "(\(n ? "not " : "")\(op) \(e.debugDescription) \(p.debugDescription)"
                + (esc.map { " escape:\($0.debugDescription)" } ?? "") + ")"
        case .isTest(let e, let t, let n):
            let what: String
            switch t {
            case .null: what = "null"
            case .true_: what = "true"
            case .false_: what = "false"
            case .unknown: what = "unknown"
            case .distinctFrom(let o): what = "distinct from \(o.debugDescription)"
            }
            return "(is\(n ? " not" : "") \(e.debugDescription) \(what))"
        case .quantified(let op, let q, let a, let b): return "(\(op) \(a.debugDescription) (\(q) \(b.debugDescription)))"
        case .quantifiedSubquery(let op, let q, let a, _): return "(\(op) \(a.debugDescription) (\(q) (subquery)))"
        case .array(let l): return "[\(list(l))]"
        case .arraySubquery: return "(array (subquery))"
        case .row(let l): return "(row \(list(l)))"
        case .subscript(let e, let a, let b, let slice):
            return "(at \(e.debugDescription) \(a?.debugDescription ?? "_")\(slice ? ":" + (b?.debugDescription ?? "_") : ""))"
        case .field(let e, let f): return "(field \(e.debugDescription) \(f.name))"
        case .collate(let e, let c): return "(collate \(e.debugDescription) \(c))"
        case .atTimeZone(let e, let z): return "(at time zone \(e.debugDescription) \(z.debugDescription))"
        case .star: return "*"
        }
    }
}
