// Which macros a set of macros reaches through their `depends_on.macros`: a generic test's
// depends_on lists its test macro, get_where_subquery and everything those call, as dbt's
// test context does, and nothing its arguments call.
enum MacroClosure {
    /// `roots` and every macro they depend on, transitively.
    static func of(_ roots: [String], dependencies: [String: [String]]) -> Set<String> {
        var seen = Set(roots)
        var queue = roots
        while let next = queue.popLast() {
            for d in dependencies[next] ?? [] where seen.insert(d).inserted { queue.append(d) }
        }
        return seen
    }
}
