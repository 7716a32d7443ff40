// dbt's version check: a project or package whose `require-dbt-version` leaves out the dbt
// version flowc behaves as stops the command (exit 2), as in dbt, unless the check is turned
// off (--no-version-check, DBT_VERSION_CHECK=false). Messages carry dbt's facts: the package,
// the versions it asks for (as dbt lists them) and the version it was checked against.

import Foundation

/// `require-dbt-version` as written, with its place in the project file.
public struct RequiredDbtVersion: Sendable, Equatable {
    public var specs: [String]
    public var span: SourceSpan
    public var sourceLine: String?

    public init(specs: [String], span: SourceSpan, sourceLine: String?) {
        (self.specs, self.span, self.sourceLine) = (specs, span, sourceLine)
    }
}

public enum DbtVersionCheck {
    /// The error for `package`'s requirement against dbt `installed`, or nil when it is met.
    /// `file` names the package's project file from the root project ("dbt_packages/x/dbt_project.yml").
    public static func problem(_ required: RequiredDbtVersion, package: String, file: String, installed: String) -> Diagnostic? {
        var span = required.span
        span.file = file
        // dbt lists the requirement as a Python list of strings
        let listed = "[" + required.specs.map { "'\($0.trimmingCharacters(in: .whitespaces))'" }.joined(separator: ", ") + "]"
        let retry = "check for a different version of the '\(package)' package, or run again with --no-version-check"
        func failure(_ message: String, hint: String) -> Diagnostic {
            Diagnostic(.error, message, span: span, hint: hint, sourceLine: required.sourceLine)
        }
        let range: VersionRange
        do {
            range = try VersionRange(required.specs)
        } catch {
            if let text = (error as? VersionRange.Invalid)?.notAVersion {
                return failure("\"\(text)\" is not a valid semantic version",
                               hint: "require-dbt-version takes versions such as \">=1.0.0\" or [\">=1.0.0\", \"<2.0.0\"]")
            }
            return failure("the '\(package)' package's dbt version requirement can never be satisfied: \(listed)", hint: retry)
        }
        guard let version = SemVer(installed), !range.contains(version) else { return nil }
        return failure("the '\(package)' package does not support this version of dbt: it requires \(listed), "
                     + "and flowc behaves as dbt \(installed)", hint: retry)
    }
}
