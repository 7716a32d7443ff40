// Python's str.format / str.format_map: replacement fields with auto or manual numbering,
// keyword names, `.attr` / `[key]` lookups (through the renderer, so the sandbox applies as
// in Jinja's SandboxedFormatter), !s/!r/!a conversions and nested fields inside the spec.

extension PyFormat {
    static func format(_ format: String, _ args: Arguments, _ r: Renderer) throws -> String {
        let keywords = args.keywords
        var engine = BraceFormatter(positional: args.positional, renderer: r) { name in
            for (k, v) in keywords where k == name { return v }
            return nil
        }
        return try engine.run(Array(format.unicodeScalars), depth: 2)
    }

    /// str.format_map(mapping): names are looked up in the mapping only.
    static func formatMap(_ format: String, _ mapping: Value, _ r: Renderer) throws -> String {
        var engine = BraceFormatter(positional: [], renderer: r) { name in
            switch mapping {
            case .dict(let d): return d.get(name)
            case .object(let o): return try o.item(.string(name), renderer: r)
            default:
                throw TemplateError(.type, "'\(mapping.typeName)' object is not subscriptable")
            }
        }
        return try engine.run(Array(format.unicodeScalars), depth: 2)
    }
}

private struct BraceFormatter {
    let positional: [Value]
    let renderer: Renderer
    let named: (String) throws -> Value?
    /// nil until the first field decides between automatic and manual numbering.
    var autoIndex: Int? = nil
    var manual = false

    init(positional: [Value], renderer: Renderer, named: @escaping (String) throws -> Value?) {
        self.positional = positional
        self.renderer = renderer
        self.named = named
    }

    mutating func run(_ s: [Unicode.Scalar], depth: Int) throws -> String {
        if depth < 0 { throw TemplateError(.value, "Max string recursion exceeded") }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "}" {
                guard i + 1 < s.count, s[i + 1] == "}" else {
                    throw TemplateError(.value, "Single '}' encountered in format string")
                }
                out.append("}")
                i += 2
                continue
            }
            if c != "{" {
                out.append(c)
                i += 1
                continue
            }
            if i + 1 < s.count, s[i + 1] == "{" {
                out.append("{")
                i += 2
                continue
            }
            // Find the matching '}' (nested braces belong to the spec).
            var j = i + 1
            var level = 1
            var inBracket = false
            while j < s.count {
                let d = s[j]
                if inBracket {
                    if d == "]" { inBracket = false }
                } else if d == "[" {
                    inBracket = true
                } else if d == "{" {
                    level += 1
                } else if d == "}" {
                    level -= 1
                    if level == 0 { break }
                }
                j += 1
            }
            guard j < s.count else {
                if level > 1 || i + 1 < s.count {
                    throw TemplateError(.value, "expected '}' before end of string")
                }
                throw TemplateError(.value, "Single '{' encountered in format string")
            }
            let field = Array(s[(i + 1)..<j])
            i = j + 1
            out.append(contentsOf: try replace(field, depth: depth).unicodeScalars)
        }
        return String(out)
    }

    private mutating func replace(_ field: [Unicode.Scalar], depth: Int) throws -> String {
        // Split into name, conversion and spec; brackets in the name may hold ':' or '!'.
        var k = 0
        var inBracket = false
        while k < field.count {
            let c = field[k]
            if inBracket {
                if c == "]" { inBracket = false }
            } else if c == "[" {
                inBracket = true
            } else if c == ":" || c == "!" {
                break
            }
            k += 1
        }
        let name = Array(field[0..<k])
        var conversion: Unicode.Scalar? = nil
        var specScalars: [Unicode.Scalar] = []
        if k < field.count, field[k] == "!" {
            guard k + 1 < field.count else {
                throw TemplateError(.value, "end of string while looking for conversion specifier")
            }
            conversion = field[k + 1]
            k += 2
            if k < field.count {
                guard field[k] == ":" else { throw TemplateError(.value, "expected ':' after conversion specifier") }
            }
        }
        if k < field.count, field[k] == ":" {
            specScalars = Array(field[(k + 1)...])
        }
        var value = try resolve(name)
        if let conversion {
            switch conversion {
            case "s": value = .string(try renderer.str(value))
            case "r": value = .string(value.pythonRepr)
            case "a": value = .string(PyFormat.asciiRepr(value.pythonRepr))
            default:
                throw TemplateError(.value, "Unknown conversion specifier \(Character(conversion))")
            }
        }
        // string.Formatter formats every spec as a nested format string, so even an empty
        // spec counts against the recursion limit.
        if depth - 1 < 0 { throw TemplateError(.value, "Max string recursion exceeded") }
        var spec = ""
        if !specScalars.isEmpty {
            spec = specScalars.contains("{") ? try run(specScalars, depth: depth - 1) : String(String.UnicodeScalarView(specScalars))
        }
        return try PyFormatSpec.format(value, spec, renderer)
    }

    private mutating func resolve(_ name: [Unicode.Scalar]) throws -> Value {
        var k = 0
        while k < name.count, name[k] != ".", name[k] != "[" { k += 1 }
        let first = String(String.UnicodeScalarView(name[0..<k]))
        var value: Value
        if first.isEmpty {
            if manual {
                throw TemplateError(.value, "cannot switch from manual field specification to automatic field numbering")
            }
            let idx = autoIndex ?? 0
            autoIndex = idx + 1
            value = try positionalArg(idx)
        } else if let idx = Self.decimal(first) {
            if autoIndex != nil {
                throw TemplateError(.value, "cannot switch from automatic field numbering to manual field specification")
            }
            manual = true
            value = try positionalArg(idx)
        } else {
            guard let v = try named(first) else { throw TemplateError(.key, pythonStringRepr(first)) }
            value = v
        }
        // Attribute and item accessors.
        while k < name.count {
            if name[k] == "." {
                k += 1
                let st = k
                while k < name.count, name[k] != ".", name[k] != "[" { k += 1 }
                let attr = String(String.UnicodeScalarView(name[st..<k]))
                if attr.isEmpty { throw TemplateError(.value, "Empty attribute in format string") }
                value = try renderer.getAttribute(value, attr)
            } else if name[k] == "[" {
                k += 1
                let st = k
                while k < name.count, name[k] != "]" { k += 1 }
                guard k < name.count else { throw TemplateError(.value, "Missing ']' in format string") }
                let key = String(String.UnicodeScalarView(name[st..<k]))
                if key.isEmpty { throw TemplateError(.value, "Empty attribute in format string") }
                k += 1
                if k < name.count, name[k] != ".", name[k] != "[" {
                    throw TemplateError(.value, "Only '.' or '[' may follow ']' in format field specifier")
                }
                let keyValue: Value = Self.decimal(key).map { .int($0) } ?? .string(key)
                value = try renderer.getItem(value, keyValue)
            } else {
                throw TemplateError(.value, "Only '.' or '[' may follow ']' in format field specifier")
            }
        }
        return value
    }

    private func positionalArg(_ i: Int) throws -> Value {
        guard i < positional.count else {
            // Jinja's SandboxedFormatter is string.Formatter, which indexes the args tuple.
            throw TemplateError(.index, "tuple index out of range")
        }
        return positional[i]
    }

    private static func decimal(_ s: String) -> Int? {
        guard !s.isEmpty else { return nil }
        var n = 0
        for b in s.utf8 {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(b - 0x30))
            if o1 || o2 { return nil }
            n = a
        }
        return n
    }
}
