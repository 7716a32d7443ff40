// Where OpenLineage events go and how they name things, read from the environment the way the
// OpenLineage clients read it (OPENLINEAGE_URL, OPENLINEAGE_ENDPOINT, OPENLINEAGE_API_KEY,
// OPENLINEAGE_NAMESPACE) plus the target: datasets live in the warehouse's namespace
// (`sqlite:///path/to/file`, `postgres://host:port`, as OpenLineage's naming spec spells them).
import FlowcProject
import FlowcWarehouse
import Foundation

public struct OpenLineageSettings: Sendable {
    /// The jobs' namespace: OPENLINEAGE_NAMESPACE, else the project's name.
    public var namespace: String
    public var projectName: String
    /// The namespace of every dataset the project reads or writes.
    public var datasetNamespace: String
    /// A URI naming flowc and its version (every event and facet carries it).
    public var producer: String
    /// The SQL dialect, for the sql job facet.
    public var dialect: String
    /// Where events are POSTed, when OPENLINEAGE_URL is set.
    public var endpoint: URL?
    /// Sent as `Authorization: Bearer <key>`.
    public var apiKey: String?
    /// Seconds one POST may take before it counts as failed.
    public var timeout: Double = 2

    public init(namespace: String, projectName: String, datasetNamespace: String, producer: String, dialect: String,
                endpoint: URL? = nil, apiKey: String? = nil) {
        self.namespace = namespace
        self.projectName = projectName
        self.datasetNamespace = datasetNamespace
        self.producer = producer
        self.dialect = dialect
        self.endpoint = endpoint
        self.apiKey = apiKey
    }

    /// Settings for a run of `projectName` on `target`. A malformed OPENLINEAGE_URL gives a
    /// problem to print (the run goes on, writing the file only).
    public static func from(environment env: [String: String], projectName: String, target: Target,
                            projectRoot: String, version: String) -> (OpenLineageSettings, problem: String?) {
        var s = OpenLineageSettings(
            namespace: nonEmpty(env["OPENLINEAGE_NAMESPACE"]) ?? projectName, projectName: projectName,
            datasetNamespace: datasetNamespace(target, projectRoot: projectRoot),
            producer: "https://github.com/flowc/flowc/tree/\(version)", dialect: target.type)
        s.apiKey = nonEmpty(env["OPENLINEAGE_API_KEY"])
        var problem: String?
        if let url = nonEmpty(env["OPENLINEAGE_URL"]) {
            if let endpoint = endpointURL(url, endpoint: nonEmpty(env["OPENLINEAGE_ENDPOINT"])) {
                s.endpoint = endpoint
            } else {
                problem = "OPENLINEAGE_URL '\(url)' is not an http(s) URL; OpenLineage events go to target/openlineage.jsonl only"
            }
        }
        return (s, problem)
    }

    /// The URL events are POSTed to. As the OpenLineage Java client does: a URL with a path is
    /// used as given; one without gets OPENLINEAGE_ENDPOINT, else `/api/v1/lineage`. (A bare
    /// "/" counts as no path, so `http://host:5000/` works like `http://host:5000`.)
    static func endpointURL(_ text: String, endpoint: String?) -> URL? {
        guard var parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = parts.host, !host.isEmpty else { return nil }
        if parts.path.isEmpty || parts.path == "/" {
            let path = endpoint ?? "/api/v1/lineage"
            parts.path = path.hasPrefix("/") ? path : "/" + path
        }
        return parts.url
    }

    /// `sqlite://<absolute path of the main database file>` or `postgres://host:port`; other
    /// adapters get `<type>://<host>` when they have a host.
    static func datasetNamespace(_ target: Target, projectRoot: String) -> String {
        switch target.type {
        case "sqlite":
            let path = target.field("path")
                ?? target.raw?["schemas_and_paths"]?.entries?.first { $0.key == "main" }?.value.scalarText ?? "memory"
            return "sqlite://" + (path.hasPrefix("/") ? path : (projectRoot + "/" + path as NSString).standardizingPath)
        case "postgres":
            if let url = target.field("url"), let config = try? PostgresConfig(url: url) {
                return "postgres://\(config.host):\(config.port)"
            }
            return "postgres://\(target.field("host") ?? "localhost"):\(target.field("port") ?? "5432")"
        default:
            return "\(target.type)://\(target.field("host") ?? target.name)"
        }
    }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let s = s?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return nil }
        return s
    }
}
