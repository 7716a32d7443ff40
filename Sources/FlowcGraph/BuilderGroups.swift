// Groups (`groups:` in properties files) and dbt's model access rules, as dbt 1.11 checks them
// at parse time:
// - every group has an owner with a name or an email, and group names are unique per package;
// - a node's `group` config names a declared group, and a model's `access` is private,
//   protected or public;
// - a private model is referenced (ref(), a relationships test, an exposure) only by nodes of
//   its own group. dbt compares the two groups as they are, so a private model without a group
//   may be referenced by nodes without one.
// A generic test belongs to the group of the node it is attached to (its own config aside).
import FlowcProject

/// A `groups:` entry: a named owner that nodes join with the `group` config.
public struct Group: Sendable {
    public var uniqueId: String
    public var name: String
    public var packageName: String
    /// Relative to the model folder the file is in, as dbt writes it.
    public var path: String
    public var originalFilePath: String
    /// `email` and `name` first (null when absent), then any other keys as written.
    public var owner: JSONObject
    public var description: String?
    public var meta: JSON
    /// Where the group is declared (its `name:`).
    public var span: SourceSpan?
}

public enum AccessLevel {
    public static let all = ["private", "protected", "public"]
}

extension Manifest {
    /// The group a node belongs to: its `group` config, or for a generic test the group of the
    /// node it is attached to.
    public func group(of n: Node) -> String? {
        if let g = n.config["group"]?.stringValue { return g }
        guard n.resourceType == .test, let attached = n.attachedNode else { return nil }
        return (nodes[attached] ?? disabled[attached])?.config["group"]?.stringValue
    }

    /// dbt's `group_map`: each group's enabled nodes, by unique id.
    public var groupMap: [String: [String]] {
        var map: [String: [String]] = [:]
        for g in groups.values { map[g.name] = map[g.name] ?? [] }
        for n in nodes.values {
            if let g = group(of: n) { map[g, default: []].append(n.uniqueId) }
        }
        return map
    }
}

extension Builder {
    mutating func readGroups() {
        var seen: [String: Group] = [:]
        for scope in scopes {
            for props in scope.properties {
                let file = scope.local(props.path)
                for entry in props.groups {
                    guard let name = entry["name"]?.string else { continue }
                    let span = entry["name"]?.span
                    let uid = "group.\(scope.name).\(name)"
                    guard let owner = groupOwner(entry, name: name, span: span) else { continue }
                    let (_, rest) = NodeFactory.split(file, roots: scope.config.modelPaths)
                    let group = Group(uniqueId: uid, name: name, packageName: scope.name, path: rest,
                                      originalFilePath: file, owner: owner,
                                      description: entry["description"]?.string,
                                      meta: entry["config"]?["meta"]?.json ?? entry["meta"]?.json ?? .object(JSONObject()),
                                      span: span)
                    if let other = seen[uid] {
                        error("two groups are named '\(name)': \(other.originalFilePath) and \(file)", span,
                              hint: "group names must be unique within a package; rename or remove one")
                        continue
                    }
                    seen[uid] = group
                    manifest.groups[uid] = group
                }
            }
        }
    }

    /// The owner of a group entry, or nil after reporting why it is not one.
    private mutating func groupOwner(_ entry: YAMLValue, name: String, span: SourceSpan?) -> JSONObject? {
        guard let value = entry["owner"] else {
            error("group '\(name)' has no owner", span, hint: "every group names its owner: `owner: {name: …, email: …}`")
            return nil
        }
        guard let fields = value.entries else {
            error("the owner of group '\(name)' must be a mapping with a name or an email, found \(value.kindName)",
                  value.span, hint: "write `owner: {name: …, email: …}`")
            return nil
        }
        let given = value.json.objectValue ?? JSONObject()
        guard fields.contains(where: { $0.key == "name" || $0.key == "email" }) else {
            error("the owner of group '\(name)' must have a name or an email", value.span,
                  hint: "add `name: …` or `email: …` under `owner:`")
            return nil
        }
        var owner = JSONObject([("email", given["email"] ?? .null), ("name", given["name"] ?? .null)])
        for (k, v) in given where k != "email" && k != "name" { owner[k] = v }
        return owner
    }

