// The registry of Jinja2's builtin filters and tests. The filters themselves live in one file
// per concern (FiltersText, FiltersSequence, ...); this file only assembles the tables.

enum Builtins {
    static let filters: [String: FilterFunction] = {
        var all: [String: FilterFunction] = [:]
        for table in [textFilters, markupFilters, numericFilters, sequenceFilters, selectFilters, miscFilters] {
            all.merge(table) { first, _ in first }
        }
        return all
    }()

    static let tests: [String: TestFunction] = Tests.all
}
