// A ref() or source() call written as text — a test's arguments (`to: ref('customers')`, the
// `model` argument once get_where_subquery is skipped) — called without the template engine.
// Parsing and rendering a one-call template for each test was most of the cost of its
// arguments, at parse time and again when compiling.
import FlowcTemplate

extension OutputSlot {
    /// The call `text` is, when it is one ref() or source() call with literal arguments
    /// (`ref('x')`, `ref("pkg", "x")`, `ref('x', v=2)`, `source('s', 't')`), else nil.
    static func call(in text: String) -> OutputSlot? {
        var scanner = CallScanner(Array(text.utf8))
        guard let function = scanner.word(), scanner.take(UInt8(ascii: "(")) else { return nil }
        var positional: [String] = []
        var version: String?
        if !scanner.take(UInt8(ascii: ")")) {
            repeat {
                if let keyword = scanner.keyword() {
                    guard function == "ref", version == nil, keyword == "v" || keyword == "version",
                          let v = scanner.string() ?? scanner.digits() else { return nil }
                    version = v
                } else {
                    guard version == nil, let s = scanner.string() else { return nil }
                    positional.append(s)
                }
            } while scanner.take(UInt8(ascii: ","))
            guard scanner.take(UInt8(ascii: ")")) else { return nil }
        }
        guard scanner.atEnd else { return nil }
        switch (function, positional.count) {
        case ("ref", 1): return .ref(name: positional[0], package: nil, version: version)
        case ("ref", 2): return .ref(name: positional[1], package: positional[0], version: version)
        case ("source", 2): return .source(positional[0], positional[1])
        default: return nil
        }
    }
}

/// Reads the few tokens of a call: names, `name=`, quoted strings without escapes, digits.
private struct CallScanner {
    let bytes: [UInt8]
    var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool {
        mutating get {
            skipSpace()
            return i == bytes.count
        }
    }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    mutating func word() -> String? {
        skipSpace()
        let start = i
        while i < bytes.count, bytes[i] == UInt8(ascii: "_") || (bytes[i] | 0x20 >= UInt8(ascii: "a") && bytes[i] | 0x20 <= UInt8(ascii: "z")) {
            i += 1
        }
        return i > start ? String(decoding: bytes[start..<i], as: UTF8.self) : nil
    }

    /// `name=` (not `name==`), consumed only when it is there.
    mutating func keyword() -> String? {
        let saved = i
        if let name = word(), take(UInt8(ascii: "=")), i >= bytes.count || bytes[i] != UInt8(ascii: "=") { return name }
        i = saved
        return nil
    }

    /// A quoted string; nil (and nothing consumed that matters) for one with a backslash, whose
    /// escapes the template engine reads.
    mutating func string() -> String? {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "'") || bytes[i] == UInt8(ascii: "\"") else { return nil }
        let quote = bytes[i]
        let start = i + 1
        var j = start
        while j < bytes.count, bytes[j] != quote {
            if bytes[j] == UInt8(ascii: "\\") { return nil }
            j += 1
        }
        guard j < bytes.count else { return nil }
        i = j + 1
        return String(decoding: bytes[start..<j], as: UTF8.self)
    }

    mutating func digits() -> String? {
        skipSpace()
        let start = i
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
        // `v=1.5` and the like are left to the template engine
        guard i > start, i == bytes.count || bytes[i] != UInt8(ascii: ".") else { return nil }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }
}

extension RenderWorker {
    /// The value of `text` when it is a lone ref() or source() call with literal arguments,
    /// made by calling the function as the template would; nil for other text, when the root
    /// project defines its own `ref` or `source` macro, or when the call fails (the caller then
    /// renders the text, for the template's own error).
    func directRelation(_ text: String, state: NodeState) -> Value? {
        guard let call = OutputSlot.call(in: text) else { return nil }
        let own = macrosByPackage[setup.projectName]
        guard own?["ref"] == nil, own?["source"] == nil else { return nil }
        return try? relationValue(call, state: state)
    }

    /// What the ref() or source() call `slot` gives for the node of `state`.
    func relationValue(_ slot: OutputSlot, state: NodeState) throws -> Value {
        let saved = self.state
        self.state = state
        defer { self.state = saved }
        switch slot {
        case .ref(let name, let package, let version):
            return try ref(Arguments(([package, name].compactMap { $0 }).map { .string($0) },
                                     keywords: version.map { [("version", .string($0))] } ?? []))
        case .source(let source, let table):
            return try self.source(Arguments([.string(source), .string(table)]))
        }
    }
}
