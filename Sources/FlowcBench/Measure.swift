// Timing with CLOCK_MONOTONIC and the process's peak resident memory (VmHWM), plus the
// number formatting the report uses (no Foundation, so no String(format:)).

import Glibc

enum Measure {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Runs `body` and returns its result with the seconds it took.
    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = now()
        let result = try body()
        return (result, now() - start)
    }

    /// Peak resident set size in bytes, from /proc/self/status (nil where unavailable).
    static func peakRSS() -> Int? {
        guard let status = FileIO.read("/proc/self/status") else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.dropFirst(6).filter { $0.isNumber }
            if let kb = Int(digits) { return kb * 1024 }
        }
        return nil
    }

    /// `x` with `digits` decimals.
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        let whole = Int(scaled / scale)
        let frac = Int(scaled - Double(whole) * scale)
        var text = String(whole)
        if digits > 0 {
            let f = String(frac)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return (x < 0 && scaled > 0 ? "-" : "") + text
    }

    static func megabytes(_ bytes: Int) -> String { fixed(Double(bytes) / 1e6, 2) + " MB" }
}
