// The agate Table methods dbt packages call on query results beyond rows and columns:
// group_by (a TableSet, iterated as its tables), select/exclude (columns), limit and order_by
// (rows), column_types and each column's data_type with its jsonify(), as agate defines them.
// dbt_constraints groups its catalog lookups with group_by; dbt_profiler jsonifies with
// data_type and narrows its profile with exclude.
import FlowcTemplate

extension ResultTableObject {
    /// The Table methods beyond rows/columns/print_table/rename, or nil for other names.
    func agateMethod(_ name: String) -> Value? {
        switch name {
        case "column_types": return .tuple(agateTypes.map { .object(AgateTypeObject($0)) })
        case "select":
            return .callable(Callable(name: name) { [self] args, r in
                let keys = try columnKeys(args.bind("select", ["key"])[0], r)
                return .object(try projected(keys))
            })
        case "exclude":
            return .callable(Callable(name: name) { [self] args, r in
                let dropped = Set(try columnKeys(args.bind("exclude", ["key"])[0], r))
                return .object(try projected(columnNames.filter { !dropped.contains($0) }))
            })
        case "limit":
            return .callable(Callable(name: name) { [self] args, _ in
                let slots = try args.bind("limit", ["start_or_stop", "stop", "step"])
                func int(_ v: Value?) -> Int? { v.flatMap { $0.isNone ? nil : $0.intValue } }
                // agate slices its rows as Python's slice(start_or_stop) or slice(start, stop, step)
                let (start, stop, step) = int(slots[1]) != nil || int(slots[2]) != nil
                    ? (int(slots[0]), int(slots[1]), int(slots[2])) : (nil, int(slots[0]), nil)
                return .object(ResultTableObject(columns: columnNames, rows: Self.slice(rawRows, start, stop, step ?? 1)))
            })
        case "order_by":
            return .callable(Callable(name: name) { [self] args, r in
                let slots = try args.bind("order_by", ["key", "reverse"])
                let key = try sortKey(slots[0] ?? .none, r)
                var keyed = try rawRows.enumerated().map { (i, row) in (i, row, try key(row)) }
                // agate puts nulls after every value; the sort is stable, reversed or not (Python's sorted)
                let reverse = slots[1]?.truthy == true
                var failure: Error?
                keyed.sort { a, b in
                    do {
                        let c = try Self.compareKeys(a.2, b.2)
                        return c != 0 ? (reverse ? c > 0 : c < 0) : a.0 < b.0
                    } catch { failure = error; return a.0 < b.0 }
                }
                if let failure { throw failure }
                return .object(ResultTableObject(columns: columnNames, rows: keyed.map(\.1)))
            })
        case "group_by":
            return .callable(Callable(name: name) { [self] args, r in
                let slots = try args.bind("group_by", ["key", "key_name", "key_type"])
                let key = slots[0] ?? .none
                var keyName = slots[1].flatMap { $0.isNone ? nil : $0.stringValue }
                // the key: a column's value, or what a function of the row returns
                let keyOf: (Int) throws -> Value
                if case .string(let column) = key {
                    guard let i = columnNames.firstIndex(of: column) else { throw TemplateError(.key, Value.string(column).pythonRepr) }
                    keyName = keyName ?? column
                    keyOf = { [rawRows] n in i < rawRows[n].count ? rawRows[n][i] : .none }
                } else {
                    keyName = keyName ?? "group"
                    keyOf = { [rows] n in try r.call(key, Arguments([rows[n]])) }
                }
                var groups: [(key: Value, rows: [[Value]])] = []
                for n in rawRows.indices {
                    let k = try keyOf(n)
                    if let g = groups.firstIndex(where: { $0.key.pyEquals(k) }) { groups[g].rows.append(rawRows[n]) }
                    else { groups.append((k, [rawRows[n]])) }
                }
                // an empty table makes one empty group, as agate's
                let tables = groups.isEmpty ? [ResultTableObject(columns: columnNames, rows: [])]
                    : groups.map { ResultTableObject(columns: columnNames, rows: $0.rows) }
                return .object(TableSetObject(keys: groups.map(\.key), tables: tables, keyName: keyName ?? "group"))
            })
        default: return nil
        }
    }

    /// A column name or a list of them.
    private func columnKeys(_ key: Value?, _ r: Renderer) throws -> [String] {
        guard let key, !key.isNone else { return [] }
        if case .string(let s) = key { return [s] }
        return try r.iterate(key).map { try r.str($0) }
    }

    private func projected(_ keys: [String]) throws -> ResultTableObject {
        let indexes = try keys.map { k in
            guard let i = columnNames.firstIndex(of: k) else { throw TemplateError(.key, Value.string(k).pythonRepr) }
            return i
        }
        return ResultTableObject(columns: keys, rows: rawRows.map { row in indexes.map { $0 < row.count ? row[$0] : .none } })
    }

