// Wall-clock time of each pipeline phase, printed to stderr when FLOWC_TIMINGS is set. This is
// how the benchmark figures in the README are broken down; it costs nothing when unset.
import Foundation
import Synchronization

public enum PhaseTimings {
    private static let enabled = ProcessInfo.processInfo.environment["FLOWC_TIMINGS"].map { !$0.isEmpty && $0 != "0" } ?? false
    private static let last = Mutex<(wall: ContinuousClock.Instant, cpu: Double)>((ContinuousClock.now, cpuSeconds()))

    /// Reports the time since the previous mark under `phase` (the first mark, "start", reads 0).
    public static func mark(_ phase: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let cpu = cpuSeconds()
        let (elapsed, cpuElapsed) = last.withLock { previous -> (Duration, Double) in
            defer { previous = (now, cpu) }
            return (now - previous.wall, cpu - previous.cpu)
        }
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        // CPU time next to wall time shows which phases keep both cores busy
        let line = "[timing] " + phase.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: " %8.1f ms", ms)
            + String(format: "  cpu %7.1f ms", cpuElapsed * 1000)
            + "   rss " + memory("VmRSS") + ", peak " + memory("VmHWM") + ", faults \(pageFaults())\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Prints a figure of the run beside the phase times (how much work a phase could skip, say).
    public static func note(_ text: @autoclosure () -> String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("[timing] " + text() + "\n").utf8))
    }

    /// User plus system CPU time of the whole process, in seconds.
    private static func cpuSeconds() -> Double {
        guard let usage = usage() else { return 0 }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Page faults of the whole process so far that needed no disk read (each is a page of
    /// memory touched for the first time, mostly: what huge pages save, see flowc's main).
    private static func pageFaults() -> Int { usage()?.ru_minflt ?? 0 }

    private static func usage() -> rusage? {
        var usage = rusage()
        return getrusage(RUSAGE_SELF.rawValue, &usage) == 0 ? usage : nil
    }

    /// A memory figure of this process from /proc/self/status ("123 MB"), or "?" off Linux.
    private static func memory(_ field: String) -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let kb = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return "?" }
        return "\(kb / 1024) MB"
    }
}
