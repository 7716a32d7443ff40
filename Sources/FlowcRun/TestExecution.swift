// Data tests: the compiled test selects failing rows; it is wrapped as dbt does to count them
// (`fail_calc`) and compare the count with `warn_if` / `error_if`, then graded by `severity`.
// With `store_failures` the failing rows are kept in a table of the audit schema.
import FlowcGraph
import FlowcTemplate
import FlowcWarehouse
import Foundation

extension NodeExecutor {
    func runTest(_ node: Node, into result: inout NodeResult) throws {
        let sql = try compile(node, incremental: false, into: &result)
        let start = Date().timeIntervalSince1970
        let config = node.config
        let failCalc = config["fail_calc"]?.stringValue ?? "count(*)"
        let warnIf = config["warn_if"]?.stringValue ?? "!= 0"
        let errorIf = config["error_if"]?.stringValue ?? "!= 0"
        let severity = (config["severity"]?.stringValue ?? "error").lowercased()
        var limit: Int?
        if case .int(let n)? = config["limit"] { limit = n }
        // dbt's test materialization and get_test_sql, byte for byte (a database error's LINE
        // number, and the target/run file, are then dbt's): the test's SQL with its limit, or
        // the stored failures
        var inner = "\n    \n  " + sql + "\n  " + (limit.map { "\n  limit \($0)" } ?? "") + "\n  \n"
        // store_failures as dbt's test materialization: the config (store_failures_as decided it
        // at parse), else --store-failures; stored as a table or a view of the limited rows
        if config["store_failures"]?.boolValue ?? context.options.storeFailures {
            let storeAs = config["store_failures_as"]?.stringValue ?? "table"
            guard storeAs == "table" || storeAs == "view" else {
                throw NodeFailure(status: .error, message: "Compilation Error in test \(node.name) (\(node.originalFilePath))\n  '\(storeAs)' "
                                  + "is not a valid value for `store_failures_as`. Accepted values are: ['ephemeral', 'table', 'view']")
            }
            // the test node's schema is already `<target schema>_dbt_test__audit` (or its custom schema)
            let m = Materializer(connection: connection, dialect: dialect, database: node.database, schema: node.schema,
                                 identifier: node.alias)
            try ensureSchema(node)
            if let old = try m.existing(), old.kind != (storeAs == "view" ? .view : .table) {
                try connection.execute(dialect.ddl.drop(m.target, old.kind.sql))
            }
            let limited = sql + (limit.map { "\n    limit \($0)" } ?? "")
            _ = storeAs == "view" ? try m.view(limited) : try m.table(limited)
            inner = "\n        select *\n        from \(m.target)\n    \n"
            result.relationName = m.target
        }
        let wrapped = "\n    \n    select\n      \(failCalc) as failures,\n      \(failCalc) \(warnIf) as should_warn,\n"
            + "      \(failCalc) \(errorIf) as should_error\n    from (\n      " + inner + "      \n    ) dbt_internal_test"
        mainStatement = wrapped
        let table = try connection.query(wrapped, limit: 1)
        guard let row = table.rows.first, row.count == 3 else {
            throw NodeFailure(status: .error, message: "the test query returned no row (\(node.originalFilePath))")
        }
        // a fail_calc may give a huge, fractional or NaN number: clamp rather than trap
        func whole(_ d: Double) -> Int {
            guard d.isFinite else { return d.isNaN ? 0 : (d > 0 ? Int.max : Int.min) }
            return Int(exactly: d.rounded(.towardZero)) ?? (d > 0 ? Int.max : Int.min)
        }
        func number(_ v: SQLValue) -> Int {
            switch v {
            case .int(let i): return Int(i)
            case .double(let d): return whole(d)
            case .bool(let b): return b ? 1 : 0
            case .text(let s): return Int(s) ?? (Double(s).map(whole) ?? 0)
            default: return 0
            }
        }
        let failures = try Self.failureCount(row[0])
        let shouldWarn = number(row[1]) != 0
        let shouldError = number(row[2]) != 0
        result.failures = failures
        if severity == "error" && shouldError {
            result.status = .fail
            result.message = "Got \(failures) result\(failures == 1 ? "" : "s"), configured to fail if \(errorIf)"
        } else if shouldWarn && context.options.warnError {
            // --warn-error: the warning is a failure, with the warning's message (as dbt)
            result.status = .fail
            result.message = "Got \(failures) result\(failures == 1 ? "" : "s"), configured to fail if \(warnIf)"
        } else if shouldWarn {
            result.status = .warn
            result.message = "Got \(failures) result\(failures == 1 ? "" : "s"), configured to warn if \(warnIf)"
        } else {
            result.status = .pass
            // dbt's build_test_run_result counts failures only for a test that fails or warns:
            // one that passes under its error_if/warn_if reports 0
            result.failures = 0
        }
        result.adapterCode = "SELECT"
        result.rowsAffected = 1
        result.timing.append(NodeTiming(name: "execute", startedAt: start, completedAt: Date().timeIntervalSince1970))
    }

    /// The failures a test's fail_calc counted: dbt validates them as a JSON-schema integer (a
    /// float of a whole value passes), so NULL (a sum over no rows) or 2.5 (an average) make the
    /// test an error with jsonschema's message, not a pass or a truncated count.
    static func failureCount(_ v: SQLValue) throws -> Int {
        let repr: String
        switch v {
        case .int(let i): return Int(i)
        case .double(let d):
            if d.isFinite, d == d.rounded(), let i = Int(exactly: d) { return i }
            repr = Value.double(d).pythonRepr
        case .text(let s), .decimal(let s):
            if let i = Int(s) { return i }
            if let d = Double(s) {
                if d.isFinite, d == d.rounded(), let i = Int(exactly: d) { return i }
                repr = Value.double(d).pythonRepr
            } else {
                repr = Value.string(s).pythonRepr
            }
        case .bool(let b): repr = b ? "True" : "False"
        case .null: repr = "None"
        default: repr = "\(v)"
        }
        throw NodeFailure(status: .error, message: "\(repr) is not of type 'integer'\n\nFailed validating 'type' in schema['properties']['failures']:\n"
                          + "    {'type': 'integer'}\n\nOn instance['failures']:\n    \(repr)")
    }
}
