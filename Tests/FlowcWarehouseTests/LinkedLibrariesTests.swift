// The system-library targets link the real C libraries: a SQLite database file is written and
// read back through libsqlite3, and libpq reports its version.
import CSQLite
import Testing
@testable import FlowcWarehouse
#if canImport(Glibc)
import Glibc
#endif

@Test func sqliteWritesAndReadsARealFile() throws {
    let path = "/tmp/flowc-link-test-\(getpid()).db"
    defer { unlink(path) }
    var db: OpaquePointer?
    #expect(sqlite3_open(path, &db) == SQLITE_OK)
    defer { sqlite3_close(db) }
    #expect(sqlite3_exec(db, "create table t (x integer); insert into t values (41), (1);", nil, nil, nil) == SQLITE_OK)
    var stmt: OpaquePointer?
    #expect(sqlite3_prepare_v2(db, "select sum(x) from t", -1, &stmt, nil) == SQLITE_OK)
    defer { sqlite3_finalize(stmt) }
    #expect(sqlite3_step(stmt) == SQLITE_ROW)
    #expect(sqlite3_column_int(stmt, 0) == 42)
    #expect(LinkedLibraries.sqliteVersion.hasPrefix("3."))
}

@Test func libpqReportsItsVersion() {
    let parts = LinkedLibraries.libpqVersion.split(separator: ".")
    #expect(parts.count == 2)
    #expect((Int(parts[0]) ?? 0) >= 10)
}
