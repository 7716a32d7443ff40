// dbt's microbatch incremental models (`incremental_strategy='microbatch'`): the configs they
// need, checked when the project is parsed with dbt's messages, and UTC timestamps as dbt
// reads `begin` and `--event-time-start/--event-time-end` (ISO format, naive means UTC).
import Foundation

public struct MicrobatchConfig: Sendable, Equatable {
    public enum BatchSize: String, Sendable, CaseIterable { case hour, day, month, year }

    /// The model's own event time column.
    public var eventTime: String
    public var begin: Date
    public var batchSize: BatchSize
    /// How many batches before the current one an incremental run rebuilds (dbt's default 1).
    public var lookback: Int

    public init(eventTime: String, begin: Date, batchSize: BatchSize, lookback: Int = 1) {
        self.eventTime = eventTime
        self.begin = begin
        self.batchSize = batchSize
        self.lookback = lookback
    }

    /// The node's microbatch config, nil when it is not a microbatch model; a message (dbt's)
    /// when a config is missing or wrong.
    public static func of(_ node: Node) -> Result<MicrobatchConfig, MicrobatchConfigError>? {
        guard node.materialized == "incremental", node.config["incremental_strategy"]?.stringValue == "microbatch" else {
            return nil
        }
        let name = node.name
        guard let eventTime = node.config["event_time"], !eventTime.isNull else {
            return .failure(.init("Microbatch model '\(name)' must provide an 'event_time' (string) config that indicates the name of the event time column."))
        }
        guard let column = eventTime.stringValue else {
            return .failure(.init("Microbatch model '\(name)' must provide an 'event_time' config of type string, but got: \(eventTime)."))
        }
        guard let beginValue = node.config["begin"], !beginValue.isNull else {
            return .failure(.init("Microbatch model '\(name)' must provide a 'begin' (datetime) config that indicates the earliest timestamp the microbatch model should be built from."))
        }
        guard let text = beginValue.stringValue, let begin = parseTimestamp(text) else {
            return .failure(.init("Microbatch model '\(name)' must provide a 'begin' config of valid datetime (ISO format), but got: \(beginValue.stringValue ?? "\(beginValue)")."))
        }
        let sizes = BatchSize.allCases.map(\.rawValue)
        guard let size = node.config["batch_size"]?.stringValue.flatMap(BatchSize.init(rawValue:)) else {
            let got = node.config["batch_size"]?.stringValue ?? "None"
            return .failure(.init("Microbatch model '\(name)' must provide a 'batch_size' config that is one of \(sizes), but got: \(got)."))
        }
        var lookback = 1
        switch node.config["lookback"] {
        case nil, .null?: break
        case .int(let n)?: lookback = n
        default:
            return .failure(.init("Microbatch model '\(name)' must provide the optional 'lookback' config as type int."))
        }
        return .success(MicrobatchConfig(eventTime: column, begin: begin, batchSize: size, lookback: lookback))
    }

    /// `2024-01-01`, `2024-01-01 10:00`, `2024-01-01T10:00:00.5`, with an optional `Z` or
    /// `±HH:MM`; a time without a zone is UTC. Nil when the text is not such a timestamp.
    public static func parseTimestamp(_ text: String) -> Date? {
        let b = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= b.count else { return nil }
            var n = 0
            for k in i..<(i + digits) {
                guard b[k] >= 48 && b[k] <= 57 else { return nil }
                n = n * 10 + Int(b[k] - 48)
            }
            i += digits
            return n
        }
        func skip(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), skip(45), let month = number(2), skip(45), let day = number(2) else { return nil }
        var hour = 0, minute = 0, second = 0.0, offset = 0
        if i < b.count, b[i] == 84 || b[i] == 32 {  // 'T' or ' '
            i += 1
            guard let h = number(2) else { return nil }
            hour = h
            if skip(58) {
                guard let m = number(2) else { return nil }
                minute = m
                if skip(58) {
                    guard let s = number(2) else { return nil }
                    second = Double(s)
                    if skip(46) {
                        var scale = 0.1
                        while i < b.count, b[i] >= 48 && b[i] <= 57 {
                            second += Double(b[i] - 48) * scale
                            scale /= 10
                            i += 1
                        }
                    }
                }
            }
            if skip(90) {  // 'Z'
            } else if i < b.count, b[i] == 43 || b[i] == 45 {  // '+' / '-'
                let sign = b[i] == 45 ? -1 : 1
                i += 1
                guard let oh = number(2) else { return nil }
                _ = skip(58)
                let om = number(2) ?? 0
                offset = sign * (oh * 3600 + om * 60)
            }
        }
        guard i == b.count, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var c = DateComponents()
        (c.year, c.month, c.day, c.hour, c.minute, c.second) = (year, month, day, hour, minute, Int(second))
        guard let date = utcCalendar.date(from: c), utcCalendar.component(.day, from: date) == day else { return nil }
        return date.addingTimeInterval(second - Double(Int(second)) - Double(offset))
    }

    public static let utcCalendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? c.timeZone
        return c
    }()
}

public struct MicrobatchConfigError: Error, Sendable, Equatable {
    public var message: String
    init(_ message: String) { self.message = message }
}

extension Builder {
    /// dbt's parse-time checks of microbatch models, and its warning for one that reads no
    /// input with an `event_time` (every batch would read every row).
    mutating func checkMicrobatchModels() {
        let microbatch = manifest.nodes.parallelCompactMap(threads: options.threads) { id, n in
            n.config["incremental_strategy"]?.stringValue == "microbatch" ? id : nil
        }
        for id in microbatch.sorted() {
            guard let node = manifest.nodes[id], let config = MicrobatchConfig.of(node) else { continue }
            if case .failure(let e) = config {
                error(e.message, node.span, hint: "see dbt's microbatch configs: event_time, begin, batch_size, lookback")
                continue
            }
            // dbt parses `begin` into a datetime, which its manifest writes in ISO format
            if let text = node.config["begin"]?.stringValue, let iso = MicrobatchConfig.beginISO(text) {
                manifest.nodes[id]?.config["begin"] = .string(iso)
            }
            let filtered = node.dependsOnNodes.contains { p in
                let eventTime = manifest.nodes[p]?.config["event_time"] ?? manifest.sources[p]?.config["event_time"]
                return eventTime.map { !$0.isNull } ?? false
            }
            if !filtered {
                warning("The microbatch model '\(node.name)' has no 'ref' or 'source' input with an 'event_time' configuration. "
                        + "This means no filtering can be applied and can result in unexpected duplicate records in the resulting microbatch model.",
                        node.span, hint: "give the model's inputs an `event_time` config naming their timestamp column")
            }
        }
    }
}
