// The PostgreSQL warehouse: a configuration that opens libpq sessions.
import FlowcSQL

public struct PostgresWarehouse: Warehouse {
    public let config: PostgresConfig

    public init(config: PostgresConfig) {
        self.config = config
    }

    public var dialect: Dialect { .postgres }

    /// "postgres user@host:port/dbname".
    public var location: String { "postgres " + config.display }

    public func connect() throws -> any WarehouseConnection {
        try PostgresConnection(config: config)
    }
}
