// Dates and datetimes in seed CSVs as dbt's type tester reads them: agate's Date and DateTime
// with the formats `%Y-%m-%d` and `%Y-%m-%d %H:%M:%S`, that is Python's strptime, which takes
// one-digit months, days, hours, minutes and seconds (`2021-3-5`, `2021-03-16 0:00:00`), any
// run of white space between date and time, and only dates that exist (`2021-02-30` is text).
import FlowcGraph

struct SeedDate: Equatable {
    var year, month, day: Int
    var hour = 0, minute = 0, second = 0

    /// `value` as strptime reads `%Y-%m-%d`, or, with `time`, `%Y-%m-%d %H:%M:%S`; nil when it
    /// does not match the whole value or names no real date or time.
    static func parse(_ value: String, time: Bool) -> SeedDate? {
        var s = Scanner(Array(value.trimmingSpaces.utf8))
        guard let year = s.digits(exactly: 4), s.take(UInt8(ascii: "-")),
              let month = s.field(max: 12, minTwoDigit: 1, oneDigitMin: 1), s.take(UInt8(ascii: "-")) else { return nil }
        // %d also takes a space before a single digit (` 5`)
        let day: Int?
        if s.peek == UInt8(ascii: " "), let d = s.peekDigit(at: 1), d >= 1, !s.isDigit(at: 2) {
            s.i += 2
            day = d
        } else {
            day = s.field(max: 31, minTwoDigit: 1, oneDigitMin: 1)
        }
        guard let day else { return nil }
        var date = SeedDate(year: year, month: month, day: day)
        if time {
            // a space in the format is `\s+` in strptime's pattern
            guard s.skipWhitespace(), let h = s.field(max: 23, minTwoDigit: 0, oneDigitMin: 0), s.take(UInt8(ascii: ":")),
                  let m = s.field(max: 59, minTwoDigit: 0, oneDigitMin: 0), s.take(UInt8(ascii: ":")),
                  let sec = s.field(max: 61, minTwoDigit: 0, oneDigitMin: 0) else { return nil }
            // the pattern takes 60 and 61; Python's datetime then refuses them
            guard sec <= 59 else { return nil }
            (date.hour, date.minute, date.second) = (h, m, sec)
        }
        guard s.atEnd, date.exists else { return nil }
        return date
    }

    /// Whether the calendar has this day (Python's `date(year, month, day)` accepts it).
    var exists: Bool {
        guard year >= 1, (1...12).contains(month), day >= 1 else { return false }
        return day <= Civil.monthDays(year, month)
    }

    /// The value as dbt loads it (a Python date or datetime): zero-padded ISO text.
    var loaded: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let t = String(n)
            return String(repeating: "0", count: max(0, width - t.count)) + t
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    var loadedDateTime: String { "\(loaded) \(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))" }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}

/// A byte cursor with strptime's field rules.
private struct Scanner {
    let b: [UInt8]
    var i = 0
    init(_ bytes: [UInt8]) { b = bytes }

    var atEnd: Bool { i == b.count }
    var peek: UInt8? { i < b.count ? b[i] : nil }

    func isDigit(at offset: Int) -> Bool { peekDigit(at: offset) != nil }

    func peekDigit(at offset: Int) -> Int? {
        let j = i + offset
        guard j < b.count, b[j] >= 48, b[j] <= 57 else { return nil }
        return Int(b[j] - 48)
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        i += 1
        return true
    }

    mutating func skipWhitespace() -> Bool {
        let start = i
        while let c = peek, c == 32 || (c >= 9 && c <= 13) { i += 1 }
        return i > start
    }

    mutating func digits(exactly n: Int) -> Int? {
        var v = 0
        for k in 0..<n {
            guard let d = peekDigit(at: k) else { return nil }
            v = v * 10 + d
        }
        i += n
        return v
    }

    /// A field of one or two digits, as strptime's alternations (`1[0-2]|0[1-9]|[1-9]` for a
    /// month) match it before a separator: two digits must form a value in range (at least
    /// `minTwoDigit`), one digit one of at least `oneDigitMin`.
    mutating func field(max: Int, minTwoDigit: Int, oneDigitMin: Int) -> Int? {
        guard let first = peekDigit(at: 0) else { return nil }
        if let second = peekDigit(at: 1) {
            let v = first * 10 + second
            guard v >= minTwoDigit, v <= max else { return nil }
            i += 2
            return v
        }
        guard first >= oneDigitMin else { return nil }
        i += 1
        return first
    }
}
