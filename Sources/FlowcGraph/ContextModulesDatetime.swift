// `modules.datetime`: datetime, date and timedelta on pure calendar arithmetic, printing and
// formatting as Python does; aware datetimes carry their offset (ContextModulesTimeZone.swift),
// strptime reads text (ContextModulesStrptime.swift), `time` is ContextModulesTime.swift.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FlowcProject
import FlowcTemplate

// MARK: - datetime

/// Proleptic Gregorian calendar arithmetic, shared by the datetime module, seed dates and
/// freshness times.
public enum Civil {
    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y - 1 : y
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The (year, month, day) of a day number `days` gives.
    public static func date(_ z: Int) -> (Int, Int, Int) {
        let z = z + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }

    public static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }
    public static func monthDays(_ y: Int, _ m: Int) -> Int {
        [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Microseconds since the epoch, now.
    static func nowMicros() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int(ts.tv_sec) * 1_000_000 + Int(ts.tv_nsec) / 1000
    }
}

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(abs(n))
    return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
}

func floorDiv(_ a: Int, _ b: Int) -> (Int, Int) {
    var q = a / b, r = a % b
    if r < 0 { q -= 1; r += b }
    return (q, r)
}

/// A `datetime.datetime` (or a `datetime.date` when `isDate`), as microseconds since the epoch.
final class DateTimeObject: TemplateObject {
    static let microsPerDay = 86_400_000_000
    let micros: Int
    let isDate: Bool
    /// An aware datetime's offset (`micros` is then its wall-clock time there); nil when naive.
    let zone: ZoneOffset?
    /// An aware datetime in UTC (dbt's `run_started_at`).
    var utc: Bool { zone?.isUTC == true }

    init(micros: Int, isDate: Bool = false, utc: Bool = false) {
        self.micros = isDate ? floorDiv(micros, DateTimeObject.microsPerDay).0 * DateTimeObject.microsPerDay : micros
        self.isDate = isDate
        self.zone = utc && !isDate ? .utc : nil
    }

    init(micros: Int, zone: ZoneOffset?) {
        self.micros = micros
        self.isDate = false
        self.zone = zone
    }

    /// The instant, microseconds since the epoch in UTC (a naive datetime counts as UTC, the
    /// server's local time).
    var instant: Int { micros - (zone?.seconds ?? 0) * 1_000_000 }

    /// "2026-11-22T17:00:51.967Z" (how flowc records the run's start) as an aware UTC datetime.
    static func utc(iso text: String) -> DateTimeObject? {
        let naive = (try? DateTimeModule.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ"))
            ?? (try? DateTimeModule.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))
        return naive.map { DateTimeObject(micros: $0.micros, utc: true) }
    }

    static func make(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0, _ us: Int = 0,
                     isDate: Bool = false) throws -> DateTimeObject {
        guard (1...9999).contains(y) else { throw TemplateError(.value, "year \(y) is out of range") }
        guard (1...12).contains(m) else { throw TemplateError(.value, "month must be in 1..12") }
        guard (1...Civil.monthDays(y, m)).contains(d) else { throw TemplateError(.value, "day is out of range for month") }
        guard (0...23).contains(h) else { throw TemplateError(.value, "hour must be in 0..23") }
        guard (0...59).contains(mi) else { throw TemplateError(.value, "minute must be in 0..59") }
        guard (0...59).contains(s) else { throw TemplateError(.value, "second must be in 0..59") }
        guard (0...999_999).contains(us) else { throw TemplateError(.value, "microsecond must be in 0..999999") }
        let days = Civil.days(y, m, d)
        return DateTimeObject(micros: days * microsPerDay + ((h * 60 + mi) * 60 + s) * 1_000_000 + us, isDate: isDate)
    }

    var parts: (y: Int, m: Int, d: Int, h: Int, mi: Int, s: Int, us: Int, days: Int) {
        let (days, rem) = floorDiv(micros, DateTimeObject.microsPerDay)
        let (y, m, d) = Civil.date(days)
        let secs = rem / 1_000_000
        return (y, m, d, secs / 3600, secs / 60 % 60, secs % 60, rem % 1_000_000, days)
    }

