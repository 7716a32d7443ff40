// The ranges Python's datetime module enforces, and the errors it gives past them: dates and
// datetimes lie in years 1...9999 ("date value out of range" after arithmetic, "year N is out
// of range" from a timestamp), timedeltas within ±999,999,999 days. Found by fuzzing: values
// past them printed impossible years (10000-01-01, 0000-12-31) or trapped converting a Double
// to Int. Timedeltas are held in Int128 microseconds because Python's largest, 999,999,999
// days, is past Int64's microseconds (about 106,751,991 days).
import FlowcTemplate

enum DateRange {
    /// 0001-01-01 00:00:00 and 9999-12-31 23:59:59.999999, microseconds since the epoch.
    static let minMicros = Civil.days(1, 1, 1) * DateTimeObject.microsPerDay
    static let maxMicros = (Civil.days(9999, 12, 31) + 1) * DateTimeObject.microsPerDay - 1

    /// A datetime's wall-clock microseconds after arithmetic, or Python's OverflowError.
    static func checked(_ micros: Int128) throws -> Int {
        guard micros >= Int128(minMicros), micros <= Int128(maxMicros) else {
            throw TemplateError(.overflow, "date value out of range")
        }
        return Int(micros)
    }

    static func checked(_ micros: Int) throws -> Int { try checked(Int128(micros)) }

    /// `datetime.fromtimestamp(seconds)`: microseconds since the epoch, rounded half to even as
    /// Python rounds them, with Python's errors for NaN, infinities and years past 1...9999.
    static func fromTimestamp(_ seconds: Double) throws -> Int {
        if seconds.isNaN { throw TemplateError(.value, "Invalid value NaN (not a number)") }
        // past ±1e17 s (about year 3e9) Python's platform time functions give up first
        guard seconds.isFinite, seconds.magnitude < 1e17 else {
            throw TemplateError(.overflow, "timestamp out of range for platform time_t")
        }
        // the year from whole days first: only in-range seconds fit Int microseconds
        var year = Civil.date(Int((seconds / 86_400).rounded(.down))).0
        if (1...9999).contains(year) {
            let micros = Int((seconds * 1e6).rounded(.toNearestOrEven))
            year = Civil.date(floorDiv(micros, DateTimeObject.microsPerDay).0).0
            if (1...9999).contains(year) { return micros }
        }
        throw TemplateError(.value, "year \(year) is out of range")
    }
}

/// Python's timedelta limits.
enum TimeDeltaRange {
    static let maxDays: Int128 = 999_999_999
    static let microsPerDay = Int128(DateTimeObject.microsPerDay)

    /// Microseconds as a timedelta, or Python's OverflowError naming the days (days past a C
    /// int are refused by Python before that check, with its own message).
    static func checked(_ micros: Int128) throws -> Int128 {
        let days = floorDiv(micros, microsPerDay)
        guard days >= -maxDays, days <= maxDays else {
            if days.magnitude > UInt128(Int32.max) { throw TemplateError(.overflow, "Python int too large to convert to C int") }
            throw TemplateError(.overflow, "days=\(days); must have magnitude <= 999999999")
        }
        return micros
    }

    /// `timedelta(days=…, seconds=…, …)`: integer components add exactly, as Python's ints do;
    /// float components are summed and rounded half to even to whole microseconds.
    static func micros(_ components: [Value?], scales: [Int128]) throws -> Int128 {
        var exact: Int128 = 0
        var fraction = 0.0
        for (v, scale) in zip(components, scales) {
            guard let v else { continue }
            if let i = v.intValue {
                // |i| <= 2^63 and scale <= 6.1e11: the product and the sum of seven fit Int128
                exact += Int128(i) * scale
            } else if let d = v.doubleValue {
                fraction += d * Double(scale)
            } else {
                throw TemplateError(.type, "unsupported type for timedelta component: \(v.typeName)")
            }
        }
        if fraction.isNaN { throw TemplateError(.value, "cannot convert float NaN to integer") }
        if fraction.isInfinite { throw TemplateError(.overflow, "cannot convert float infinity to integer") }
        // far past the largest timedelta (8.64e19 µs), and still well inside Int128
        guard fraction.magnitude < 1e30 else { throw TemplateError(.overflow, "Python int too large to convert to C int") }
        return try checked(exact + Int128(fraction.rounded(.toNearestOrEven)))
    }

    static func floorDiv(_ a: Int128, _ b: Int128) -> Int128 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
