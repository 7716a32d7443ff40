// The batches of a microbatch model, as dbt's MicrobatchBuilder computes them: the run ends at
// the ceiling of now (or --event-time-end) in batch-size steps; a first run or a full refresh
// starts at `begin`, an incremental run `lookback` batches before the current one, and
// --event-time-start overrides both. All in UTC.
import FlowcGraph
import FlowcProject
import Foundation

enum Microbatch {
    typealias Batch = (start: Date, end: Date)
    typealias Size = MicrobatchConfig.BatchSize

    static var calendar: Calendar { MicrobatchConfig.utcCalendar }

    static func truncate(_ d: Date, _ size: Size) -> Date {
        let c = calendar.dateComponents([.year, .month, .day, .hour], from: d)
        var t = DateComponents()
        t.year = c.year
        t.month = size == .year ? 1 : c.month
        t.day = size == .year || size == .month ? 1 : c.day
        t.hour = size == .hour ? c.hour : 0
        return calendar.date(from: t) ?? d
    }

    /// `n` batches from the start of `d`'s batch.
    static func offset(_ d: Date, _ size: Size, _ n: Int) -> Date { shifted(truncate(d, size), size, n) }

    /// `d` moved by n units of `size`, not truncated first (dbt's offset_timestamp, with
    /// relativedelta's clamping of a month's last days).
    static func shifted(_ d: Date, _ size: Size, _ n: Int) -> Date {
        let component: Calendar.Component
        switch size {
        case .hour: component = .hour
        case .day: component = .day
        case .month: component = .month
        case .year: component = .year
        }
        return calendar.date(byAdding: component, value: n, to: d) ?? d
    }

    static func ceiling(_ d: Date, _ size: Size) -> Date {
        let t = truncate(d, size)
        return t == d ? t : offset(t, size, 1)
    }

    static func batches(_ config: MicrobatchConfig, incremental: Bool, start: Date?, end: Date?, now: Date) -> [Batch] {
        let size = config.batchSize
        let last = ceiling(end ?? now, size)
        let first: Date
        if let start {
            first = truncate(start, size)
        } else if !incremental {
            first = truncate(config.begin, size)
        } else {
            // the end is a batch boundary, so the current batch is one more step back (dbt's rule)
            first = offset(last, size, -(config.lookback + 1))
        }
        var out: [Batch] = []
        var s = first
        repeat {
            let e = offset(s, size, 1)
            out.append((s, e))
            s = e
        } while s < last
        out[out.count - 1].end = last
        return out
    }

