// A warehouse's timestamp text (`2024-01-01 10:00:00`, `…10:00:00.25+02`, `…T10:00:00-05:30`)
// read into its UTC instant and written as dbt writes freshness times: Python's isoformat of an
// aware UTC datetime (microseconds only when not zero, then always six digits; `+00:00`).
import FlowcGraph

struct FreshnessTimestamp {
    /// Seconds since 1970 (UTC), whole, and the microseconds.
    var seconds: Int
    var micros: Int

    init?(_ text: String) {
        let b = Array(text.utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count, !r.isEmpty else { return nil }
            var v = 0
            for i in r { guard b[i] >= 48, b[i] <= 57 else { return nil }; v = v * 10 + Int(b[i] - 48) }
            return v
        }
        guard b.count >= 19, b[4] == 45, b[7] == 45, b[10] == 32 || b[10] == 84, b[13] == 58, b[16] == 58,
              let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10),
              let h = num(11..<13), let mi = num(14..<16), let s = num(17..<19) else { return nil }
        var i = 19
        var micros = 0
        if i < b.count, b[i] == 46 {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                // beyond microseconds Python keeps nothing
                if digits < 6 { micros = micros * 10 + Int(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        var offset = 0
        if i < b.count {
            if b[i] == 90, i + 1 == b.count {  // Z
                i += 1
            } else {
                guard b[i] == 43 || b[i] == 45, let oh = num(i + 1..<i + 3) else { return nil }
                var rest = i + 3
                var om = 0, os = 0
                if rest < b.count, b[rest] == 58 { rest += 1 }
                if rest < b.count { guard let m = num(rest..<rest + 2) else { return nil }; om = m; rest += 2 }
                if rest < b.count, b[rest] == 58 { rest += 1 }
                if rest < b.count { guard let sec = num(rest..<rest + 2) else { return nil }; os = sec; rest += 2 }
                guard rest == b.count else { return nil }
                offset = (b[i] == 45 ? -1 : 1) * (oh * 3600 + om * 60 + os)
                i = rest
            }
        }
        guard i == b.count, (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 60 else { return nil }
        seconds = Civil.days(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset
        self.micros = micros
    }

    var utcISO: String {
        var days = seconds / 86_400
        var rest = seconds - days * 86_400
        if rest < 0 { days -= 1; rest += 86_400 }
        let (year, month, day) = Civil.date(days)
        func pad(_ n: Int, _ w: Int) -> String {
            let t = String(n)
            return String(repeating: "0", count: max(0, w - t.count)) + t
        }
        var out = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(rest / 3600, 2)):\(pad(rest % 3600 / 60, 2)):\(pad(rest % 60, 2))"
        if micros != 0 { out += "." + pad(micros, 6) }
        return out + "+00:00"
    }
}
