// Methods of Python's str that templates call (`name.upper()`, `path.split('/')`), with
// CPython's argument rules and error messages.

enum StringMethods {
    static let names: Set<String> = [
        "upper", "lower", "strip", "lstrip", "rstrip", "split", "rsplit", "replace", "startswith",
        "endswith", "format", "format_map", "join", "find", "rfind", "index", "rindex", "count",
        "title", "capitalize", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower",
        "isnumeric", "isdecimal", "isidentifier", "isascii", "istitle", "zfill", "ljust", "rjust",
        "center", "splitlines", "partition", "rpartition", "swapcase", "casefold", "removeprefix",
        "removesuffix",
    ]

    /// The str methods that accept keyword arguments; CPython's others are positional-only.
    static let keywordMethods: Set<String> = ["split", "rsplit", "splitlines", "format"]

    static func call(_ s: String, _ name: String, _ args: Arguments, _ r: Renderer) throws -> Value? {
        if !args.keywords.isEmpty, !keywordMethods.contains(name), names.contains(name) {
            throw TemplateError(.type, "str.\(name)() takes no keyword arguments")
        }
        switch name {
        case "upper": try noArgs(name, args); return .string(PyStr.upper(s))
        case "lower": try noArgs(name, args); return .string(PyStr.lower(s))
        case "title": try noArgs(name, args); return .string(PyStr.title(s))
        case "capitalize": try noArgs(name, args); return .string(PyStr.capitalize(s))
        case "swapcase": try noArgs(name, args); return .string(PyStr.swapcase(s))
        case "casefold": try noArgs(name, args); return .string(PyStr.casefold(s))
        case "strip", "lstrip", "rstrip":
            let a = try Params(args, name, ["chars"])
            var chars: String? = nil
            if let c = a[0], !c.isNone {
                guard case .string(let cs) = c else {
                    throw TemplateError(.type, "\(name) arg must be None or str")
                }
                chars = cs
            }
            return .string(PyStr.strip(s, chars, left: name != "rstrip", right: name != "lstrip"))
        case "split", "rsplit":
            let a = try Params(args, name, ["sep", "maxsplit"])
            let maxsplit = try Support.index(a[1], default: -1)
            let parts: [String]
            if let sepValue = a[0], !sepValue.isNone {
                guard case .string(let sep) = sepValue else {
                    throw TemplateError(.type, "must be str or None, not \(sepValue.typeName)")
                }
                if sep.isEmpty { throw TemplateError(.value, "empty separator") }
                parts = name == "split" ? PyStr.split(s, sep, maxsplit: maxsplit) : PyStr.rsplit(s, sep, maxsplit: maxsplit)
            } else {
                parts = name == "split" ? PyStr.splitWhitespace(s, maxsplit: maxsplit)
                                        : PyStr.rsplitWhitespace(s, maxsplit: maxsplit)
            }
            return .list(ListBox(parts.map { .string($0) }))
        case "splitlines":
            let a = try Params(args, name, ["keepends"])
            return .list(ListBox(PyStr.splitlines(s, keepends: Support.flag(a[0])).map { .string($0) }))
        case "replace":
            let a = try Params(args, name, ["old", "new", "count"])
            guard let o = a[0], let n = a[1] else {
                throw TemplateError(.type, "replace expected at least 2 arguments, got \(args.positional.count)")
            }
            let old = try Support.strArg(o, name, 1)
            let new = try Support.strArg(n, name, 2)
            return .string(PyStr.replace(s, old, new, count: try Support.index(a[2], default: -1)))
        case "startswith", "endswith":
            return .bool(try affix(s, name, args))
        case "find", "rfind", "index", "rindex":
            let (hay, needle, lo, hi) = try searchArgs(s, name, args)
            let found = lo > hi ? nil : (name.first == "r" ? PyStr.rfind(hay, needle, from: lo, to: hi)
                                                           : PyStr.find(hay, needle, from: lo, to: hi))
            guard let at = found else {
                if name == "find" || name == "rfind" { return .int(-1) }
                throw TemplateError(.value, "substring not found")
            }
            return .int(PyStr.codePointIndex(hay, byteOffset: at))
        case "count":
            let (hay, needle, lo, hi) = try searchArgs(s, name, args)
            if lo > hi { return .int(0) }
            return .int(PyStr.count(hay, needle, from: lo, to: hi))
        case "format": return .string(try PyFormat.format(s, args, r))
        case "format_map":
            let a = try Params(args, name, ["mapping"])
            guard let m = a[0] else { throw TemplateError(.type, "format_map() takes exactly one argument (0 given)") }
            return .string(try PyFormat.formatMap(s, m, r))
        case "join":
            let a = try Params(args, name, ["iterable"])
            guard let it = a[0] else { throw TemplateError(.type, "str.join() takes exactly one argument (0 given)") }
            var out = ""
            for (i, item) in try r.iterate(it).enumerated() {
                guard case .string(let piece) = item else {
                    throw TemplateError(.type, "sequence item \(i): expected str instance, \(item.typeName) found")
                }
                if i > 0 { out += s }
                out += piece
            }
            return .string(out)
        case "isdigit": try noArgs(name, args); return .bool(PyStr.all(s, PyStr.isDigit))
        case "isalpha": try noArgs(name, args); return .bool(PyStr.all(s, PyStr.isAlpha))
        case "isalnum": try noArgs(name, args); return .bool(PyStr.all(s, PyStr.isAlnum))
        case "isnumeric": try noArgs(name, args); return .bool(PyStr.all(s, PyStr.isNumeric))
        case "isdecimal": try noArgs(name, args); return .bool(PyStr.all(s, PyStr.isDecimal))
        case "isspace": try noArgs(name, args); return .bool(PyStr.all(s) { PyStr.isSpace($0.value) })
        case "isupper": try noArgs(name, args); return .bool(PyStr.isUpper(s))
        case "islower": try noArgs(name, args); return .bool(PyStr.isLower(s))
        case "istitle": try noArgs(name, args); return .bool(PyStr.isTitle(s))
        case "isidentifier": try noArgs(name, args); return .bool(PyStr.isIdentifier(s))
        case "isascii": try noArgs(name, args); return .bool(PyStr.isASCII(s))
        case "zfill":
            let a = try Params(args, name, ["width"])
            guard let w = a[0] else { throw TemplateError(.type, "zfill() takes exactly one argument (0 given)") }
            let width = try Support.index(w)
            try Support.checkSize(width)
            return .string(PyStr.zfill(s, width))
        case "ljust", "rjust", "center":
            let a = try Params(args, name, ["width", "fillchar"])
            guard let w = a[0] else {
                throw TemplateError(.type, "\(name) expected at least 1 argument, got 0")
            }
            let width = try Support.index(w)
            try Support.checkSize(width)
            var fill: Unicode.Scalar = " "
            if let f = a[1] {
                guard case .string(let fs) = f else {
                    throw TemplateError(.type, "\(name)() argument 2 must be str, not \(f.typeName)")
                }
                let scalars = Array(fs.unicodeScalars)
                guard scalars.count == 1, let only = scalars.first else {
                    throw TemplateError(.type, "The fill character must be exactly one character long")
                }
                fill = only
            }
            switch name {
            case "ljust": return .string(PyStr.ljust(s, width, fill))
            case "rjust": return .string(PyStr.rjust(s, width, fill))
            default: return .string(PyStr.center(s, width, fill))
            }
        case "partition", "rpartition":
            let a = try Params(args, name, ["sep"])
            guard let sv = a[0] else { throw TemplateError(.type, "\(name)() takes exactly one argument (0 given)") }
            guard case .string(let sep) = sv else {
                throw TemplateError(.type, "must be str, not \(sv.typeName)")
            }
            if sep.isEmpty { throw TemplateError(.value, "empty separator") }
            let hay = Array(s.utf8)
            let needle = Array(sep.utf8)
            let found = name == "partition" ? PyStr.find(hay, needle) : PyStr.rfind(hay, needle)
            guard let at = found else {
                return name == "partition" ? .tuple([.string(s), .string(""), .string("")])
                                           : .tuple([.string(""), .string(""), .string(s)])
            }
            return .tuple([.string(PyStr.string(hay, 0..<at)), .string(sep),
                           .string(PyStr.string(hay, (at + needle.count)..<hay.count))])
        case "removeprefix":
            let a = try Params(args, name, ["prefix"])
            guard let pv = a[0] else { throw TemplateError(.type, "removeprefix() takes exactly one argument (0 given)") }
            let p = try Support.strArg(pv, name, 1)
            guard !p.isEmpty, PyStr.hasPrefix(s, p) else { return .string(s) }
            return .string(String(decoding: s.utf8.dropFirst(p.utf8.count), as: UTF8.self))
        case "removesuffix":
            let a = try Params(args, name, ["suffix"])
            guard let pv = a[0] else { throw TemplateError(.type, "removesuffix() takes exactly one argument (0 given)") }
            let p = try Support.strArg(pv, name, 1)
            guard !p.isEmpty, PyStr.hasSuffix(s, p) else { return .string(s) }
            return .string(String(decoding: s.utf8.dropLast(p.utf8.count), as: UTF8.self))
        default:
            return nil
        }
    }

