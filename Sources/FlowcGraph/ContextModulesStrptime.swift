// Python's `datetime.strptime` for `modules.datetime`: numeric fields, month and weekday names,
// AM/PM, the day of the year and a UTC offset (`%z`, which makes an aware datetime).
import FlowcTemplate

extension DateTimeModule {
    /// Python's strptime: numeric fields (%Y %m %d %H %M %S %f %y %j), names (%b %B %a %A %p),
    /// the offset (%z, making an aware datetime) and literal text.
    static func strptime(_ s: String, _ fmt: String) throws -> DateTimeObject {
        let text = Array(s.unicodeScalars)
        var pos = 0
        var y = 1900, m = 1, d = 1, h = 0, mi = 0, sec = 0, us = 0
        var pm: Bool? = nil
        var julian: Int? = nil
        var offset: ZoneOffset? = nil
        func fail() -> TemplateError { TemplateError(.value, "time data \(Value.string(s).pythonRepr) does not match format \(Value.string(fmt).pythonRepr)") }
        func number(_ maxDigits: Int) throws -> Int {
            var n = 0, count = 0
            while pos < text.count, count < maxDigits, let dv = Int(String(text[pos])), text[pos].isASCII {
                n = n * 10 + dv; pos += 1; count += 1
            }
            guard count > 0 else { throw fail() }
            return n
        }
        var it = Array(fmt.unicodeScalars).makeIterator()
        while let c = it.next() {
            if c == "%", let f = it.next() {
                switch f {
                case "Y": y = try number(4)
                case "y": let v = try number(2); y = v < 69 ? 2000 + v : 1900 + v
                case "m": m = try number(2)
                case "d": d = try number(2)
                case "H", "I": h = try number(2)
                case "M": mi = try number(2)
                case "S": sec = try number(2)
                case "f":
                    let start = pos
                    let v = try number(6)
                    var scaled = v
                    for _ in (pos - start)..<6 { scaled *= 10 }
                    us = scaled
                case "p":
                    let rest = String(String.UnicodeScalarView(text[pos...].prefix(2))).uppercased()
                    guard rest == "AM" || rest == "PM" else { throw fail() }
                    pm = rest == "PM"; pos += 2
                case "b", "B":
                    let rest = String(String.UnicodeScalarView(text[pos...])).lowercased()
                    guard let i = Civil.monthNames.firstIndex(where: { rest.hasPrefix($0.lowercased()) || rest.hasPrefix($0.prefix(3).lowercased()) })
                    else { throw fail() }
                    m = i + 1
                    pos += rest.hasPrefix(Civil.monthNames[i].lowercased()) && f == "B" ? Civil.monthNames[i].count : 3
                case "j": julian = try number(3)
                case "a", "A":
                    // the weekday's name is read and, as in Python, not checked against the date
                    let rest = String(String.UnicodeScalarView(text[pos...])).lowercased()
                    let names = Civil.dayNames.map { f == "a" ? String($0.prefix(3)) : $0 }
                    guard let name = names.first(where: { rest.hasPrefix($0.lowercased()) }) else { throw fail() }
                    pos += name.count
                case "z":
                    guard let z = zoneOffset(text, &pos) else { throw fail() }
                    offset = z
                case "%":
                    guard pos < text.count, text[pos] == "%" else { throw fail() }
                    pos += 1
                default: throw TemplateError(.value, "strptime directive '%\(f)' is not supported")
                }
            } else if c == " " {
                while pos < text.count, text[pos] == " " { pos += 1 }
            } else {
                guard pos < text.count, text[pos] == c else { throw fail() }
                pos += 1
            }
        }
        guard pos == text.count else { throw TemplateError(.value, "unconverted data remains: \(String(String.UnicodeScalarView(text[pos...])))") }
        if let pm { h = h % 12 + (pm ? 12 : 0) }
        if let julian {
            // %j gives the day of the year, which Python uses for the month and day
            guard (1...(Civil.isLeap(y) ? 366 : 365)).contains(julian) else { throw fail() }
            (_, m, d) = Civil.date(Civil.days(y, 1, 1) + julian - 1)
        }
        let made = try DateTimeObject.make(y, m, d, h, mi, sec, us)
        return offset.map { DateTimeObject(micros: made.micros, zone: $0) } ?? made
    }

    /// Python's %z: `Z`, or a sign and HHMM, HH:MM, HHMMSS or HH:MM:SS, as a fixed offset
    /// (`datetime.timezone`); nil when the text there is none of these.
    static func zoneOffset(_ text: [Unicode.Scalar], _ pos: inout Int) -> ZoneOffset? {
        guard pos < text.count else { return nil }
        if text[pos] == "Z" || text[pos] == "z" { pos += 1; return .fixed(seconds: 0) }
        guard text[pos] == "+" || text[pos] == "-" else { return nil }
        let negative = text[pos] == "-"
        var i = pos + 1
        var fields: [Int] = []
        while fields.count < 3 {
            if fields.count > 0, i < text.count, text[i] == ":" { i += 1 }
            guard i + 1 < text.count, let a = Int(String(text[i])), let b = Int(String(text[i + 1])),
                  text[i].isASCII, text[i + 1].isASCII else { break }
            fields.append(a * 10 + b)
            i += 2
        }
        guard fields.count >= 2, fields[0] < 24, fields[1] < 60, fields.count < 3 || fields[2] < 60 else { return nil }
        pos = i
        let seconds = fields[0] * 3600 + fields[1] * 60 + (fields.count > 2 ? fields[2] : 0)
        return .fixed(seconds: negative ? -seconds : seconds)
    }
}