    var typeName: String { isDate ? "date" : "datetime" }
    var weekday: Int { floorDiv(parts.days + 3, 7).1 }  // 1970-01-01 was a Thursday (3)
    /// Days since January 1st (0-based).
    var yday: Int { parts.days - Civil.days(parts.y, 1, 1) }

    /// The ISO 8601 year and week (%G, %V): weeks start on Monday, and week 1 holds the year's
    /// first Thursday.
    var isoWeek: (year: Int, week: Int) {
        func weeks(_ y: Int) -> Int {
            let jan1 = floorDiv(Civil.days(y, 1, 1) + 3, 7).1
            return jan1 == 3 || (Civil.isLeap(y) && jan1 == 2) ? 53 : 52
        }
        let y = parts.y
        let week = (yday + 1 - (weekday + 1) + 10) / 7
        if week < 1 { return (y - 1, weeks(y - 1)) }
        if week > weeks(y) { return (y + 1, 1) }
        return (y, week)
    }

    var string: String {
        let p = parts
        let date = "\(pad(p.y, 4))-\(pad(p.m, 2))-\(pad(p.d, 2))"
        return isDate ? date : date + " " + time(p) + (zone?.isoText ?? "")
    }
    /// Python's isoformat(): the date, or date "T" time (and zone).
    var isoText: String { isDate ? string : string.replacingFirstSpace(with: "T") }
    func time(_ p: (y: Int, m: Int, d: Int, h: Int, mi: Int, s: Int, us: Int, days: Int)) -> String {
        "\(pad(p.h, 2)):\(pad(p.mi, 2)):\(pad(p.s, 2))" + (p.us != 0 ? "." + pad(p.us, 6) : "")
    }
    var pythonRepr: String {
        let p = parts
        if isDate { return "datetime.date(\(p.y), \(p.m), \(p.d))" }
        var fields = [p.y, p.m, p.d, p.h, p.mi]
        if p.s != 0 || p.us != 0 { fields.append(p.s) }
        if p.us != 0 { fields.append(p.us) }
        return "datetime.datetime(" + fields.map(String.init).joined(separator: ", ") + (zone.map { ", tzinfo=" + $0.pythonRepr } ?? "") + ")"
    }
    func render(renderer: Renderer) throws -> String { string }
    /// `"{:%Y-%m}".format(d)`: Python's date and datetime format with strftime.
    func format(_ spec: String) throws -> String? { strftime(spec) }