    private static func noArgs(_ name: String, _ args: Arguments) throws {
        if !args.isEmpty {
            let n = args.positional.count + args.keywords.count
            throw TemplateError(.type, "str.\(name)() takes no arguments (\(n) given)")
        }
    }

    /// Byte-level haystack/needle plus the byte range for Python's optional start/end.
    private static func searchArgs(_ s: String, _ name: String, _ args: Arguments) throws
        -> ([UInt8], [UInt8], Int, Int) {
        let a = try Params(args, name, ["sub", "start", "end"])
        guard let subValue = a[0] else {
            throw TemplateError(.type, "\(name)() takes at least 1 argument (0 given)")
        }
        guard case .string(let sub) = subValue else {
            throw TemplateError(.type, "must be str, not \(subValue.typeName)")
        }
        let hay = Array(s.utf8)
        let needle = Array(sub.utf8)
        guard let (lo, hi) = try range(hay, a[1], a[2]) else { return (hay, needle, 1, 0) }
        return (hay, needle, lo, hi)
    }

    /// Python's start/end slice arguments (None allowed) as byte offsets into `hay`; nil when
    /// the window is empty in a way Python reports as not found (start beyond end).
    private static func range(_ hay: [UInt8], _ start: Value?, _ end: Value?) throws -> (Int, Int)? {
        let startIndex = try Support.optionalIndex(start)
        let endIndex = try Support.optionalIndex(end)
        if startIndex == nil && endIndex == nil { return (0, hay.count) }
        let n = PyStr.codePointIndex(hay, byteOffset: hay.count)
        // CPython clamps end to the length but not start, so a start past the end finds nothing.
        var lo = startIndex ?? 0
        if lo < 0 { lo = Swift.max(0, lo + n) }
        let hi = PyStr.clampIndex(endIndex ?? n, n)
        if lo > hi { return nil }
        return (PyStr.byteOffset(hay, codePoint: lo), PyStr.byteOffset(hay, codePoint: hi))
    }

    private static func affix(_ s: String, _ name: String, _ args: Arguments) throws -> Bool {
        let a = try Params(args, name, ["prefix", "start", "end"])
        guard let p = a[0] else { throw TemplateError(.type, "\(name)() takes at least 1 argument (0 given)") }
        var candidates: [String] = []
        switch p {
        case .string(let x): candidates = [x]
        case .tuple(let items):
            for item in items {
                guard case .string(let x) = item else {
                    throw TemplateError(.type, "tuple for \(name) must only contain str, not \(item.typeName)")
                }
                candidates.append(x)
            }
        default:
            throw TemplateError(.type, "\(name) first arg must be str or a tuple of str, not \(p.typeName)")
        }
        if a[1] == nil && a[2] == nil {
            for c in candidates where name == "startswith" ? PyStr.hasPrefix(s, c) : PyStr.hasSuffix(s, c) {
                return true
            }
            return false
        }
        let hay = Array(s.utf8)
        guard let (lo, hi) = try range(hay, a[1], a[2]) else { return false }
        for c in candidates {
            let needle = Array(c.utf8)
            guard needle.count <= hi - lo else { continue }
            let at = name == "startswith" ? lo : hi - needle.count
            if hay[at..<(at + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
