// The warehouses' C client libraries, linked through system-library targets. Their versions
// show in `flowc --version`, which also proves both libraries are linked into the binary.
import CLibPQ
import CSQLite

public enum LinkedLibraries {
    /// The SQLite library version, e.g. "3.40.1".
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
    /// The libpq version as PostgreSQL prints it, e.g. "15.18".
    public static var libpqVersion: String {
        let v = Int(PQlibVersion())
        return "\(v / 10000).\(v % 10000)"
    }
}
