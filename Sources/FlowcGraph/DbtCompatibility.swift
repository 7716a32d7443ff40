// The dbt version flowc behaves as: what `dbt_version` says in templates, query comments and
// artifacts, so tools that check it accept flowc's output.
public enum DbtCompatibility {
    public static let version = "1.11.0"
}