    func strftime(_ fmt: String) -> String {
        let p = parts
        var out = ""
        var it = fmt.makeIterator()
        while let c = it.next() {
            guard c == "%", let f = it.next() else { out.append(c); continue }
            switch f {
            case "Y": out += pad(p.y, 4)
            case "y": out += pad(p.y % 100, 2)
            case "m": out += pad(p.m, 2)
            case "d": out += pad(p.d, 2)
            case "H": out += pad(p.h, 2)
            case "I": out += pad(p.h % 12 == 0 ? 12 : p.h % 12, 2)
            case "p": out += p.h < 12 ? "AM" : "PM"
            case "M": out += pad(p.mi, 2)
            case "S": out += pad(p.s, 2)
            case "f": out += pad(p.us, 6)
            case "j": out += pad(p.days - Civil.days(p.y, 1, 1) + 1, 3)
            case "b": out += String(Civil.monthNames[p.m - 1].prefix(3))
            case "B": out += Civil.monthNames[p.m - 1]
            case "a": out += String(Civil.dayNames[weekday].prefix(3))
            case "A": out += Civil.dayNames[weekday]
            case "w": out += String((weekday + 1) % 7)
            case "u": out += String(weekday + 1)
            case "F": out += "\(pad(p.y, 4))-\(pad(p.m, 2))-\(pad(p.d, 2))"
            case "T": out += "\(pad(p.h, 2)):\(pad(p.mi, 2)):\(pad(p.s, 2))"
            case "U": out += pad((yday + 7 - (weekday + 1) % 7) / 7, 2)
            case "W": out += pad((yday + 7 - weekday) / 7, 2)
            case "G": out += pad(isoWeek.year, 4)
            case "g": out += pad(isoWeek.year % 100, 2)
            case "V": out += pad(isoWeek.week, 2)
            case "C": out += pad(p.y / 100, 2)
            case "e": out += (p.d < 10 ? " " : "") + String(p.d)
            case "h": out += String(Civil.monthNames[p.m - 1].prefix(3))
            case "D": out += "\(pad(p.m, 2))/\(pad(p.d, 2))/\(pad(p.y % 100, 2))"
            case "R": out += "\(pad(p.h, 2)):\(pad(p.mi, 2))"
            // the C locale's, as Python's strftime prints them
            case "c": out += strftime("%a %b %e %H:%M:%S %Y")
            case "x": out += strftime("%m/%d/%y")
            case "X": out += strftime("%H:%M:%S")
            case "n": out += "\n"
            case "t": out += "\t"
            case "z": out += zone?.compactText ?? ""  // naive datetimes have no offset
            case "Z": out += zone?.abbreviation ?? ""
            case "%": out += "%"
            default: out.append("%"); out.append(f)
            }
        }
        return out
    }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        let p = parts
        switch name {
        case "year": return .int(p.y)
        case "month": return .int(p.m)
        case "day": return .int(p.d)
        case "hour" where !isDate: return .int(p.h)
        case "minute" where !isDate: return .int(p.mi)
        case "second" where !isDate: return .int(p.s)
        case "microsecond" where !isDate: return .int(p.us)
        case "strftime":
            return fn(name) { [self] args, _ in
                let s = try args.bind(name, ["format"])
                return .string(strftime(s[0]?.stringValue ?? ""))
            }
        case "isoformat":
            return fn(name) { [self] args, _ in
                let s = try args.bind(name, ["sep"])
                guard !isDate, let sep = s[0]?.stringValue else { return .string(isoText) }
                return .string(string.replacingFirstSpace(with: sep))
            }
        case "date" where !isDate:
            return fn(name) { [self] _, _ in .object(DateTimeObject(micros: micros, isDate: true)) }
        case "time" where !isDate:
            return fn(name) { [self] _, _ in .object(TimeOfDayObject(micros: floorDiv(micros, DateTimeObject.microsPerDay).1)) }
        case "tzinfo" where !isDate:
            guard let zone else { return Value.none }
            return zone.isUTC ? .object(UTCZone()) : .object(LocalizedZone(zone))
        case "utcoffset" where !isDate:
            return fn(name) { [self] _, _ in zone.map { .object(TimeDeltaObject(micros: $0.seconds * 1_000_000)) } ?? Value.none }
        case "astimezone" where !isDate:
            return fn(name) { [self] args, _ in
                guard let offsets = NamedZone.offsets(of: args.positional.first ?? args.keyword("tz")) else {
                    throw TemplateError(.type, "astimezone() argument 1 must be a time zone (modules.pytz.timezone(...) or modules.pytz.utc)")
                }
                let to = offsets(instant)
                return .object(DateTimeObject(micros: try DateRange.checked(instant + to.seconds * 1_000_000), zone: to))
            }
        case "isocalendar":
            // a named tuple in Python; as a tuple it prints and indexes alike
            return fn(name) { [self] _, _ in .tuple([.int(isoWeek.year), .int(isoWeek.week), .int(weekday + 1)]) }
        case "toordinal": return fn(name) { [self] _, _ in .int(p.days - Civil.days(1, 1, 1) + 1) }
        case "ctime": return fn(name) { [self] _, _ in .string(strftime("%a %b %e %H:%M:%S %Y")) }
        case "weekday": return fn(name) { [self] _, _ in .int(weekday) }
        case "isoweekday": return fn(name) { [self] _, _ in .int(weekday + 1) }
        case "timestamp" where !isDate: return fn(name) { [self] _, _ in .double(Double(instant) / 1e6) }
        case "replace":
            return fn(name) { [self] args, _ in
                let names = isDate ? ["year", "month", "day"] : ["year", "month", "day", "hour", "minute", "second", "microsecond"]
                let s = try args.bind(name, names)
                let cur = [p.y, p.m, p.d, p.h, p.mi, p.s, p.us]
                let v = (0..<7).map { i in i < s.count ? (s[i]?.intValue ?? cur[i]) : cur[i] }
                let made = try DateTimeObject.make(v[0], v[1], v[2], v[3], v[4], v[5], v[6], isDate: isDate)
                return .object(isDate ? made : DateTimeObject(micros: made.micros, zone: zone))
            }
        case "add": return fn(name) { [self] args, _ in try plus(args.positional.first ?? .none) }
        case "subtract", "sub": return fn(name) { [self] args, _ in try minus(args.positional.first ?? .none) }
        default: return nil
        }
    }

    func plus(_ other: Value) throws -> Value {
        guard let r = try add(other, reversed: false) else {
            throw TemplateError(.type, "unsupported operand type(s) for +: '\(typeName)' and '\(other.typeName)'")
        }
        return r
    }
    func minus(_ other: Value) throws -> Value {
        guard let r = try subtract(other, reversed: false) else {
            throw TemplateError(.type, "unsupported operand type(s) for -: '\(typeName)' and '\(other.typeName)'")
        }
        return r
    }

    func add(_ other: Value, reversed: Bool) throws -> Value? {
        guard case .object(let o) = other, let td = o as? TimeDeltaObject else { return nil }
        return .object(try shifted(by: td, negated: false))
    }

    /// This date or datetime moved by a timedelta, within Python's years 1...9999. A date
    /// moves by the timedelta's `days` only, as Python's `date ± timedelta(days=td.days)`.
    /// An aware datetime keeps its offset, as pytz's do (normalize() moves it across DST).
    func shifted(by td: TimeDeltaObject, negated: Bool) throws -> DateTimeObject {
        let day = TimeDeltaRange.microsPerDay
        let delta = isDate ? TimeDeltaRange.floorDiv(td.micros, day) * day : td.micros
        let moved = try DateRange.checked(Int128(micros) + (negated ? -delta : delta))
        return isDate ? DateTimeObject(micros: moved, isDate: true) : DateTimeObject(micros: moved, zone: zone)
    }

    /// Equal dates and datetimes are one dict key (a naive and an aware one never equal).
    var hashKey: String? { (isDate ? "d" : zone == nil ? "n" : "a") + String(instant) }

    /// Python's date and datetime ordering: by instant for aware datetimes; a date never
    /// orders against a datetime, nor a naive datetime against an aware one.
    func order(_ other: Value) throws -> Int? {
        guard case .object(let o) = other, let dt = o as? DateTimeObject else { return nil }
        guard dt.isDate == isDate else { throw TemplateError(.type, "can't compare datetime.datetime to datetime.date") }
        guard (zone == nil) == (dt.zone == nil) else {
            throw TemplateError(.type, "can't compare offset-naive and offset-aware datetimes")
        }
        return instant < dt.instant ? -1 : (instant == dt.instant ? 0 : 1)
    }

    func subtract(_ other: Value, reversed: Bool) throws -> Value? {
        guard case .object(let o) = other else { return nil }
        if let td = o as? TimeDeltaObject, !reversed {
            return .object(try shifted(by: td, negated: true))
        }
        if let dt = o as? DateTimeObject, dt.isDate == isDate {
            guard (zone == nil) == (dt.zone == nil) else {
                throw TemplateError(.type, "can't subtract offset-naive and offset-aware datetimes")
            }
            return .object(TimeDeltaObject(micros: reversed ? dt.instant - instant : instant - dt.instant))
        }
        return nil
    }
}

