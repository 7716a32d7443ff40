// Where a JSON document goes while it is described: into a JSON value, or straight into bytes.
// Manifest nodes are described once (ManifestNodeJSON.swift) and either built as values
// (graph.nodes in macros, state comparison) or encoded without building them first
// (manifest.json): building and freeing 20,000 nodes' values was half of writing the manifest.

protocol JSONSink {
    /// A whole value (an element of the open array, or the value of the last key).
    mutating func value(_ v: JSON)
    mutating func string(_ s: String)
    mutating func beginObject()
    /// The next key of the open object; a value or a container follows.
    mutating func key(_ k: String)
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
}

extension JSONSink {
    mutating func field(_ k: String, _ v: JSON) {
        key(k)
        value(v)
    }

    mutating func field(_ k: String, string s: String) {
        key(k)
        string(s)
    }

    /// A string, or null when there is none.
    mutating func field(_ k: String, optional s: String?) {
        key(k)
        if let s { string(s) } else { value(.null) }
    }

    mutating func field(_ k: String, strings a: [String]) {
        key(k)
        beginArray()
        for s in a { string(s) }
        endArray()
    }

    mutating func object(_ k: String, _ body: (inout Self) -> Void) {
        key(k)
        beginObject()
        body(&self)
        endObject()
    }

    mutating func array(_ k: String, _ body: (inout Self) -> Void) {
        key(k)
        beginArray()
        body(&self)
        endArray()
    }
}

/// Builds the described document as a JSON value. Objects are built with `uniqueKeys`: the
/// describing code writes each key of an object once.
struct JSONValueSink: JSONSink {
    private enum Frame {
        case object(keys: [String], values: [JSON])
        case array([JSON])
    }
    private var frames: [Frame] = []
    private(set) var result: JSON = .null

    mutating func value(_ v: JSON) {
        // popped and pushed back so the open container is never copied
        guard let top = frames.popLast() else {
            result = v
            return
        }
        switch top {
        case .object(let keys, var values):
            values.append(v)
            frames.append(.object(keys: keys, values: values))
        case .array(var items):
            items.append(v)
            frames.append(.array(items))
        }
    }

    mutating func string(_ s: String) { value(.string(s)) }

    mutating func beginObject() { frames.append(.object(keys: [], values: [])) }

    mutating func key(_ k: String) {
        guard case .object(var keys, let values)? = frames.popLast() else { return }
        keys.append(k)
        frames.append(.object(keys: keys, values: values))
    }

    mutating func endObject() {
        guard case .object(let keys, let values)? = frames.popLast() else { return }
        value(.object(JSONObject(uniqueKeys: Array(zip(keys, values)))))
    }

    mutating func beginArray() { frames.append(.array([])) }

    mutating func endArray() {
        guard case .array(let items)? = frames.popLast() else { return }
        value(.array(items))
    }
}

/// Encodes the described document into a JSONWriter as it goes, exactly as JSONWriter encodes
/// the equivalent value without indentation (`, ` and `: ` separators).
struct JSONByteSink: JSONSink {
    var writer: JSONWriter
    /// Whether the open container already has an element (the next one needs a comma).
    private var hasElement = false
    private var outer: [Bool] = []
    /// A key was written and its value is next (no comma before it).
    private var afterKey = false

    init(reserve: Int) {
        writer = JSONWriter(indent: 0, reserve: reserve)
    }

    private mutating func separate() {
        if afterKey {
            afterKey = false
        } else {
            if hasElement { writer.comma() }
            hasElement = true
        }
    }

    mutating func value(_ v: JSON) {
        separate()
        writer.write(v, depth: 0)
    }

    mutating func string(_ s: String) {
        separate()
        writer.writeString(s)
    }

    mutating func beginObject() {
        separate()
        writer.byte(123)
        outer.append(hasElement)
        hasElement = false
    }

    mutating func key(_ k: String) {
        writer.key(k, comma: hasElement)
        hasElement = true
        afterKey = true
    }

    mutating func endObject() {
        writer.byte(125)
        hasElement = outer.popLast() ?? true
    }

    mutating func beginArray() {
        separate()
        writer.byte(91)
        outer.append(hasElement)
        hasElement = false
    }

    mutating func endArray() {
        writer.byte(93)
        hasElement = outer.popLast() ?? true
    }
}
