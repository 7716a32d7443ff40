// `modules.pytz` time zones: `pytz.utc` and `pytz.timezone('America/New_York')` with pytz's
// behaviour for what dbt projects do with them — `dt.astimezone(tz)` (run_started_at in local
// time), `tz.localize(naive)`, `tz.normalize(dt)`, `datetime.now(tz)` and pytz's quirk that
// `datetime(..., tzinfo=tz)` takes the zone's first (local mean time) offset, to the minute.
// Offsets come from the system's time zone data (Foundation); abbreviations are its English
// short names where it has them (EST, EDT, …), else `GMT+2`-style (pytz prints CEST there).
import Foundation
import FlowcTemplate

/// The offset an aware datetime carries: its zone's name, seconds east of UTC, abbreviation and
/// whether it is daylight saving time. UTC is `ZoneOffset.utc`.
struct ZoneOffset: Equatable {
    var zone: String
    var seconds: Int
    var abbreviation: String
    var isDST: Bool
    /// Python's own `datetime.timezone` (a fixed offset), as psycopg2 gives a timestamptz a
    /// warehouse returns; pytz zones otherwise.
    var isStdlib = false

    static let utc = ZoneOffset(zone: "UTC", seconds: 0, abbreviation: "UTC", isDST: false)
    var isUTC: Bool { zone == "UTC" && seconds == 0 && !isStdlib }

    /// `datetime.timezone(timedelta(seconds=…))`: named `UTC` at offset 0, else `UTC+02:00`.
    static func fixed(seconds: Int) -> ZoneOffset {
        var z = ZoneOffset(zone: "", seconds: seconds, abbreviation: "", isDST: false)
        z.abbreviation = seconds == 0 ? "UTC" : "UTC" + z.isoText
        z.zone = z.abbreviation
        z.isStdlib = true
        return z
    }

    /// `+05:30` (`+00:00` for UTC), as isoformat and str print it.
    var isoText: String {
        let sign = seconds < 0 ? "-" : "+"
        let s = abs(seconds)
        return sign + pad(s / 3600, 2) + ":" + pad(s / 60 % 60, 2) + (s % 60 != 0 ? ":" + pad(s % 60, 2) : "")
    }
    /// `+0530`, as strftime's %z prints it.
    var compactText: String { isoText.replacingOccurrences(of: ":", with: "") }

    /// pytz's repr of the zone: `<UTC>`, `<DstTzInfo 'America/New_York' EST-1 day, 19:00:00 STD>`.
    var pythonRepr: String {
        if isStdlib {
            return seconds == 0 ? "datetime.timezone.utc"
                : "datetime.timezone(\(TimeDeltaObject(micros: seconds * 1_000_000).pythonRepr))"
        }
        guard !isUTC else { return "<UTC>" }
        return "<DstTzInfo '\(zone)' \(abbreviation)\(TimeDeltaObject(micros: seconds * 1_000_000).string) \(isDST ? "DST" : "STD")>"
    }
}

/// `pytz.timezone(name)` for a zone other than UTC.
final class NamedZone: TemplateObject {
    let name: String
    let zone: TimeZone

    init?(_ name: String) {
        guard let zone = TimeZone(identifier: name) else { return nil }
        self.name = name
        self.zone = zone
    }

    var typeName: String { "DstTzInfo" }
    /// pytz prints an unlocalized zone with its local mean time.
    var pythonRepr: String { lmt.pythonRepr }
    func render(renderer: Renderer) throws -> String { name }

    /// The offset at an instant (microseconds since the epoch, UTC).
    func offset(atInstant micros: Int) -> ZoneOffset {
        let date = Date(timeIntervalSince1970: Double(floorDiv(micros, 1_000_000).0))
        let dst = zone.isDaylightSavingTime(for: date)
        let english = zone.localizedName(for: dst ? .shortDaylightSaving : .shortStandard, locale: Locale(identifier: "en_US"))
        let abbreviation = english.flatMap { $0.hasPrefix("GMT") ? nil : $0 } ?? zone.abbreviation(for: date) ?? name
        return ZoneOffset(zone: name, seconds: zone.secondsFromGMT(for: date), abbreviation: abbreviation, isDST: dst)
    }

    /// The offset for a wall-clock time in this zone (pytz's localize with is_dst=False: of two
    /// readings in the autumn's repeated hour, the standard-time one).
    func offset(atWall micros: Int) -> ZoneOffset {
        // the offsets in force around that time; those that read back as this wall time fit
        let hours12 = 12 * 3600 * 1_000_000
        let first = offset(atInstant: micros)
        var candidates: [ZoneOffset] = []
        for probe in [micros - hours12, micros, micros + hours12] {
            let o = offset(atInstant: probe)
            if !candidates.contains(where: { $0.seconds == o.seconds }) { candidates.append(o) }
        }
        let fitting = candidates.compactMap { c -> ZoneOffset? in
            let at = offset(atInstant: micros - c.seconds * 1_000_000)
            return at.seconds == c.seconds ? at : nil
        }
        // one fits: it; two (the repeated hour) or none (the skipped hour): standard time
        if fitting.count == 1, let only = fitting.first { return only }
        return (fitting.isEmpty ? candidates : fitting).first { !$0.isDST } ?? fitting.first ?? candidates.first ?? first
    }

