// The name a result column gets when the query gives it no alias, as each database names it,
// so that downstream models' references to such columns resolve.

import FlowcSQLParser

extension Resolver {
    func defaultName(_ e: SQLExpr) -> String {
        if case .column(let parts) = e.kind, let last = parts.last { return last.name }
        switch syntax.unnamedColumns {
        case .sourceText:
            return text.slice(e.span)
        case .functionName:
            return postgresName(e) ?? "?column?"
        }
    }

    /// PostgreSQL's choice: a column's name, a cast's operand's name (else the type's), a
    /// function's name, `case`, `exists`, `array`, `row`; nil where it would say `?column?`.
    private func postgresName(_ e: SQLExpr) -> String? {
        depth += 1
        defer { depth -= 1 }
        guard haveStack() else { return nil }
        switch e.kind {
        case .column(let parts): return parts.last?.name
        case .cast(let inner, let type):
            return postgresName(inner) ?? type.text.split(separator: "(").first.map {
                String($0.split(separator: ".").last ?? Substring($0)).trimmingSpaces()
            }
        case .function(let f): return f.baseName
        case .caseWhen: return "case"
        case .exists: return "exists"
        case .array, .arraySubquery: return "array"
        case .row: return "row"
        case .subquery(let q):
            if case .select(let s) = q.body, let first = s.items.first, case .expr(let e, let alias) = first {
                return alias?.name ?? postgresName(e)
            }
            return nil
        case .literal(.typed(let type, _)): return type
        case .literal(.interval): return "interval"
        case .collate(let inner, _): return postgresName(inner)
        default: return nil
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
