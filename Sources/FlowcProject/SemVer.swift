import Foundation

// Versions and version ranges as dbt reads them, in packages.yml (`version:` of hub packages)
// and dbt_project.yml (`require-dbt-version`): exact versions (`1.3.0`, `=1.3.0`) and bounds
// (`>=1.0.0`, `<2.0.0`, `>`, `<=`), all of a listing intersected. For packages, the highest
// available version in the range is installed, pre-releases only when asked for.

public struct SemVer: Comparable, CustomStringConvertible, Hashable, Sendable {
    public var major: Int
    public var minor: Int
    public var patch: Int
    /// The dot-separated identifiers after `-` (empty for a release).
    public var prerelease: [String]
    public var description: String

    /// `1.3.0`, `1.3.0-b1`, `1.3.0+build`; nil for anything else.
    public init?(_ text: String) {
        var core = Substring(text)
        if let plus = core.firstIndex(of: "+") { core = core[..<plus] }
        var pre: [String] = []
        if let dash = core.firstIndex(of: "-") {
            pre = core[core.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !pre.contains(where: \.isEmpty) else { return nil }
            core = core[..<dash]
        }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]), a >= 0, b >= 0, c >= 0 else {
            return nil
        }
        (major, minor, patch, prerelease, description) = (a, b, c, pre, text)
    }

    public var isPrerelease: Bool { !prerelease.isEmpty }

    public static func == (a: SemVer, b: SemVer) -> Bool {
        (a.major, a.minor, a.patch, a.prerelease) == (b.major, b.minor, b.patch, b.prerelease)
    }

    public func hash(into h: inout Hasher) {
        h.combine(major)
        h.combine(minor)
        h.combine(patch)
        h.combine(prerelease)
    }

    /// Semantic versioning's order: a pre-release comes before its release; identifiers compare
    /// as numbers when both are, numbers before words.
    public static func < (a: SemVer, b: SemVer) -> Bool {
        if (a.major, a.minor, a.patch) != (b.major, b.minor, b.patch) { return (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch) }
        if a.prerelease.isEmpty || b.prerelease.isEmpty { return !a.prerelease.isEmpty && b.prerelease.isEmpty }
        for (x, y) in zip(a.prerelease, b.prerelease) where x != y {
            switch (Int(x), Int(y)) {
            case let (i?, j?): return i < j
            case (.some, nil): return true
            case (nil, .some): return false
            default: return x < y
            }
        }
        return a.prerelease.count < b.prerelease.count
    }
}

/// The versions a package's listings allow: the intersection of their bounds.
public struct VersionRange: CustomStringConvertible, Sendable {
    public var lower: (version: SemVer, inclusive: Bool)?
    public var upper: (version: SemVer, inclusive: Bool)?
    /// Whether a listing names a pre-release (then pre-releases may be installed).
    public var mentionsPrerelease = false

    public struct Invalid: Error {
        public var message: String
        /// The listing that is not a version (trimmed), when that is what is wrong; nil when
        /// the bounds leave nothing between them.
        public var notAVersion: String?
    }

    /// Intersects `specs` (`1.3.0`, `>=1.0.0`, `<2.0.0`, …). Throws for one that is not a version
    /// or for bounds that leave nothing between them.
    public init(_ specs: [String]) throws {
        for raw in specs {
            let spec = raw.trimmingCharacters(in: .whitespaces)
            var op = ""
            for candidate in [">=", "<=", ">", "<", "="] where spec.hasPrefix(candidate) {
                op = candidate
                break
            }
            let text = spec.dropFirst(op.count).trimmingCharacters(in: .whitespaces)
            guard let v = SemVer(text) else {
                throw Invalid(message: "'\(raw)' is not a version (dbt's form: 1.3.0, >=1.0.0, <2.0.0)", notAVersion: spec)
            }
            if v.isPrerelease { mentionsPrerelease = true }
            switch op {
            case ">=": raiseLower(v, true)
            case ">": raiseLower(v, false)
            case "<=": lowerUpper(v, true)
            case "<": lowerUpper(v, false)
            default:
                raiseLower(v, true)
                lowerUpper(v, true)
            }
        }
        if let lower, let upper, lower.version > upper.version || (lower.version == upper.version && !(lower.inclusive && upper.inclusive)) {
            throw Invalid(message: "the versions asked for leave none between them (\(self))")
        }
    }

    private mutating func raiseLower(_ v: SemVer, _ inclusive: Bool) {
        guard let current = lower else { lower = (v, inclusive); return }
        if v > current.version || (v == current.version && !inclusive) { lower = (v, inclusive) }
    }

    private mutating func lowerUpper(_ v: SemVer, _ inclusive: Bool) {
        guard let current = upper else { upper = (v, inclusive); return }
        if v < current.version || (v == current.version && !inclusive) { upper = (v, inclusive) }
    }

    public func contains(_ v: SemVer) -> Bool {
        if let lower, v < lower.version || (v == lower.version && !lower.inclusive) { return false }
        if let upper, v > upper.version || (v == upper.version && !upper.inclusive) { return false }
        return true
    }

    /// The highest of `available` in the range; pre-releases only with `prereleases` (or when a
    /// listing names one).
    public func best(_ available: [SemVer], prereleases: Bool) -> SemVer? {
        available.filter { contains($0) && (prereleases || mentionsPrerelease || !$0.isPrerelease) }.max()
    }

    public var description: String {
        let bounds = [lower.map { ($0.inclusive ? ">=" : ">") + $0.version.description },
                      upper.map { ($0.inclusive ? "<=" : "<") + $0.version.description }].compactMap { $0 }
        if let lower, let upper, lower.version == upper.version, lower.inclusive, upper.inclusive { return "=" + lower.version.description }
        return bounds.isEmpty ? "any version" : bounds.joined(separator: ", ")
    }
}
