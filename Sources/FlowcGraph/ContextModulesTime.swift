// `modules.datetime.time`: a time of day (hour, minute, second, microsecond), as Python's naive
// `datetime.time` prints, formats and compares; `datetime.combine(date, time)` joins one to a day.
import FlowcTemplate

final class TimeOfDayObject: TemplateObject {
    /// Microseconds since midnight.
    let micros: Int
    init(micros: Int) { self.micros = micros }

    static func make(_ h: Int, _ mi: Int, _ s: Int, _ us: Int) throws -> TimeOfDayObject {
        guard (0...23).contains(h) else { throw TemplateError(.value, "hour must be in 0..23") }
        guard (0...59).contains(mi) else { throw TemplateError(.value, "minute must be in 0..59") }
        guard (0...59).contains(s) else { throw TemplateError(.value, "second must be in 0..59") }
        guard (0...999_999).contains(us) else { throw TemplateError(.value, "microsecond must be in 0..999999") }
        return TimeOfDayObject(micros: ((h * 60 + mi) * 60 + s) * 1_000_000 + us)
    }

    var parts: (h: Int, mi: Int, s: Int, us: Int) {
        let secs = micros / 1_000_000
        return (secs / 3600, secs / 60 % 60, secs % 60, micros % 1_000_000)
    }

    var typeName: String { "time" }
    var string: String {
        let p = parts
        return "\(pad(p.h, 2)):\(pad(p.mi, 2)):\(pad(p.s, 2))" + (p.us != 0 ? "." + pad(p.us, 6) : "")
    }
    var pythonRepr: String {
        let p = parts
        var fields = [p.h, p.mi]
        if p.s != 0 || p.us != 0 { fields.append(p.s) }
        if p.us != 0 { fields.append(p.us) }
        return "datetime.time(" + fields.map(String.init).joined(separator: ", ") + ")"
    }
    func render(renderer: Renderer) throws -> String { string }
    var truthy: Bool { true }
    var hashKey: String? { "t" + String(micros) }
    /// The time on 1900-01-01, as Python formats a time (`strftime`, format specs).
    private var onFirstDay: DateTimeObject {
        DateTimeObject(micros: Civil.days(1900, 1, 1) * DateTimeObject.microsPerDay + micros)
    }
    func format(_ spec: String) throws -> String? { onFirstDay.strftime(spec) }

    func order(_ other: Value) throws -> Int? {
        guard case .object(let o) = other, let t = o as? TimeOfDayObject else { return nil }
        return micros < t.micros ? -1 : (micros == t.micros ? 0 : 1)
    }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        let p = parts
        switch name {
        case "hour": return .int(p.h)
        case "minute": return .int(p.mi)
        case "second": return .int(p.s)
        case "microsecond": return .int(p.us)
        case "tzinfo": return Value.none
        case "isoformat": return fn(name) { [self] _, _ in .string(string) }
        case "strftime": return try onFirstDay.attribute(name, renderer: renderer)
        case "replace":
            return fn(name) { [self] args, _ in
                let s = try args.bind(name, ["hour", "minute", "second", "microsecond"])
                let cur = [p.h, p.mi, p.s, p.us]
                let v = (0..<4).map { i in i < s.count ? (s[i]?.intValue ?? cur[i]) : cur[i] }
                return .object(try TimeOfDayObject.make(v[0], v[1], v[2], v[3]))
            }
        default: return nil
        }
    }

    /// The `datetime.time` class: `time(hour=0, minute=0, second=0, microsecond=0)`.
    static func classObject() -> ClassObject {
        ClassObject("time", [
            "min": .object(TimeOfDayObject(micros: 0)),
            "max": .object(TimeOfDayObject(micros: DateTimeObject.microsPerDay - 1)),
        ]) { args, _ in
            let s = try args.bind("time", ["hour", "minute", "second", "microsecond"])
            return .object(try make(try DateTimeModule.int(s[0], "hour", 0), try DateTimeModule.int(s[1], "minute", 0),
                                    try DateTimeModule.int(s[2], "second", 0), try DateTimeModule.int(s[3], "microsecond", 0)))
        }
    }
}
