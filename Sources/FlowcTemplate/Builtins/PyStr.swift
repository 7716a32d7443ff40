// Python str operations on Swift strings. Python indexes and compares strings by code point,
// while Swift's String works in grapheme clusters with canonical equivalence, so searching is
// done on UTF-8 bytes (self-synchronising, so byte matches are code-point matches) and
// positions are converted to code-point indices where Python exposes them.

enum PyStr {
    // MARK: - Lengths and positions

    static func length(_ s: String) -> Int {
        var n = 0
        for b in s.utf8 where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Python slice-index normalisation: negatives count from the end, then clamp.
    static func clampIndex(_ i: Int, _ count: Int) -> Int {
        if i < 0 { return Swift.max(0, i + count) }
        return Swift.min(i, count)
    }

    /// Byte offset of code point `index` (clamped to the end).
    static func byteOffset(_ bytes: [UInt8], codePoint index: Int) -> Int {
        if index <= 0 { return 0 }
        var seen = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 {
                if seen == index { return i }
                seen += 1
            }
            i += 1
        }
        return bytes.count
    }

    static func codePointIndex(_ bytes: [UInt8], byteOffset: Int) -> Int {
        var n = 0
        var i = 0
        while i < byteOffset && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }

    @inline(__always)
    static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Python `s[start:end]` by code points (already clamped indices).
    static func slice(_ s: String, _ start: Int, _ end: Int) -> String {
        guard start < end else { return "" }
        var out = String.UnicodeScalarView()
        var i = 0
        for sc in s.unicodeScalars {
            if i >= end { break }
            if i >= start { out.append(sc) }
            i += 1
        }
        return String(out)
    }

    // MARK: - Searching

    /// First byte offset of `needle` in `hay[from..<to]`.
    static func find(_ hay: [UInt8], _ needle: [UInt8], from: Int = 0, to: Int? = nil) -> Int? {
        let end = to ?? hay.count
        if needle.isEmpty { return from <= end ? from : nil }
        return search(hay, needle, from: from, end: end)
    }

