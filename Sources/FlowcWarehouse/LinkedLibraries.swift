// The warehouses' C client libraries: SQLite linked through a system-library target, libpq
// loaded when first used (CLibPQ). Their versions show in `flowc --version`, which also proves
// both can be used.
import CLibPQ
import CSQLite

public enum LinkedLibraries {
    /// The SQLite library version, e.g. "3.40.1".
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
    /// The libpq version as PostgreSQL prints it, e.g. "15.18", or "not installed".
    public static var libpqVersion: String {
        if flowc_libpq_problem() != nil { return "not installed" }
        let v = Int(PQlibVersion())
        return "\(v / 10000).\(v % 10000)"
    }
}