    /// The zone's first offset (local mean time, to the minute), which pytz gives a datetime
    /// made with `tzinfo=` this zone.
    var lmt: ZoneOffset {
        let seconds = zone.secondsFromGMT(for: Date(timeIntervalSince1970: -5_000_000_000))
        return ZoneOffset(zone: name, seconds: Int((Double(seconds) / 60).rounded()) * 60, abbreviation: "LMT", isDST: false)
    }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "zone": return .string(self.name)
        case "localize":
            return .callable(Callable(name: "localize") { [self] args, _ in
                let s = try args.bind("localize", ["dt", "is_dst"])
                guard case .object(let o)? = s[0], let dt = o as? DateTimeObject, !dt.isDate else {
                    throw TemplateError(.type, "localize() needs a datetime")
                }
                guard dt.zone == nil else { throw TemplateError(.value, "Not naive datetime (tzinfo is already set)") }
                return .object(DateTimeObject(micros: dt.micros, zone: offset(atWall: dt.micros)))
            })
        case "normalize":
            return .callable(Callable(name: "normalize") { [self] args, _ in
                guard case .object(let o)? = args.positional.first, let dt = o as? DateTimeObject, let z = dt.zone else {
                    throw TemplateError(.value, "Naive time - no tzinfo set")
                }
                let instant = dt.micros - z.seconds * 1_000_000
                let to = offset(atInstant: instant)
                return .object(DateTimeObject(micros: try DateRange.checked(instant + to.seconds * 1_000_000), zone: to))
            })
        default: return nil
        }
    }

    /// A zone argument (pytz.utc or a named zone) as a way to find offsets; nil for anything else.
    static func offsets(of value: Value?) -> ((_ instant: Int) -> ZoneOffset)? {
        guard case .object(let o)? = value else { return nil }
        if o is UTCZone { return { _ in .utc } }
        if let named = o as? NamedZone { return named.offset(atInstant:) }
        return nil
    }
}

/// An aware datetime's `tzinfo` when it is not UTC: the zone at that datetime's offset.
final class LocalizedZone: TemplateObject {
    let offset: ZoneOffset
    init(_ offset: ZoneOffset) { self.offset = offset }
    var typeName: String { offset.isStdlib ? "timezone" : "DstTzInfo" }
    var pythonRepr: String { offset.pythonRepr }
    func render(renderer: Renderer) throws -> String { offset.zone }
    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        name == "zone" && !offset.isStdlib ? .string(offset.zone) : nil
    }
}

/// The UTC time zone (`pytz.utc`, `pytz.timezone("UTC")`, an aware datetime's `tzinfo`).
final class UTCZone: TemplateObject {
    var typeName: String { "UTC" }
    var pythonRepr: String { "<UTC>" }
    func render(renderer: Renderer) throws -> String { "UTC" }
    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "zone": return .string("UTC")
        case "localize", "normalize":
            return .callable(Callable(name: name) { args, _ in
                guard case .object(let o)? = args.positional.first, let dt = o as? DateTimeObject, !dt.isDate else {
                    throw TemplateError(.type, "\(name)() needs a datetime")
                }
                if name == "localize", dt.zone != nil { throw TemplateError(.value, "Not naive datetime (tzinfo is already set)") }
                if name == "normalize", dt.zone == nil { throw TemplateError(.value, "Naive time - no tzinfo set") }
                return .object(DateTimeObject(micros: dt.instant, zone: .utc))
            })
        default: return nil
        }
    }

    /// dbt's `modules.pytz`: UTC and the IANA zones (ContextModulesTimeZone.swift).
    static func pytzModule() -> TableObject {
        TableObject("module", [
            "utc": .object(UTCZone()),
            "UTC": .object(UTCZone()),
            "timezone": .callable(Callable(name: "timezone") { args, _ in
                let zone = args.positional.first?.stringValue ?? ""
                if ["utc", "etc/utc", "gmt", "zulu"].contains(zone.lowercased()) { return .object(UTCZone()) }
                guard let named = NamedZone(zone) else {
                    throw TemplateError(.key, "UnknownTimeZoneError: '\(zone)'", hint: "pytz takes IANA names such as 'America/New_York'")
                }
                return .object(named)
            }),
        ])
    }
}