    /// The byte search both `find`s share: first offset of a non-empty `needle` in
    /// `hay[from..<end]` (generic so arrays and raw buffers use one specialised loop).
    @inline(__always)
    static func search<H: RandomAccessCollection, N: RandomAccessCollection>(_ hay: H, _ needle: N, from: Int, end: Int) -> Int?
        where H.Element == UInt8, N.Element == UInt8, H.Index == Int, N.Index == Int {
        let n = needle.count
        guard end - from >= n, let first = needle.first else { return nil }
        var i = from
        let last = end - n
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < n && hay[i + j] == needle[j] { j += 1 }
                if j == n { return i }
            }
            i += 1
        }
        return nil
    }

    /// Last byte offset of `needle` in `hay[from..<to]`.
    static func rfind(_ hay: [UInt8], _ needle: [UInt8], from: Int = 0, to: Int? = nil) -> Int? {
        let end = to ?? hay.count
        let n = needle.count
        if n == 0 { return from <= end ? end : nil }
        guard end - from >= n else { return nil }
        var i = end - n
        while i >= from {
            var j = 0
            while j < n && hay[i + j] == needle[j] { j += 1 }
            if j == n { return i }
            i -= 1
        }
        return nil
    }

    static func contains(_ s: String, _ sub: String) -> Bool {
        if sub.isEmpty { return true }
        return find(Array(s.utf8), Array(sub.utf8)) != nil
    }

    static func hasPrefix(_ s: String, _ p: String) -> Bool {
        s.utf8.starts(with: p.utf8)
    }

    static func hasSuffix(_ s: String, _ p: String) -> Bool {
        let a = s.utf8, b = p.utf8
        guard b.count <= a.count else { return false }
        return a.dropFirst(a.count - b.count).elementsEqual(b)
    }

    /// Non-overlapping occurrences, as str.count counts them.
    static func count(_ hay: [UInt8], _ needle: [UInt8], from: Int, to: Int) -> Int {
        if needle.isEmpty {
            // Python counts the gaps between code points, including both ends.
            return codePointIndex(hay, byteOffset: to) - codePointIndex(hay, byteOffset: from) + 1
        }
        var n = 0
        var i = from
        while let j = find(hay, needle, from: i, to: to) {
            n += 1
            i = j + needle.count
        }
        return n
    }

    static func replace(_ s: String, _ old: String, _ new: String, count limit: Int = -1) -> String {
        if limit == 0 { return s }
        if old.isEmpty {
            // Python inserts `new` before every code point and at the end.
            var out = ""
            var n = 0
            for sc in s.unicodeScalars {
                if limit < 0 || n < limit { out += new; n += 1 }
                out.unicodeScalars.append(sc)
            }
            if limit < 0 || n < limit { out += new }
            return out
        }
        var hayString = s
        var needleString = old
        var replacement = new
        // Native strings are contiguous UTF-8: search them in place instead of copying.
        return hayString.withUTF8 { hay in
            needleString.withUTF8 { needle in
                guard var j = find(hay, needle, from: 0) else { return s }
                return replacement.withUTF8 { repl in
                    var out = [UInt8]()
                    out.reserveCapacity(hay.count + Swift.max(0, repl.count - needle.count) * 4)
                    var i = 0
                    var n = 0
                    while true {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: hay[i..<j]))
                        out.append(contentsOf: repl)
                        i = j + needle.count
                        n += 1
                        if limit >= 0 && n >= limit { break }
                        guard let next = find(hay, needle, from: i) else { break }
                        j = next
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: hay[i...]))
                    return String(decoding: out, as: UTF8.self)
                }
            }
        }
    }

    /// Byte search over raw buffers (the in-place variant of `find`); an empty needle finds nothing.
    static func find(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard !needle.isEmpty else { return nil }
        return search(hay, needle, from: from, end: hay.count)
    }

    // MARK: - Whitespace, splitting, stripping

    /// Python's str.isspace for one code point.
    @inline(__always)
    static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
             0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Python str.strip/lstrip/rstrip; `chars` nil strips whitespace.
    static func strip(_ s: String, _ chars: String?, left: Bool = true, right: Bool = true) -> String {
        let scalars = s.unicodeScalars
        let set: [UInt32]? = chars.map { $0.unicodeScalars.map(\.value) }
        func strippable(_ v: UInt32) -> Bool {
            if let set { return set.contains(v) }
            return isSpace(v)
        }
        var lo = scalars.startIndex
        var hi = scalars.endIndex
        if left {
            while lo < hi, strippable(scalars[lo].value) { lo = scalars.index(after: lo) }
        }
        if right {
            while hi > lo {
                let p = scalars.index(before: hi)
                guard strippable(scalars[p].value) else { break }
                hi = p
            }
        }
        if lo == scalars.startIndex && hi == scalars.endIndex { return s }
        return String(scalars[lo..<hi])
    }

    /// str.split() with no separator: runs of whitespace separate, ends are dropped; after
    /// `maxsplit` splits the remainder (minus leading whitespace) is the last item.
    static func splitWhitespace(_ s: String, maxsplit: Int = -1) -> [String] {
        let scalars = Array(s.unicodeScalars)
        let n = scalars.count
        var out: [String] = []
        var i = 0
        var remaining = maxsplit < 0 ? Int.max : maxsplit
        func piece(_ r: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[r])
            return String(view)
        }
        while remaining > 0 {
            while i < n, isSpace(scalars[i].value) { i += 1 }
            if i == n { return out }
            let j = i
            while i < n, !isSpace(scalars[i].value) { i += 1 }
            out.append(piece(j..<i))
            remaining -= 1
        }
        while i < n, isSpace(scalars[i].value) { i += 1 }
        if i < n { out.append(piece(i..<n)) }
        return out
    }

    static func rsplitWhitespace(_ s: String, maxsplit: Int = -1) -> [String] {
        if maxsplit < 0 { return splitWhitespace(s) }
        let scalars = Array(s.unicodeScalars)
        var out: [String] = []
        var i = scalars.count
        var splits = 0
        while i > 0 {
            while i > 0 && isSpace(scalars[i - 1].value) { i -= 1 }
            if i == 0 { break }
            if splits >= maxsplit {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[0..<i])
                out.append(String(view))
                break
            }
            var j = i
            while j > 0 && !isSpace(scalars[j - 1].value) { j -= 1 }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[j..<i])
            out.append(String(view))
            splits += 1
            i = j
        }
        return out.reversed()
    }

    static func split(_ s: String, _ sep: String, maxsplit: Int = -1) -> [String] {
        let hay = Array(s.utf8)
        let needle = Array(sep.utf8)
        var out: [String] = []
        var i = 0
        var n = 0
        while maxsplit < 0 || n < maxsplit, let j = find(hay, needle, from: i) {
            out.append(string(hay, i..<j))
            i = j + needle.count
            n += 1
        }
        out.append(string(hay, i..<hay.count))
        return out
    }

    static func rsplit(_ s: String, _ sep: String, maxsplit: Int = -1) -> [String] {
        let hay = Array(s.utf8)
        let needle = Array(sep.utf8)
        var out: [String] = []
        var end = hay.count
        var n = 0
        while maxsplit < 0 || n < maxsplit, let j = rfind(hay, needle, from: 0, to: end) {
            out.append(string(hay, (j + needle.count)..<end))
            end = j
            n += 1
        }
        out.append(string(hay, 0..<end))
        return out.reversed()
    }

    /// Python's line boundaries for str.splitlines.
    @inline(__always)
    static func isLineBreak(_ v: UInt32) -> Bool {
        switch v {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func splitlines(_ s: String, keepends: Bool = false) -> [String] {
        // Work on UTF-8 bytes: the breaks are ASCII controls plus U+0085 (C2 85) and
        // U+2028/U+2029 (E2 80 A8/A9).
        let b = Array(s.utf8)
        var out: [String] = []
        var start = 0
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            var breakLength = 0
            switch c {
            case 0x0D: breakLength = (i + 1 < n && b[i + 1] == 0x0A) ? 2 : 1
            case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E: breakLength = 1
            case 0xC2 where i + 1 < n && b[i + 1] == 0x85: breakLength = 2
            case 0xE2 where i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9): breakLength = 3
            default: break
            }
            if breakLength == 0 {
                i += 1
                continue
            }
            out.append(string(b, start..<(keepends ? i + breakLength : i)))
            i += breakLength
            start = i
        }
        if start < n { out.append(string(b, start..<n)) }
        return out
    }

    // MARK: - Case

    static func isASCII(_ s: String) -> Bool {
        for b in s.utf8 where b >= 0x80 { return false }
        return true
    }

    static func upper(_ s: String) -> String { s.uppercased() }

    /// Rewrites an all-ASCII string byte by byte into a new string of the same length.
    @inline(__always)
    static func asciiMap(_ s: String, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Void) -> String {
        let n = s.utf8.count
        return String(unsafeUninitializedCapacity: n) { buf in
            _ = buf.initialize(from: s.utf8)
            body(buf)
            return n
        }
    }

    @inline(__always) static func asciiIsUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inline(__always) static func asciiIsLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }

    static func lower(_ s: String) -> String {
        // ASCII is the common case: return the string itself when nothing changes.
        var upperSeen = false
        var nonASCII = false
        var sigma = false
        for b in s.utf8 {
            if b >= 0x80 {
                nonASCII = true
                // Σ is CE A3 in UTF-8 and needs Python's final-sigma rule.
                if b == 0xA3 { sigma = true }
            } else if b >= 0x41 && b <= 0x5A {
                upperSeen = true
            }
        }
        if nonASCII { return sigma ? lowerWithFinalSigma(s) : s.lowercased() }
        guard upperSeen else { return s }
        return asciiMap(s) { buf in
            for i in buf.indices where asciiIsUpper(buf[i]) { buf[i] += 32 }
        }
    }

    /// Python lowers Σ to ς at the end of a word (a cased letter before it, none after,
    /// skipping case-ignorable characters), as Unicode's Final_Sigma condition says.
    private static func lowerWithFinalSigma(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = ""
        for (i, sc) in scalars.enumerated() {
            guard sc.value == 0x3A3 else {
                mapLower(sc, into: &out)
                continue
            }
            var before = false
            var j = i - 1
            while j >= 0 {
                if scalars[j].properties.isCaseIgnorable { j -= 1; continue }
                before = scalars[j].properties.isCased
                break
            }
            var after = false
            j = i + 1
            while j < scalars.count {
                if scalars[j].properties.isCaseIgnorable { j += 1; continue }
                after = scalars[j].properties.isCased
                break
            }
            out += before && !after ? "\u{3C2}" : "\u{3C3}"
        }
        return out
    }

    static func mapUpper(_ sc: Unicode.Scalar, into out: inout String) {
        if sc.isASCII {
            let v = sc.value
            out.unicodeScalars.append(v >= 0x61 && v <= 0x7A ? Unicode.Scalar(UInt8(v - 32)) : sc)
        } else {
            out += sc.properties.uppercaseMapping
        }
    }

    static func mapLower(_ sc: Unicode.Scalar, into out: inout String) {
        if sc.isASCII {
            let v = sc.value
            out.unicodeScalars.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(UInt8(v + 32)) : sc)
        } else {
            out += sc.properties.lowercaseMapping
        }
    }

    static func mapTitle(_ sc: Unicode.Scalar, into out: inout String) {
        if sc.isASCII { mapUpper(sc, into: &out) } else { out += sc.properties.titlecaseMapping }
    }

    @inline(__always)
    static func isCased(_ sc: Unicode.Scalar) -> Bool {
        if sc.isASCII {
            let v = sc.value
            return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        return sc.properties.isCased
    }

    /// Python str.title: a letter is title-cased when the previous code point was not cased.
    static func title(_ s: String) -> String {
        if isASCII(s) {
            return asciiMap(s) { buf in
                var previousCased = false
                for i in buf.indices {
                    let b = buf[i]
                    if asciiIsUpper(b) {
                        if previousCased { buf[i] = b + 32 }
                        previousCased = true
                    } else if asciiIsLower(b) {
                        if !previousCased { buf[i] = b - 32 }
                        previousCased = true
                    } else {
                        previousCased = false
                    }
                }
            }
        }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var previousCased = false
        for sc in s.unicodeScalars {
            if previousCased { mapLower(sc, into: &out) } else { mapTitle(sc, into: &out) }
            previousCased = isCased(sc)
        }
        return out
    }

    /// Python str.capitalize (3.8+): first code point title-cased, the rest lowercased.
    static func capitalize(_ s: String) -> String {
        if isASCII(s) {
            return asciiMap(s) { buf in
                for i in buf.indices {
                    let b = buf[i]
                    if i == 0 {
                        if asciiIsLower(b) { buf[i] = b - 32 }
                    } else if asciiIsUpper(b) {
                        buf[i] = b + 32
                    }
                }
            }
        }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var first = true
        for sc in s.unicodeScalars {
            if first { mapTitle(sc, into: &out); first = false } else { mapLower(sc, into: &out) }
        }
        return out
    }

    static func swapcase(_ s: String) -> String {
        var out = ""
        for sc in s.unicodeScalars {
            if sc.properties.isUppercase {
                mapLower(sc, into: &out)
            } else if sc.properties.isLowercase {
                mapUpper(sc, into: &out)
            } else {
                out.unicodeScalars.append(sc)
            }
        }
        return out
    }

    static func casefold(_ s: String) -> String {
        var out = ""
        for sc in s.unicodeScalars {
            if sc.value == 0xDF { out += "ss" } else { mapLower(sc, into: &out) }
        }
        return out
    }

    static func isTitlecase(_ sc: Unicode.Scalar) -> Bool {
        sc.properties.generalCategory == .titlecaseLetter
    }

    static func isLower(_ s: String) -> Bool {
        var cased = false
        for sc in s.unicodeScalars {
            if sc.properties.isUppercase || isTitlecase(sc) { return false }
            if sc.properties.isLowercase { cased = true }
        }
        return cased
    }

    static func isUpper(_ s: String) -> Bool {
        var cased = false
        for sc in s.unicodeScalars {
            if sc.properties.isLowercase || isTitlecase(sc) { return false }
            if sc.properties.isUppercase { cased = true }
        }
        return cased
    }

    static func isTitle(_ s: String) -> Bool {
        var cased = false
        var previousCased = false
        for sc in s.unicodeScalars {
            if sc.properties.isUppercase || isTitlecase(sc) {
                if previousCased { return false }
                previousCased = true
                cased = true
            } else if sc.properties.isLowercase {
                if !previousCased { return false }
                previousCased = true
                cased = true
            } else {
                previousCased = false
            }
        }
        return cased
    }

    // MARK: - Character classes (Python's str.isX predicates)

    static func isAlpha(_ sc: Unicode.Scalar) -> Bool {
        if sc.isASCII {
            let v = sc.value
            return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        switch sc.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return false
        }
    }

    static func isDecimal(_ sc: Unicode.Scalar) -> Bool {
        if sc.isASCII { return sc.value >= 0x30 && sc.value <= 0x39 }
        return sc.properties.numericType == .decimal
    }

    static func isDigit(_ sc: Unicode.Scalar) -> Bool {
        if sc.isASCII { return sc.value >= 0x30 && sc.value <= 0x39 }
        let t = sc.properties.numericType
        return t == .decimal || t == .digit
    }

    static func isNumeric(_ sc: Unicode.Scalar) -> Bool {
        if sc.isASCII { return sc.value >= 0x30 && sc.value <= 0x39 }
        return sc.properties.numericType != nil
    }

    static func isAlnum(_ sc: Unicode.Scalar) -> Bool {
        isAlpha(sc) || isNumeric(sc)
    }

    /// Python's regex `\w` (Unicode): alphanumerics and the underscore.
    @inline(__always)
    static func isWordChar(_ sc: Unicode.Scalar) -> Bool {
        if sc.isASCII {
            let v = sc.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
        }
        return isAlnum(sc)
    }

    /// True when `s` is non-empty and every code point satisfies `pred`.
    static func all(_ s: String, _ pred: (Unicode.Scalar) -> Bool) -> Bool {
        var any = false
        for sc in s.unicodeScalars {
            guard pred(sc) else { return false }
            any = true
        }
        return any
    }

    static func isIdentifier(_ s: String) -> Bool {
        var first = true
        for sc in s.unicodeScalars {
            if first {
                guard sc == "_" || sc.properties.isXIDStart else { return false }
                first = false
            } else {
                guard sc.properties.isXIDContinue else { return false }
            }
        }
        return !first
    }

    // MARK: - Padding

    /// Python str.center; the odd padding column goes left only when both the margin and
    /// the width are odd, exactly as CPython computes it.
    static func center(_ s: String, _ width: Int, _ fill: Unicode.Scalar = " ") -> String {
        let n = length(s)
        guard width > n else { return s }
        let marg = width - n
        let left = marg / 2 + (marg & width & 1)
        return pad(fill, left) + s + pad(fill, marg - left)
    }

    static func ljust(_ s: String, _ width: Int, _ fill: Unicode.Scalar = " ") -> String {
        let n = length(s)
        return width > n ? s + pad(fill, width - n) : s
    }

    static func rjust(_ s: String, _ width: Int, _ fill: Unicode.Scalar = " ") -> String {
        let n = length(s)
        return width > n ? pad(fill, width - n) + s : s
    }

    static func pad(_ fill: Unicode.Scalar, _ n: Int) -> String {
        guard n > 0 else { return "" }
        return String(repeating: String(Character(fill)), count: n)
    }

    static func zfill(_ s: String, _ width: Int) -> String {
        let n = length(s)
        guard width > n else { return s }
        let zeros = String(repeating: "0", count: width - n)
        if let f = s.utf8.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
            return String(s.unicodeScalars.prefix(1)) + zeros + String(s.unicodeScalars.dropFirst())
        }
        return zeros + s
    }

    static func reversed(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.reversed())
        return String(out)
    }
}
