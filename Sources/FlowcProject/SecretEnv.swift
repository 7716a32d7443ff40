// dbt's secret environment variables: `DBT_ENV_SECRET_*` may be read only where credentials
// belong (profiles.yml, packages.yml) and their values never reach what flowc prints or logs
// (a git URL with a token, an error quoting a connection string): they show as `*****`.
import Foundation

public enum SecretEnv {
    public static let prefix = "DBT_ENV_SECRET_"

    public static func isSecret(_ name: String) -> Bool { name.hasPrefix(prefix) }

    /// dbt's parse error for a secret read anywhere else.
    public static func refusal(_ name: String) -> String {
        "Secret env vars are allowed only in profiles.yml or packages.yml. Found '\(name)' referenced elsewhere."
    }

    /// The values of this process's secret variables, longest first (so a secret containing
    /// another is masked whole).
    static let values: [String] = ProcessInfo.processInfo.environment
        .filter { isSecret($0.key) && !$0.value.isEmpty }.map(\.value)
        .sorted { $0.count > $1.count }

    /// `text` with every secret value replaced by `*****`.
    public static func scrub(_ text: String) -> String {
        guard !values.isEmpty else { return text }
        var out = text
        for value in values where out.contains(value) { out = out.replacingOccurrences(of: value, with: "*****") }
        return out
    }
}