    /// Every enabled node's `group` names a declared group, and models' `access` is one of
    /// dbt's three levels.
    mutating func checkGroupConfigs() {
        let names = Set(manifest.groups.values.map(\.name))
        let known = names.sorted()
        // only grouped nodes and unknown access values are looked at, in id order
        let configured = manifest.nodes.values.filter { n in
            if let g = n.config["group"], !g.isNull { return true }
            guard n.resourceType == .model, let a = n.config["access"], !a.isNull else { return false }
            return !AccessLevel.all.contains(a.stringValue ?? "")
        }
        for n in configured.sorted(by: { $0.uniqueId < $1.uniqueId }) {
            if let g = n.config["group"], !g.isNull {
                let name = g.stringValue ?? "\(g)"
                if !names.contains(name) {
                    let listed = known.isEmpty ? "none is declared" : "expected one of " + known.map { "'\($0)'" }.joined(separator: ", ")
                    let hint = Suggest.didYouMean(name, known).map { "did you mean '\($0)'?" }
                        ?? "declare it under `groups:` in a properties file, with an owner"
                    error("\(n.resourceType.rawValue) '\(n.name)' is in group '\(name)', which is not declared (\(listed))",
                          placeOfConfig("group", name, in: n), hint: hint)
                }
            }
            if n.resourceType == .model, let a = n.config["access"], !a.isNull,
               !AccessLevel.all.contains(a.stringValue ?? "") {
                let value = a.stringValue ?? "\(a)"
                error("model '\(n.name)' has access '\(value)', which is not private, protected or public",
                      placeOfConfig("access", value, in: n),
                      hint: Suggest.didYouMean(value, AccessLevel.all).map { "did you mean '\($0)'?" })
            }
        }
    }

    /// A private model is referenced only from its own group (dbt's DbtReferenceError).
    mutating func checkPrivateReferences() {
        var privateGroups: [String: String?] = [:]
        for (id, n) in manifest.nodes where n.resourceType == .model && n.config["access"]?.stringValue == "private" {
            privateGroups[id] = n.config["group"]?.stringValue
        }
        guard !privateGroups.isEmpty else { return }
        func message(_ who: String, _ target: String, _ group: String?) -> String {
            "\(who) references the private model '\(target)'" + (group.map { ", which only nodes of group '\($0)' may reference" } ?? "")
        }
        for id in manifest.nodes.keys.sorted() {
            guard let n = manifest.nodes[id] else { continue }
            let own = manifest.group(of: n)
            for dep in n.dependsOnNodes {
                guard let targetGroup = privateGroups[dep], targetGroup != own, let target = manifest.nodes[dep] else { continue }
                // a generic test's own entry is the place; a file's, its ref()
                let place = n.testMetadata != nil ? n.span : placeOfQuoted(target.name, in: n)
                error(message("\(n.resourceType.rawValue) '\(n.name)'\(own.map { " (group '\($0)')" } ?? "")", target.name, targetGroup),
                      place,
                      hint: privateHint(target: target, group: targetGroup))
            }
        }
        for id in manifest.exposures.keys.sorted() {
            guard let x = manifest.exposures[id] else { continue }
            for dep in x.dependsOnNodes {
                guard let targetGroup = privateGroups[dep], targetGroup != nil, let target = manifest.nodes[dep] else { continue }
                error(message("exposure '\(x.name)'", target.name, targetGroup), x.span,
                      hint: privateHint(target: target, group: targetGroup))
            }
        }
    }

    /// Where a node's config value is set: its file's `config()` call, else its properties
    /// entry's file, else the node itself (a project-file config).
    private func placeOfConfig(_ key: String, _ value: String, in n: Node) -> SourceSpan? {
        if let span = placeOf("'\(value)'", inFile: n.displayPath) ?? placeOf("\"\(value)\"", inFile: n.displayPath) {
            return span
        }
        if let patch = n.patchPath, let local = patch.components(separatedBy: "://").last,
           let scope = scopes.first(where: { $0.name == n.packageName }) {
            let path = scope.prefix + local
            for form in ["\(key): \(value)", "\(key): '\(value)'", "\(key): \"\(value)\""] {
                if let span = placeOf(form, inFile: path) { return SourceSpan(file: span.file, line: span.line, column: span.column + key.count + 2) }
            }
        }
        return n.span
    }

    private func privateHint(target: Node, group: String?) -> String {
        guard let group else { return "give '\(target.name)' `access: protected`, or put it in a group" }
        return "give '\(target.name)' `access: protected` or `public`, or put the referencing node in group '\(group)'"
    }
}