extension String {
    fileprivate func replacingFirstSpace(with sep: String) -> String {
        guard let i = firstIndex(of: " ") else { return self }
        return self[..<i] + sep + self[index(after: i)...]
    }
}

final class TimeDeltaObject: TemplateObject {
    /// Within Python's ±999,999,999 days (ContextModulesDatetimeRange.swift).
    let micros: Int128
    /// Differences of datetimes and zone offsets, always far inside the range.
    init(micros: Int) { self.micros = Int128(micros) }
    private init(checked micros: Int128) { self.micros = micros }

    /// A timedelta of `micros`, or Python's OverflowError past its range.
    static func make(_ micros: Int128) throws -> TimeDeltaObject {
        TimeDeltaObject(checked: try TimeDeltaRange.checked(micros))
    }

    var parts: (days: Int, seconds: Int, us: Int) {
        let days = TimeDeltaRange.floorDiv(micros, TimeDeltaRange.microsPerDay)
        let rem = Int(micros - days * TimeDeltaRange.microsPerDay)  // 0 ..< one day
        return (Int(days), rem / 1_000_000, rem % 1_000_000)
    }

    var typeName: String { "timedelta" }
    var hashKey: String? { String(micros) }
    func order(_ other: Value) throws -> Int? {
        guard case .object(let o) = other, let td = o as? TimeDeltaObject else { return nil }
        return micros < td.micros ? -1 : (micros == td.micros ? 0 : 1)
    }
    var truthy: Bool { micros != 0 }
    var string: String {
        let p = parts
        var s = p.days != 0 ? "\(p.days) day\(abs(p.days) == 1 ? "" : "s"), " : ""
        s += "\(p.seconds / 3600):\(pad(p.seconds / 60 % 60, 2)):\(pad(p.seconds % 60, 2))"
        if p.us != 0 { s += "." + pad(p.us, 6) }
        return s
    }
    var pythonRepr: String {
        let p = parts
        var f: [String] = []
        if p.days != 0 { f.append("days=\(p.days)") }
        if p.seconds != 0 { f.append("seconds=\(p.seconds)") }
        if p.us != 0 { f.append("microseconds=\(p.us)") }
        return "datetime.timedelta(" + (f.isEmpty ? "0" : f.joined(separator: ", ")) + ")"
    }
    func render(renderer: Renderer) throws -> String { string }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "days": return .int(parts.days)
        case "seconds": return .int(parts.seconds)
        case "microseconds": return .int(parts.us)
        case "total_seconds": return fn(name) { [self] _, _ in .double(Double(micros) / 1e6) }
        default: return nil
        }
    }

    func add(_ other: Value, reversed: Bool) throws -> Value? {
        guard case .object(let o) = other else { return nil }
        if let td = o as? TimeDeltaObject { return .object(try TimeDeltaObject.make(micros + td.micros)) }
        if let dt = o as? DateTimeObject { return try dt.add(.object(self), reversed: true) }
        return nil
    }

    func subtract(_ other: Value, reversed: Bool) throws -> Value? {
        guard case .object(let o) = other, let td = o as? TimeDeltaObject else { return nil }
        return .object(try TimeDeltaObject.make(reversed ? td.micros - micros : micros - td.micros))
    }

    /// Python's timedelta arithmetic: times a number, divided by a number (rounding half to
    /// even) or by a timedelta (a float; `//` an int), and `%` by a timedelta.
    func arithmetic(_ op: String, _ other: Value, reversed: Bool) throws -> Value? {
        let zero = TemplateError(.zeroDivision, "integer division or modulo by zero")
        if case .object(let o) = other, let td = o as? TimeDeltaObject {
            let (a, b) = reversed ? (td.micros, micros) : (micros, td.micros)
            switch op {
            case "/":
                guard b != 0 else { throw TemplateError(.zeroDivision, "division by zero") }
                return .double(Double(a) / Double(b))
            case "//":
                guard b != 0 else { throw zero }
                return .int(Int(TimeDeltaRange.floorDiv(a, b)))
            case "%":
                guard b != 0 else { throw zero }
                return .object(try TimeDeltaObject.make(a - TimeDeltaRange.floorDiv(a, b) * b))
            default: return nil
            }
        }
        if case .bool = other { return nil }
        switch (op, reversed) {
        case ("*", _):
            if let n = other.intValue { return .object(try TimeDeltaObject.make(micros * Int128(n))) }
            if let x = other.doubleValue { return .object(try TimeDeltaObject.make(try TimeDeltaObject.rounded(Double(micros) * x))) }
        case ("/", false):
            if let n = other.intValue {
                guard n != 0 else { throw TemplateError(.zeroDivision, "division by zero") }
                return .object(try TimeDeltaObject.make(try TimeDeltaObject.rounded(Double(micros) / Double(n))))
            }
            if let x = other.doubleValue {
                guard x != 0 else { throw TemplateError(.zeroDivision, "float division by zero") }
                return .object(try TimeDeltaObject.make(try TimeDeltaObject.rounded(Double(micros) / x)))
            }
        case ("//", false):
            if let n = other.intValue {
                guard n != 0 else { throw zero }
                return .object(try TimeDeltaObject.make(TimeDeltaRange.floorDiv(micros, Int128(n))))
            }
        default: break
        }
        return nil
    }

    /// Microseconds from a float product or quotient, half to even, as Python rounds them.
    static func rounded(_ x: Double) throws -> Int128 {
        guard x.isFinite, x.magnitude < 1e20 else { throw TemplateError(.overflow, "cannot convert float infinity to integer") }
        return Int128(x.rounded(.toNearestOrEven))
    }
}