    /// `2024-09-16 00:00:00`: the bound in a batch filter.
    /// As Python's str(datetime): microseconds only when there are some (a sample's bounds).
    static func sqlTimestamp(_ d: Date) -> String {
        let micros = Int((d.timeIntervalSince1970 * 1_000_000).rounded())
        // floored: a time before 1970 keeps a positive fraction
        let (q, r) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        let (seconds, fraction) = r < 0 ? (q - 1, r + 1_000_000) : (q, r)
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                        from: Date(timeIntervalSince1970: Double(seconds)))
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0) + (fraction == 0 ? "" : String(format: ".%06d", fraction))
    }

    /// `2024-09-16T00:00:00+00:00`, as run_results.json lists a batch.
    static func isoTimestamp(_ d: Date) -> String {
        sqlTimestamp(d).replacingOccurrences(of: " ", with: "T") + "+00:00"
    }

    /// dbt's batch progress line: "Batch 2 of 3 OK created batch 2024 of main.m ….. [INSERT 0 5 in 0.12s]",
    /// the node line's dots to 80 characters with "Batch " in front.
    static func progressLine(_ index: Int, _ total: Int, _ message: String, _ status: String, seconds: Double? = nil) -> String {
        var prefix = "\(index) of \(total) \(message) "
        if prefix.count < 80 { prefix += String(repeating: ".", count: 80 - prefix.count) }
        return "Batch " + prefix + " [" + status + (seconds.map { String(format: " in %.2fs", $0) } ?? "") + "]"
    }

    /// A batch's file next to the model's: models/mb.sql → models/mb/mb_2024-01-01.sql.
    static func batchPath(_ path: String, label: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let file = path[slash...]
        let stem = file.hasSuffix(".sql") ? file.dropLast(4) : file
        let ext = file.hasSuffix(".sql") ? ".sql" : ""
        return path[..<slash] + stem + "/" + stem + "_" + label + ext
    }

    /// The batch's name in progress lines: `2024`, `2024-09`, `2024-09-16` or `2024-09-16T16`.
    static func label(_ d: Date, _ size: Size) -> String {
        let text = sqlTimestamp(d)
        switch size {
        case .year: return String(text.prefix(4))
        case .month: return String(text.prefix(7))
        case .day: return String(text.prefix(10))
        case .hour: return String(text.prefix(13)).replacingOccurrences(of: " ", with: "T")
        }
    }

    /// The window a node's inputs with an `event_time` are read in: a microbatch batch's, and
    /// under `--sample` (models and snapshots only, as dbt) the sample's, or where both apply
    /// their overlap, as dbt narrows a batch to the sample.
    static func window(batch: (start: String, end: String)?, sample: (start: Date, end: Date)?,
                       node: Node) -> (start: String, end: String)? {
        guard let sample, node.resourceType == .model || node.resourceType == .snapshot else { return batch }
        let s = (sqlTimestamp(sample.start), sqlTimestamp(sample.end))
        guard let batch else { return s }
        // the bounds are all `YYYY-MM-DD HH:MM:SS`, so they compare as text
        return (max(batch.start, s.0), min(batch.end, s.1))
    }

    /// dbt's `--sample`: `'3 days'` (from exactly three days before now to now; hour, day,
    /// month, year, singular or plural) or `'{"start": "2024-07-01", "end": "2024-07-08"}'`.
    static func sampleWindow(_ text: String, now: Date) -> Result<(start: Date, end: Date), SampleError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{") {
            // a YAML mapping, as dbt reads it: JSON, or `{start: 2024-07-01, end: '2024-07-08'}`
            guard let object = try? YAMLText.parse(trimmed, file: "--sample"),
                  let startText = object["start"]?.scalarText, let endText = object["end"]?.scalarText,
                  let start = MicrobatchConfig.parseTimestamp(startText), let end = MicrobatchConfig.parseTimestamp(endText) else {
                return .failure(SampleError(message: "--sample '\(text)': give {\"start\": …, \"end\": …} with ISO times"))
            }
            return .success((start, end))
        }
        let parts = trimmed.split(separator: " ")
        guard parts.count == 2 else {
            return .failure(SampleError(message: "Cannot load SAMPLE_WINDOW from '\(text)'. Must be of form 'DAYS_INT GRAIN_SIZE'."))
        }
        guard let count = Int(parts[0]) else {
            return .failure(SampleError(message: "Unable to convert '\(parts[0])' to an integer."))
        }
        var grain = parts[1].lowercased()
        if grain.hasSuffix("s") { grain.removeLast() }
        guard let size = Size(rawValue: grain) else {
            let sizes = Size.allCases.map(\.rawValue)
            return .failure(SampleError(message: "Invalid grain size '\(parts[1])'. Must be one of \(sizes + sizes.map { $0 + "s" })."))
        }
        return .success((shifted(now, size, -count), now))
    }
}

public struct SampleError: Error, Sendable {
    public var message: String
}

extension RunOptions {
    /// Sets `sample` from `--sample`'s text (relative to `startedAt`); the error says what is wrong.
    public mutating func setSample(_ text: String) throws {
        switch Microbatch.sampleWindow(text, now: startedAt) {
        case .success(let w): sample = w
        case .failure(let e): throw e
        }
    }
}

/// `--sample`'s window, for the command line to check before anything runs.
public enum SampleMode {
    public static func window(_ text: String, now: Date) -> Result<(start: Date, end: Date), SampleError> {
        Microbatch.sampleWindow(text, now: now)
    }
}
