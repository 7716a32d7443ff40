// The generic tests one model's (or seed's, snapshot's) properties entry declares, read apart
// from the builder so that every model's can be read at once: the builder then takes them in
// key order, reporting unreadable entries and counting deprecated forms as it goes.
import FlowcProject
import FlowcSQL

/// The tests a model's properties entry declares, in entry order, with what the builder
/// reports of them. The requests stay in this array (they are large: copying each into one
/// list was a tenth of building the tests).
struct ModelTests: Sendable {
    var requests: [GenericTestRequest] = []
    var entries: [Entry] = []

    enum Entry: Sendable {
        /// An entry that is neither a test name nor `name: {arguments}`, at its place.
        case unreadable(SourceSpan?)
        /// `requests[index]`, with where its arguments sit at the top level (dbt deprecates that).
        case test(index: Int, topLevel: (test: String, on: String, package: String, file: String, span: SourceSpan)?)
    }
}

/// What reading a model's test entries needs of the project.
struct ModelTestContext: Sendable {
    var scopes: [String: PackageScope]
    var modelIds: [String: Node]
    /// A versioned model's versions by "model.<package>.<name>".
    var versions: [String: [Node]]
    var versioned: [String: VersionedModelSpec]
    var dialect: Dialect
    var rootName: String

    /// The tests of the properties entries under `key` ("model.<package>.<name>"); the first
    /// entry counts (a second is reported as a duplicate elsewhere).
    func tests(_ key: String, _ list: [PropertyPatch]) -> ModelTests {
        // The test belongs to the project whose YAML declares it, which may describe
        // another package's model (`test.<root>.not_null_<package model>_id`, as in dbt).
        guard let patch = list.first, let scope = scopes[patch.project] else { return ModelTests() }
        var out = ModelTests()
        // A versioned model's tests apply to each version, named with the version.
        let targets = modelIds[key].map { [$0] } ?? (versions[key] ?? []).sorted { $0.uniqueId < $1.uniqueId }
        for target in targets where target.enabled {
            let kind = target.resourceType.rawValue
            var entries = patch.tests
            var testName = target.name
            var modelArg = "ref('\(target.name)')"
            let ownVersion = target.version.flatMap { v in
                versioned[VersionedModelSpec.key(target.packageName, target.name)]?.versions.first { ModelVersions.same($0.v, v) }
            }
            if let v = target.version {
                testName = "\(target.name)_v\(v)"
                modelArg = "ref('\(target.name)', version='\(v)')"
                if let own = ownVersion { entries += PropertyPatch(own.entry, file: patch.file).tests }
            }
            let columnEntries = (patch.entry["columns"]?.list ?? []) + (ownVersion?.entry["columns"]?.list ?? [])
            for (written, entry) in entries {
                let column = Builder.quotedTestColumn(written, columns: columnEntries, quoteColumns: patch.entry["quote_columns"],
                                                      dialect: dialect)
                guard let spec = GenericTests.spec(entry) else {
                    out.entries.append(.unreadable(entry.span))
                    continue
                }
                let topLevel = !spec.argumentsNested && spec.hasTopLevelArguments
                    ? (spec.testName, target.name, target.packageName, patch.file, spec.span) : nil
                let columnEntry = written.flatMap { w in columnEntries.first { $0["name"]?.scalarText == w } }
                out.entries.append(.test(index: out.requests.count, topLevel: topLevel))
                out.requests.append(GenericTestRequest(spec: spec, column: column, targetKind: kind, targetName: testName,
                                                       modelArg: modelArg, attachedTo: target.uniqueId, file: patch.file,
                                                       fileKey: "\(kind)s.\(target.name)", scope: scope, rootName: rootName,
                                                       inheritedTags: Builder.entryTags(columnEntry)))
            }
        }
        return out
    }
}
