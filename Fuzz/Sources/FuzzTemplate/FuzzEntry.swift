// The fuzz test: bytes → UTF-8 text (lossy) → parse with a fresh Environment → render with a
// small context. Template errors are expected results; anything else (a trap, a sanitizer
// report, a hang past -timeout) is a bug in the engine.
import FlowcTemplate

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { UnsafeBufferPointer(start: $0, count: size) } ?? UnsafeBufferPointer(start: nil, count: 0)
    let text = String(decoding: bytes, as: UTF8.self)
    let env = Environment()
    guard let template = try? env.parse(text, name: "fuzz.sql") else { return 0 }
    _ = try? env.render(template, fuzzContext())
    return 0
}

func fuzzContext() -> [String: Value] {
    [
        "n": .int(3),
        "neg": .int(-7),
        "x": .double(2.5),
        "name": .string("orders"),
        "s": .string("Hello, Wörld 'quoted' \"dq\" {{ not a tag }}"),
        "empty": .string(""),
        "flag": .bool(true),
        "nothing": .none,
        "items": .list([.int(1), .string("two"), .double(3.0), .none, .list([.int(4), .int(5)])]),
        "cols": .list([.string("id"), .string("status"), .string("created_at")]),
        "user": .dict([
            ("name", .string("ada")), ("age", .int(36)),
            ("tags", .list([.string("a"), .string("b")])),
            ("address", .dict([("city", .string("Berlin")), ("zip", .string("10115"))])),
        ]),
    ]
}
