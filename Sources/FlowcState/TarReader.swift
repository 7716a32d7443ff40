// Reads the tar stream `git archive` writes (ustar, with pax extended headers for long paths)
// into path → contents. Directories are implied by the paths; symbolic links and other entry
// types are skipped. Malformed input ends the read with what was complete (git writes the
// stream, so that only happens on a truncated pipe, which git's exit status reports).

enum TarReader {
    static func files(_ b: [UInt8]) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        var i = 0
        var paxPath: String?
        while i + 512 <= b.count {
            let header = b[i..<(i + 512)]
            if header.allSatisfy({ $0 == 0 }) { break }   // end of archive
            let size = octal(b[(i + 124)..<(i + 136)])
            let type = b[i + 156]
            let dataStart = i + 512
            guard size >= 0, dataStart + size <= b.count else { break }
            let data = b[dataStart..<(dataStart + size)]
            switch type {
            case UInt8(ascii: "x"):
                paxPath = paxRecord("path", in: Array(data))
            case UInt8(ascii: "0"), 0:
                let name = paxPath ?? ustarName(b, at: i)
                paxPath = nil
                if !name.isEmpty { out[name] = Array(data) }
            default:
                if type != UInt8(ascii: "g") { paxPath = nil }   // a global header keeps a pending path
            }
            i = dataStart + (size + 511) / 512 * 512
        }
        return out
    }

    /// prefix + "/" + name, from the fixed fields.
    static func ustarName(_ b: [UInt8], at i: Int) -> String {
        let name = cString(b[i..<(i + 100)])
        let prefix = cString(b[(i + 345)..<(i + 500)])
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    static func cString(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    static func octal(_ field: ArraySlice<UInt8>) -> Int {
        var v = 0
        for c in field {
            if c == 0 || c == 0x20 { if v > 0 { break } else { continue } }
            guard c >= 0x30, c <= 0x37 else { return -1 }
            v = v * 8 + Int(c - 0x30)
        }
        return v
    }

    /// The value of `key` in pax records ("<len> key=value\n" …).
    static func paxRecord(_ key: String, in data: [UInt8]) -> String? {
        var i = 0
        while i < data.count {
            var j = i
            while j < data.count, data[j] != 0x20 { j += 1 }
            guard let length = Int(String(decoding: data[i..<j], as: UTF8.self)), j + 1 <= i + length - 1,
                  i + length <= data.count else {
                return nil
            }
            let record = data[(j + 1)..<(i + length - 1)]   // without the trailing newline
            if let eq = record.firstIndex(of: UInt8(ascii: "=")),
               String(decoding: record[record.startIndex..<eq], as: UTF8.self) == key {
                return String(decoding: record[(eq + 1)...], as: UTF8.self)
            }
            i += length
        }
        return nil
    }
}
