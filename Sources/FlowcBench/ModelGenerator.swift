// Generates the dbt-like model templates of the benchmark corpus: each model gets a config
// call, a column list and a chain of CTEs picked at random from ModelSections until it reaches
// its target length (30–150 lines). Deterministic for a given seed and index.

struct ModelGenerator {
    static let domains = ["shop", "billing", "crm", "ads", "support", "inventory", "web", "finance", "hr", "logistics"]
    static let entities = [
        "orders", "customers", "payments", "invoices", "sessions", "events", "products", "tickets",
        "shipments", "accounts", "subscriptions", "refunds",
    ]
    static let requiredColumns = ["id", "status", "amount", "created_at", "updated_at"]
    static let optionalColumns = [
        "customer_id", "order_id", "product_id", "account_id", "quantity", "price", "discount",
        "currency", "shipped_at", "email", "name", "country", "region", "channel", "is_test",
        "_loaded_at", "latitude", "longitude", "score", "category", "notes", "Source-System",
    ]

    /// Everything a section needs to know about the model being written.
    struct Model {
        var name: String
        var domain: String
        var entity: String
        var columns: [String]
        var numericColumns: [String]
        var idColumns: [String]
    }

    /// A model's text and its running CTE chain.
    struct Writer {
        var lines: [String] = []
        var previous = "source"
        var cteCount = 0

        mutating func add(_ text: String) {
            lines.append(contentsOf: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }

        /// `with name as (` for the first CTE, `, name as (` after it.
        mutating func openCTE(_ name: String) -> String {
            defer { cteCount += 1 }
            return cteCount == 0 ? "with \(name) as (" : ", \(name) as ("
        }
    }

    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func model(index: Int) -> (name: String, text: String) {
        let domain = random.pick(Self.domains)
        let entity = random.pick(Self.entities)
        let layer = random.pick(["stg", "int", "fct", "dim"])
        let name = layer == "stg" ? "stg_\(domain)__\(entity)_\(index)" : "\(layer)_\(domain)_\(entity)_\(index)"
        var columns = Self.requiredColumns + random.sample(Self.optionalColumns, random.int(2...14))
        columns = random.sample(columns, columns.count)  // stable order, like a real column list
        let numeric = columns.filter { ["amount", "quantity", "price", "discount", "score", "latitude", "longitude"].contains($0) }
        let ids = columns.filter { $0.hasSuffix("_id") }
        let m = Model(name: name, domain: domain, entity: entity, columns: columns, numericColumns: numeric, idColumns: ids)

        let target = random.int(30...140)  // the last section may overshoot a little
        var w = Writer()
        var sections = ModelSections(random: random)
        sections.header(m, &w)
        sections.source(m, &w)
        while w.lines.count < target - 4 {
            sections.any(m, &w)
        }
        sections.footer(m, &w)
        random = sections.random
        return (name, w.lines.joined(separator: "\n") + "\n")
    }

    /// A Jinja list literal of strings: `['a', 'b']`.
    static func listLiteral(_ items: [String]) -> String {
        "[" + items.map { "'\($0)'" }.joined(separator: ", ") + "]"
    }
}

extension String {
    /// Escapes single quotes with a backslash, for text put inside a Jinja '…' literal.
    func replacingQuote() -> String { replacingOccurrences("'", "\\'") }

    /// Replaces every occurrence of the one-character `target` (no Foundation here).
    func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }

    func capitalizedFirst() -> String { prefix(1).uppercased() + dropFirst() }
}
