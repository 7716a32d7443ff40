// The fuzz test for the SQL side: bytes → UTF-8 text (lossy) → SQLParser.parse with each
// built-in syntax → when it parses, ColumnLineage.analyze against a small fixed catalog (so
// scope resolution and the static checks run too), plus the error-location path for parse
// errors. Parse errors and lineage findings are normal results; a trap, a sanitizer report or
// a hang past -timeout is a bug.
//
// Each input runs on a fresh thread with a 512 KiB stack, the size of a secondary thread's
// stack (compile parses models on worker threads), so recursion that fits the main thread's
// 8 MiB but not a worker's is found too.
import FlowcLineage
import FlowcSQLParser
import Glibc

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSQL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { UnsafeBufferPointer(start: $0, count: size) } ?? UnsafeBufferPointer(start: nil, count: 0)
    let text = String(decoding: bytes, as: UTF8.self)
    onWorkerStack { checkText(text) }
    return 0
}

func checkText(_ text: String) {
    for syntax in SQLSyntax.all {
        do {
            let query = try SQLParser.parse(text, syntax: syntax)
            let lineage = ColumnLineage.analyze(query, text: SQLSourceText(text), syntax: syntax, catalog: fuzzCatalog)
            // Touch the results so nothing is optimised away.
            var n = lineage.columns.count + lineage.filters.count + lineage.joins.count + lineage.relations.count
            for d in lineage.diagnostics { n &+= d.message.utf8.count &+ d.span.start }
            if n == -1 { print("unreachable") }
        } catch {
            // What a caller does with a parse error: locate it and show its line.
            let source = SQLSourceText(text)
            let (line, column) = source.location(of: error.span.start)
            let shown = source.line(line)
            if column < 0 || shown.utf8.count < 0 { print("unreachable") }
        }
    }
}

let fuzzCatalog = DictionaryCatalog([
    "orders": LineageRelation(id: "orders", columns: ["id", "customer_id", "amount", "status", "created_at"]),
    "customers": LineageRelation(id: "customers", columns: ["id", "name", "email", "country"]),
    "main.stg_orders": LineageRelation(id: "stg_orders", columns: ["order_id", "customer_id", "total"]),
    "raw.payments": LineageRelation(id: "raw.payments", columns: nil),
    "events": LineageRelation(id: "events", columns: ["id", "payload"], exhaustive: false),
])

/// Runs `body` on a new thread with a 512 KiB stack and waits for it.
func onWorkerStack(_ body: @escaping () -> Void) {
    final class Box { let body: () -> Void; init(_ body: @escaping () -> Void) { self.body = body } }
    var attr = pthread_attr_t()
    pthread_attr_init(&attr)
    defer { pthread_attr_destroy(&attr) }
    pthread_attr_setstacksize(&attr, 512 * 1024)
    let context = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let rc = pthread_create(&thread, &attr, { raw in
        guard let raw else { return nil }
        let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
        box.body()
        return nil
    }, context)
    guard rc == 0 else {
        // No thread: run here rather than skip the input.
        Unmanaged<Box>.fromOpaque(context).takeRetainedValue().body()
        return
    }
    pthread_join(thread, nil)
}