    /// order_by's key: a column name, a list of names (compared in turn), or a function of the row.
    private func sortKey(_ key: Value, _ r: Renderer) throws -> ([Value]) throws -> [Value] {
        let names = columnNames
        if case .callable = key {
            return { row in [try r.call(key, Arguments([.object(ResultRowObject(columns: names, values: row))]))] }
        }
        let indexes = try columnKeys(key, r).map { k in
            guard let i = names.firstIndex(of: k) else { throw TemplateError(.key, Value.string(k).pythonRepr) }
            return i
        }
        return { row in indexes.map { $0 < row.count ? row[$0] : .none } }
    }

    /// Python's ordering of key tuples, with None after every value (agate's NullOrder).
    static func compareKeys(_ a: [Value], _ b: [Value]) throws -> Int {
        for (x, y) in zip(a, b) {
            switch (x.isNone, y.isNone) {
            case (true, true): continue
            case (true, false): return 1
            case (false, true): return -1
            default:
                let c = try x.pyCompare(y)
                if c != 0 { return c }
            }
        }
        return 0
    }

    static func slice(_ rows: [[Value]], _ start: Int?, _ stop: Int?, _ step: Int) -> [[Value]] {
        let n = rows.count
        func clamp(_ i: Int?, _ fallback: Int) -> Int {
            guard let i else { return fallback }
            return i < 0 ? max(0, n + i) : min(n, i)
        }
        guard step > 0 else { return [] }
        let from = clamp(start, 0), to = clamp(stop, n)
        guard from < to else { return [] }
        return stride(from: from, to: to, by: step).map { rows[$0] }
    }
}

/// agate's TableSet: tables by group key; iterating gives the tables, as agate's MappedSequence.
final class TableSetObject: TemplateObject {
    let keys: [Value]
    let tables: [ResultTableObject]
    let keyName: String
    init(keys: [Value], tables: [ResultTableObject], keyName: String) {
        self.keys = keys
        self.tables = tables
        self.keyName = keyName
    }
    var typeName: String { "TableSet" }
    var truthy: Bool { !tables.isEmpty }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        let (keys, tables) = (self.keys, self.tables.map { Value.object($0) })
        switch name {
        case "key_name": return .string(keyName)
        case "keys": return .callable(Callable(name: name) { _, _ in .tuple(keys) })
        case "values": return .callable(Callable(name: name) { _, _ in .tuple(tables) })
        case "items": return .callable(Callable(name: name) { _, _ in .tuple(zip(keys, tables).map { .tuple([$0, $1]) }) })
        default: return nil
        }
    }

    func item(_ key: Value, renderer: Renderer) throws -> Value? {
        if case .int(let i) = key, i >= 0, i < tables.count, !keys.contains(where: { $0.pyEquals(key) }) { return .object(tables[i]) }
        return keys.firstIndex { $0.pyEquals(key) }.map { .object(tables[$0]) }
    }

    func iterate(renderer: Renderer) throws -> [Value]? { tables.map { .object($0) } }
    var pythonRepr: String { "<agate.TableSet: (" + tables.map(\.pythonRepr).joined(separator: ", ") + ")>" }
    func render(renderer: Renderer) throws -> String { pythonRepr }
}

/// An agate data type (`column.data_type`, `table.column_types`) with its jsonify().
final class AgateTypeObject: TemplateObject {
    let type: ResultTableObject.AgateType
    init(_ type: ResultTableObject.AgateType) { self.type = type }
    var typeName: String { type.rawValue }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        guard name == "jsonify" else { return nil }
        let type = self.type
        return .callable(Callable(name: name) { args, r in
            let v = try args.bind("jsonify", ["d"])[0] ?? .none
            if v.isNone { return .none }
            switch type {
            // dbt's Integer and agate's Boolean give the value; Number a float; dates their
            // ISO text; Text its str()
            case .integer, .boolean: return v
            case .number:
                if let d = v.doubleValue { return .double(d) }
                return .double(Double(try r.str(v)) ?? 0)
            case .date, .dateTime:
                if case .object(let o as DateTimeObject) = v { return .string(o.isoText) }
                return .string(try r.str(v))
            case .text: return .string(try r.str(v))
            }
        })
    }

    var pythonRepr: String {
        let module = ["Integer": "dbt_common.clients.agate_helper", "Number": "dbt_common.clients.agate_helper",
                      "DateTime": "dbt_common.clients.agate_helper"][type.rawValue]
            ?? "agate.data_types.\(type == .dateTime ? "date_time" : type.rawValue.lowercased())"
        return "<\(module).\(type.rawValue) object>"
    }
    func render(renderer: Renderer) throws -> String { pythonRepr }
}
