// Model versions (`versions:` in properties YAML): each version is its own node, defined in
// `<model>_v<v>.sql` unless `defined_in:` says otherwise, with unique_id `model.<package>.<model>.v<v>`,
// the model's name, and an alias of `<model>_v<v>` by default. A version inherits the model's
// description, config and columns; its own `config:` wins, and its `columns:` may `include`/
// `exclude` the model's columns and add its own.
import FlowcProject

struct ModelVersionSpec {
    var v: String
    var definedIn: String
    var entry: YAMLValue
}

struct VersionedModelSpec {
    var name: String
    var latest: String
    var versions: [ModelVersionSpec]
    var file: String
    var span: SourceSpan
    var package: String

    /// Versioned models are keyed by package and name: packages may reuse a model name.
    static func key(_ package: String, _ name: String) -> String { package + "." + name }
}

extension Builder {
    /// The versioned models the properties YAML declares, by `VersionedModelSpec.key`.
    mutating func versionedModels() -> [String: VersionedModelSpec] {
        var out: [String: VersionedModelSpec] = [:]
        for scope in scopes {
            for props in scope.properties {
                for entry in props.models {
                    guard let name = entry["name"]?.string, let list = entry["versions"]?.list else { continue }
                    var versions: [ModelVersionSpec] = []
                    for item in list {
                        guard let v = item["v"]?.scalarText, !v.isEmpty else {
                            error("a version of model '\(name)' has no `v:`", item.span, hint: "write `- v: 2`")
                            continue
                        }
                        let definedIn = item["defined_in"]?.scalarText ?? "\(name)_v\(v)"
                        versions.append(ModelVersionSpec(v: v, definedIn: definedIn, entry: item))
                    }
                    guard !versions.isEmpty else { continue }
                    let latest = entry["latest_version"]?.scalarText ?? ModelVersions.sorted(versions.map(\.v)).last ?? ""
                    if !versions.contains(where: { ModelVersions.same($0.v, latest) }) {
                        error("latest_version \(latest) of model '\(name)' is not one of its versions",
                              entry["latest_version"]?.span ?? entry.span,
                              hint: "versions are " + versions.map(\.v).joined(separator: ", "))
                    }
                    out[VersionedModelSpec.key(scope.name, name)] = VersionedModelSpec(
                        name: name, latest: latest, versions: versions, file: scope.local(props.path), span: entry.span,
                        package: scope.name)
                }
            }
        }
        return out
    }

    /// Gives each version's file its versioned identity; a declared version without a file is an error.
    mutating func applyVersions(_ nodes: inout [Node], _ specs: [String: VersionedModelSpec]) {
        var byFile: [String: (VersionedModelSpec, ModelVersionSpec)] = [:]
        for spec in specs.values { for v in spec.versions { byFile[spec.package + "/" + v.definedIn] = (spec, v) } }
        var found: Set<String> = []
        func assign(_ i: Int, _ spec: VersionedModelSpec, _ version: ModelVersionSpec) {
            found.insert(spec.package + "/" + version.definedIn)
            let dirs = nodes[i].fqn.dropLast()
            nodes[i].name = spec.name
            nodes[i].version = version.v
            nodes[i].latestVersion = spec.latest
            nodes[i].uniqueId = "model.\(spec.package).\(spec.name).v\(version.v)"
            nodes[i].fqn = Array(dirs) + [spec.name, "v\(version.v)"]
        }
        var unversioned: [String: Int] = [:]  // package/name → index of a model file without a version
        for i in nodes.indices where nodes[i].resourceType == .model {
            guard let (spec, version) = byFile[nodes[i].packageName + "/" + nodes[i].name] else {
                unversioned[nodes[i].packageName + "/" + nodes[i].name] = i
                continue
            }
            assign(i, spec, version)
        }
        // as dbt: the latest version may live in the model's unsuffixed file (`fct_orders.sql`)
        for spec in specs.values {
            guard let latest = spec.versions.first(where: { ModelVersions.same($0.v, spec.latest) }),
                  !found.contains(spec.package + "/" + latest.definedIn),
                  let i = unversioned[spec.package + "/" + spec.name] else { continue }
            assign(i, spec, latest)
        }
        for spec in specs.values.sorted(by: { $0.name < $1.name }) {
            // dbt only warns ("Did not find matching node for patch with name …") and the model
            // has the versions that have files: a project with such a version must still parse
            for v in spec.versions where !found.contains(spec.package + "/" + v.definedIn) {
                warning("version \(v.v) of model '\(spec.name)' is defined in '\(v.definedIn)', but there is no model file of that name; "
                        + "the version is left out, as dbt leaves it out",
                        v.entry.span, hint: "add models/…/\(v.definedIn).sql or set `defined_in:` to the file's name")
            }
        }
    }

    /// What a version adds to its model's properties: description, config and columns.
    static func applyVersionPatch(_ node: inout Node, _ config: inout JSONObject, spec: VersionedModelSpec?, file: String) {
        guard let spec, let v = node.version,
              let version = spec.versions.first(where: { ModelVersions.same($0.v, v) }) else { return }
        let patch = PropertyPatch(version.entry, file: file)
        ConfigMerge.apply(patch.config, to: &config)
        if let date = deprecationDate(version.entry["deprecation_date"]) { node.deprecationDate = date }
        if let d = patch.description { node.description = d }
        guard let items = version.entry["columns"]?.list else { return }
        var columns = node.columns
        if let rule = items.first(where: { $0["include"] != nil || $0["exclude"] != nil }) {
            if let include = rule["include"], include.scalarText != "all", include.scalarText != "*" {
                let names = Set((include.list ?? []).compactMap(\.scalarText).map { $0.lowercased() })
                columns = columns.filter { names.contains($0.name.lowercased()) }
            }
            let excluded = Set((rule["exclude"]?.list ?? []).compactMap(\.scalarText).map { $0.lowercased() })
            columns = columns.filter { !excluded.contains($0.name.lowercased()) }
        }
        for c in patch.columns {
            if let i = columns.firstIndex(where: { $0.name.lowercased() == c.name.lowercased() }) { columns[i] = c } else { columns.append(c) }
        }
        node.columns = columns
    }
}