/// A callable class with class methods (`datetime.now()`, `date.today()`).
final class ClassObject: TemplateObject {
    let name: String
    let members: [String: Value]
    let constructor: (Arguments, Renderer) throws -> Value
    init(_ name: String, _ members: [String: Value], _ constructor: @escaping (Arguments, Renderer) throws -> Value) {
        self.name = name
        self.members = members
        self.constructor = constructor
    }
    var typeName: String { "type" }
    var pythonRepr: String { "<class 'datetime.\(name)'>" }
    func render(renderer: Renderer) throws -> String { pythonRepr }
    func attribute(_ attr: String, renderer: Renderer) throws -> Value? { members[attr] }
    func call(_ args: Arguments, renderer: Renderer) throws -> Value? { try constructor(args, renderer) }
}

enum DateTimeModule {
    static func int(_ v: Value?, _ name: String, _ def: Int? = nil) throws -> Int {
        if let v, let i = v.intValue { return i }
        if v == nil, let def { return def }
        throw TemplateError(.type, "'\(name)' must be an integer")
    }

    static func make() -> TableObject {
        let now = fn("now") { args, _ in
            let instant = Civil.nowMicros()
            guard let offsets = NamedZone.offsets(of: args.positional.first ?? args.keyword("tz")) else {
                return .object(DateTimeObject(micros: instant))
            }
            let to = offsets(instant)
            return .object(DateTimeObject(micros: instant + to.seconds * 1_000_000, zone: to))
        }
        let utcnow = fn("utcnow") { _, _ in .object(DateTimeObject(micros: Civil.nowMicros())) }
        let datetime = ClassObject("datetime", [
            "now": now, "utcnow": utcnow,
            // Python's datetime.today(): the current time, naive, as now() without a zone
            "today": fn("today") { _, _ in .object(DateTimeObject(micros: Civil.nowMicros())) },
            "strptime": fn("strptime") { args, _ in
                let s = try args.bind("strptime", ["date_string", "format"])
                return .object(try strptime(s[0]?.stringValue ?? "", s[1]?.stringValue ?? ""))
            },
            "fromisoformat": fn("fromisoformat") { args, _ in
                let s = args.positional.first?.stringValue ?? ""
                let fmt = s.count <= 10 ? "%Y-%m-%d" : s.contains(".") ? "%Y-%m-%dT%H:%M:%S.%f" : s.count <= 16 ? "%Y-%m-%dT%H:%M" : "%Y-%m-%dT%H:%M:%S"
                return .object(try strptime(s.replacingFirstSpace(with: "T"), fmt))
            },
            "fromtimestamp": fn("fromtimestamp") { args, _ in
                let s = try args.bind("fromtimestamp", ["timestamp", "tz"])
                guard let t = s[0] else { throw TemplateError(.type, "fromtimestamp() missing required argument 'timestamp' (pos 1)") }
                guard let seconds = t.doubleValue else {
                    throw TemplateError(.type, "'\(t.typeName)' object cannot be interpreted as an integer")
                }
                let instant = try DateRange.fromTimestamp(seconds)
                guard let tz = s[1], !tz.isNone else { return .object(DateTimeObject(micros: instant)) }
                guard let offsets = NamedZone.offsets(of: tz) else {
                    throw TemplateError(.type, "tzinfo argument must be None or of a tzinfo subclass, not type '\(tz.typeName)'")
                }
                let to = offsets(instant)
                return .object(DateTimeObject(micros: try DateRange.checked(Int128(instant) + Int128(to.seconds) * 1_000_000), zone: to))
            },
            "combine": fn("combine") { args, _ in
                let s = try args.bind("combine", ["date", "time"])
                guard case .object(let a)? = s[0], let day = a as? DateTimeObject,
                      case .object(let b)? = s[1], let clock = b as? TimeOfDayObject else {
                    throw TemplateError(.type, "combine() argument 1 must be datetime.date and argument 2 datetime.time")
                }
                let dayStart = floorDiv(day.micros, DateTimeObject.microsPerDay).0 * DateTimeObject.microsPerDay
                return .object(DateTimeObject(micros: dayStart + clock.micros))
            },
            "min": .object(DateTimeObject(micros: Civil.days(1, 1, 1) * DateTimeObject.microsPerDay)),
            "max": .object(DateTimeObject(micros: (Civil.days(9999, 12, 31) + 1) * DateTimeObject.microsPerDay - 1)),
        ]) { args, _ in
            let s = try args.bind("datetime", ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo"])
            let made = try DateTimeObject.make(try int(s[0], "year"), try int(s[1], "month"), try int(s[2], "day"),
                                               try int(s[3], "hour", 0), try int(s[4], "minute", 0),
                                               try int(s[5], "second", 0), try int(s[6], "microsecond", 0))
            // pytz: a zone given as tzinfo= is its first offset (LMT), not the date's
            guard case .object(let z)? = s[7] else { return .object(made) }
            if z is UTCZone { return .object(DateTimeObject(micros: made.micros, zone: .utc)) }
            if let named = z as? NamedZone { return .object(DateTimeObject(micros: made.micros, zone: named.lmt)) }
            if let localized = z as? LocalizedZone { return .object(DateTimeObject(micros: made.micros, zone: localized.offset)) }
            throw TemplateError(.type, "tzinfo argument must be None or of a tzinfo subclass, not type '\(z.typeName)'")
        }
        let date = ClassObject("date", [
            "today": fn("today") { _, _ in .object(DateTimeObject(micros: Civil.nowMicros(), isDate: true)) },
            "fromisoformat": fn("fromisoformat") { args, _ in
                guard let text = args.positional.first?.stringValue else {
                    throw TemplateError(.type, "fromisoformat: argument must be str")
                }
                // YYYY-MM-DD, or the basic form YYYYMMDD
                let compact = text.count == 8 && text.allSatisfy { $0.isASCII && $0.isNumber }
                guard let day = try? strptime(text, compact ? "%Y%m%d" : "%Y-%m-%d"), compact || text.count == 10 else {
                    throw TemplateError(.value, "Invalid isoformat string: \(Value.string(text).pythonRepr)")
                }
                return .object(DateTimeObject(micros: day.micros, isDate: true))
            },
            "fromordinal": fn("fromordinal") { args, _ in
                let n = try int(args.positional.first, "ordinal")
                guard (1...3_652_059).contains(n) else { throw TemplateError(.value, "ordinal must be >= 1") }
                return .object(DateTimeObject(micros: (Civil.days(1, 1, 1) + n - 1) * DateTimeObject.microsPerDay, isDate: true))
            },
            "min": .object(DateTimeObject(micros: Civil.days(1, 1, 1) * DateTimeObject.microsPerDay, isDate: true)),
            "max": .object(DateTimeObject(micros: Civil.days(9999, 12, 31) * DateTimeObject.microsPerDay, isDate: true)),
        ]) { args, _ in
            let s = try args.bind("date", ["year", "month", "day"])
            return .object(try DateTimeObject.make(try int(s[0], "year"), try int(s[1], "month"), try int(s[2], "day"), isDate: true))
        }
        let timedelta = ClassObject("timedelta", [:]) { args, _ in
            let s = try args.bind("timedelta", ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"])
            let scales: [Int128] = [86_400_000_000, 1_000_000, 1, 1_000, 60_000_000, 3_600_000_000, 604_800_000_000]
            return .object(try TimeDeltaObject.make(try TimeDeltaRange.micros(s, scales: scales)))
        }
        return TableObject("module", ["datetime": .object(datetime), "date": .object(date), "timedelta": .object(timedelta),
                                      "time": .object(TimeOfDayObject.classObject())])
    }
}
