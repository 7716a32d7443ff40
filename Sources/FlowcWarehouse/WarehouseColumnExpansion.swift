// A warehouse column as StringColumnExpansion (FlowcSQL) reads it.
import FlowcSQL

extension WarehouseColumn {
    public var expansionColumn: StringColumnExpansion.Column {
        StringColumnExpansion.Column(name: name, catalogType: catalogType, charSize: charSize)
    }

    /// The type schema changes compare (see StringColumnExpansion.comparedType).
    public var comparedType: String {
        StringColumnExpansion.comparedType(dataType, catalogType: catalogType, charSize: charSize)
    }
}
