// Groups (`groups:` in properties files) and dbt's model access rules, as dbt 1.11 checks them
// at parse time:
// - every group has an owner with a name or an email, and group names are unique per package;
// - a node's `group` config names a declared group, and a model's `access` is private,
//   protected or public (with them, the one other config dbt checks against a list of values:
//   `on_configuration_change` is apply, continue or fail);
// - a private model is referenced (ref(), a relationships test, an exposure) only by nodes of
//   its own group: a node without a group (an exposure never has one) may not reference it.
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
        // dbt sets a generic test's group to its model's (none included), whatever the test's config says
        if n.resourceType == .test, n.testMetadata != nil, let attached = n.attachedNode {
            return Self.groupName((nodes[attached] ?? disabled[attached])?.config["group"])
        }
        return Self.groupName(n.config["group"])
    }

    /// A `group` config value as a group name; null and "" are no group, as in dbt.
    static func groupName(_ value: JSON?) -> String? {
        guard let s = value?.stringValue, !s.isEmpty else { return nil }
        return s
    }

    /// dbt's `group_map`: each group's enabled nodes, by unique id.
    public var groupMap: [String: [String]] {
        var map: [String: [String]] = [:]
        for g in groups.values { map[g.name] = map[g.name] ?? [] }
        // each node's group found on two threads: at the end of the manifest, nothing else runs
        let manifest = self
        for (g, id) in nodes.parallelCompactMap(threads: 2, { id, n in manifest.group(of: n).map { ($0, id) } }) {
            map[g, default: []].append(id)
        }
        return map
    }
}

extension Builder {
    static let groupKeys = ["name", "owner", "description", "config"]

    mutating func readGroups() {
        var seen: [String: Group] = [:]
        for scope in scopes {
            for props in scope.properties {
                let file = scope.local(props.path)
                for entry in props.groups {
                    let span = entry["name"]?.span
                    guard let name = entry["name"]?.string else {
                        error("a group's name must be a string, found \(entry["name"]?.kindName ?? "nothing")", span,
                              hint: "quote it: `name: '…'`")
                        continue
                    }
                    // dbt's schema for groups allows no other keys (a `meta:` goes under `config:`)
                    for field in entry.entries ?? [] where !Self.groupKeys.contains(field.key) {
                        error("group '\(name)' has an unknown key '\(field.key)'", field.keySpan,
                              hint: field.key == "meta" ? "put it under `config:` (`config: {meta: …}`)"
                                : "a group has " + Self.groupKeys.joined(separator: ", "))
                    }
                    if let c = entry["config"], !c.isNull, !c.isMap {
                        error("the config of group '\(name)' must be a mapping, found \(c.kindName)", c.span,
                              hint: "write `config: {meta: {…}}`")
                    } else if let m = entry["config"]?["meta"], !m.isNull, !m.isMap {
                        error("the meta of group '\(name)' must be a mapping, found \(m.kindName)", m.span,
                              hint: "write `meta: {key: value}`")
                    }
                    if let d = entry["description"], !d.isNull, d.string == nil {
                        error("the description of group '\(name)' must be a string, found \(d.kindName)", d.span, hint: nil)
                    }
                    let uid = "group.\(scope.name).\(name)"
                    guard let owner = groupOwner(entry, name: name, span: span) else { continue }
                    let (_, rest) = NodeFactory.split(file, roots: scope.config.modelPaths)
                    let group = Group(uniqueId: uid, name: name, packageName: scope.name, path: rest,
                                      originalFilePath: file, owner: owner,
                                      description: entry["description"]?.string,
                                      meta: entry["config"]?["meta"]?.json ?? .object(JSONObject()),
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

    /// Every enabled node's `group` names a declared group, and its `access`, where set, is one
    /// of dbt's three levels. A value set for a folder in the project file is reported once, at
    /// its line there, with how many nodes it reaches.
    mutating func checkGroupConfigs() {
        let names = Set(manifest.groups.values.map(\.name))
        let known = names.sorted()
        /// What is wrong with a node's configs; `access` before the properties-entry test below.
        @Sendable func bad(_ n: Node) -> (group: String?, access: String?, onChange: String?) {
            var out: (group: String?, access: String?, onChange: String?) = (nil, nil, nil)
            // a generic test takes its model's group, so its own config is not checked (as in dbt)
            let takesModelsGroup = n.resourceType == .test && n.testMetadata != nil && n.attachedNode != nil
            if !takesModelsGroup, let g = n.config["group"], !g.isNull, g.stringValue != "", !names.contains(Self.text(g)) {
                out.group = Self.text(g)
            }
            if let a = n.config["access"], !a.isNull, !AccessLevel.all.contains(a.stringValue ?? "") {
                out.access = Self.text(a)
            }
            // dbt's node configs (not tests') hold it as an enum: another value fails parsing
            if n.resourceType != .test, let c = n.config["on_configuration_change"], !c.isNull,
               !Self.onConfigurationChange.contains(c.stringValue ?? "") {
                out.onChange = Self.text(c)
            }
            return out
        }
        var reported: [String: (message: String, hint: String?, span: SourceSpan?, count: Int)] = [:]
        var order: [String] = []
        func report(_ key: String, _ value: String, _ n: Node, message: String, hint: String?) {
            let (span, inProjectFile) = placeOfConfig(key, value, in: n)
            let dedupe = inProjectFile ? "\(key)|\(value)|\(span.map(\.description) ?? "")" : n.uniqueId + "|" + key
            if reported[dedupe] != nil {
                reported[dedupe]?.count += 1
                return
            }
            reported[dedupe] = (message, hint, span, 1)
            order.append(dedupe)
        }
        let candidates = manifest.nodes.parallelCompactMap(threads: options.threads) { _, n -> (node: Node, group: String?, access: String?, onChange: String?)? in
            let b = bad(n)
            return b.group != nil || b.access != nil || b.onChange != nil ? (n, b.group, b.access, b.onChange) : nil
        }
        let flagged = candidates.compactMap { c -> (node: Node, group: String?, access: String?, onChange: String?)? in
            // dbt checks a model's access wherever it is set, another node's only in its
            // properties entry (a project-file `+access` on seeds passes)
            let access = c.access.flatMap { c.node.resourceType == .model || inPropertiesEntry("access", $0, of: c.node) ? $0 : nil }
            return c.group != nil || access != nil || c.onChange != nil ? (c.node, c.group, access, c.onChange) : nil
        }
        for (n, group, access, onChange) in flagged.sorted(by: { $0.node.uniqueId < $1.node.uniqueId }) {
            if let name = group {
                let listed = known.isEmpty ? "none is declared" : "expected one of " + known.map { "'\($0)'" }.joined(separator: ", ")
                report("group", name, n, message: "\(n.resourceType.rawValue) '\(n.name)' is in group '\(name)', which is not declared (\(listed))",
                       hint: Suggest.didYouMean(name, known).map { "did you mean '\($0)'?" }
                           ?? "declare it under `groups:` in a properties file, with an owner")
            }
            if let value = access {
                report("access", value, n, message: "\(n.resourceType.rawValue) '\(n.name)' has access '\(value)', which is not private, protected or public",
                       hint: Suggest.didYouMean(value, AccessLevel.all).map { "did you mean '\($0)'?" }
                           ?? "write `access: private`, `protected` or `public`")
            }
            if let value = onChange {
                report("on_configuration_change", value, n,
                       message: "\(n.resourceType.rawValue) '\(n.name)' has on_configuration_change '\(value)', which is not apply, continue or fail",
                       hint: Suggest.didYouMean(value, Self.onConfigurationChange).map { "did you mean '\($0)'?" }
                           ?? "what a changed materialized view gets: `apply` the changes, `continue` without them (a warning), or `fail`")
            }
        }
        for key in order {
            guard let r = reported[key] else { continue }
            let more = r.count > 1 ? " (and \(r.count - 1) more node\(r.count == 2 ? "" : "s") configured here)" : ""
            error(r.message + more, r.span, hint: r.hint)
        }
    }

    static let onConfigurationChange = ["apply", "continue", "fail"]

    /// A config value as the user wrote it (`123`, not `int(123)`).
    static func text(_ v: JSON) -> String {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "true" : "false"
        default: return JSONWriter.string(v)
        }
    }

    /// A private model is referenced only from its own group, and, in a package that sets
    /// `restrict-access: true`, only from that package; a protected model of such a package only
    /// from the package (dbt's is_invalid_private_ref / is_invalid_protected_ref).
    mutating func checkPrivateReferences() {
        let restricted = Set(scopes.filter(\.config.restrictAccess).map(\.name))
        var guarded: [String: (access: String, group: String?)] = [:]
        let found = manifest.nodes.parallelCompactMap(threads: options.threads) { id, n -> (String, String, String?)? in
            guard n.resourceType == .model else { return nil }
            let access = n.config["access"]?.stringValue ?? "protected"
            guard access == "private" || (access == "protected" && restricted.contains(n.packageName)) else { return nil }
            return (id, access, Manifest.groupName(n.config["group"]))
        }
        for (id, access, group) in found { guarded[id] = (access, group) }
        guard !guarded.isEmpty else { return }
        /// Why `package`'s node in `group` may not reference `target`, or nil when it may.
        func refusal(package: String, group: String?, target: Node, isNode: Bool = true) -> (message: String, hint: String)? {
            guard let rule = guarded[target.uniqueId] else { return nil }
            let otherPackage = package != target.packageName && restricted.contains(target.packageName)
            if rule.access == "protected" {
                guard otherPackage else { return nil }
                return ("references the protected model '\(target.name)' of package '\(target.packageName)', which sets `restrict-access: true`",
                        "give '\(target.name)' `access: public` in '\(target.packageName)', or reference a public model")
            }
            guard group == nil || group != rule.group || otherPackage else { return nil }
            let only = rule.group.map { ", which only nodes of group '\($0)'\(otherPackage ? " in package '\(target.packageName)'" : "") may reference" } ?? ""
            let hint = otherPackage && group != nil && group == rule.group
                ? "package '\(target.packageName)' sets `restrict-access: true`: its private models are for its own nodes; reference a public one"
                : privateHint(target: target, group: rule.group, canJoin: isNode)
            return ("references the private model '\(target.name)'" + only, hint)
        }
        for id in manifest.nodes.keys.sorted() {
            guard let n = manifest.nodes[id] else { continue }
            let own = manifest.group(of: n)
            for dep in n.dependsOnNodes {
                guard guarded[dep] != nil, let target = manifest.nodes[dep],
                      let (message, hint) = refusal(package: n.packageName, group: own, target: target) else { continue }
                // a generic test's own entry is the place; a file's, its ref()
                let place = n.testMetadata != nil ? n.span : placeOfQuoted(target.name, in: n)
                error("\(n.resourceType.rawValue) '\(n.name)'\(own.map { " (group '\($0)')" } ?? "") " + message, place, hint: hint)
            }
        }
        for id in manifest.exposures.keys.sorted() {
            guard let x = manifest.exposures[id] else { continue }
            // an exposure has no group, so no private model is open to it
            for dep in x.dependsOnNodes {
                guard guarded[dep] != nil, let target = manifest.nodes[dep],
                      let (message, hint) = refusal(package: x.packageName, group: nil, target: target, isNode: false) else { continue }
                error("exposure '\(x.name)' " + message, x.span, hint: hint)
            }
        }
    }

    /// Where a node's config value is set: its file's `config()` call, else its properties
    /// entry's file, else the project file's `+key: value` (then `true`), else the node itself.
    private func placeOfConfig(_ key: String, _ value: String, in n: Node) -> (SourceSpan?, Bool) {
        guard let scope = scopes.first(where: { $0.name == n.packageName }) else { return (n.span, false) }
        // the node's own `config(key='value')`
        if let file = scope.files.first(where: { $0.path == n.displayPath }) {
            for call in ["\(key)='\(value)'", "\(key)=\"\(value)\"", "\(key) = '\(value)'", "\(key) = \"\(value)\""] {
                if let span = Self.place(of: call, in: file.text, file: file.path) {
                    return (SourceSpan(file: span.file, line: span.line, column: span.column + call.count - value.count - 2), false)
                }
            }
        }
        let forms = ["\(key): \(value)", "\(key): '\(value)'", "\(key): \"\(value)\""]
        if let patch = n.patchPath, let local = patch.components(separatedBy: "://").last,
           let file = scope.files.first(where: { $0.path == scope.prefix + local }) {
            for form in forms {
                if let span = Self.place(of: form, in: file.text, file: file.path) {
                    return (SourceSpan(file: span.file, line: span.line, column: span.column + key.count + 2), false)
                }
            }
        }
        // folder configs: the root's project file (which has the last word), then the package's
        for path in [project.config.fileName, scope.prefix + scope.config.fileName] {
            guard let text = try? String(contentsOfFile: project.root + "/" + path, encoding: .utf8) else { continue }
            for form in forms.map({ "+" + $0 }) + forms {
                if let span = Self.place(of: form, in: text, file: path) {
                    return (SourceSpan(file: span.file, line: span.line, column: span.column + form.count - form.drop { $0 != ":" }.count + 2), true)
                }
            }
        }
        return (n.span, false)
    }

    /// Whether `key: value` is written in the node's properties entry's file.
    private func inPropertiesEntry(_ key: String, _ value: String, of n: Node) -> Bool {
        guard let patch = n.patchPath, let local = patch.components(separatedBy: "://").last,
              let scope = scopes.first(where: { $0.name == n.packageName }),
              let file = scope.files.first(where: { $0.path == scope.prefix + local }) else { return false }
        return ["\(key): \(value)", "\(key): '\(value)'", "\(key): \"\(value)\""].contains {
            Self.place(of: $0, in: file.text, file: file.path) != nil
        }
    }

    /// The line and column (in Unicode scalars) of the first occurrence of `needle` in `text`;
    /// with `standalone`, only one after the start of a line, a space, `{`, `,` or `(`, and
    /// before the end of the line, a space, a comment, `,`, `}` or `)` (so `group: fin` matches
    /// neither `group: finance` nor `subgroup: fin`).
    static func place(of needle: String, in text: String, file: String, standalone: Bool = true) -> SourceSpan? {
        var searchFrom = text.startIndex
        while let range = text.range(of: needle, range: searchFrom..<text.endIndex) {
            let next = range.upperBound < text.endIndex ? text[range.upperBound] : "\n"
            let previous = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : "\n"
            let ends = next == "\n" || next == "\r" || next == " " || next == "#" || next == "," || next == "}" || next == ")"
            let starts = previous == "\n" || previous == " " || previous == "\t" || previous == "{" || previous == "," || previous == "("
            if !standalone || (ends && starts) { return span(at: range.lowerBound, in: text, file: file) }
            searchFrom = range.upperBound
        }
        return nil
    }

    /// The line and column (in characters) of `index` in `text`.
    static func span(at index: String.Index, in text: String, file: String) -> SourceSpan {
        let before = text[..<index]
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return SourceSpan(file: file, line: line, column: text.unicodeScalars[lineStart..<index].count + 1)
    }

    /// `canJoin`: the referencing node could join the group (an exposure has no group).
    private func privateHint(target: Node, group: String?, canJoin: Bool = true) -> String {
        guard let group, canJoin else {
            return "give '\(target.name)' `access: protected` or `public`"
                + (group == nil ? ": a private model without a group is open to nothing" : "")
        }
        return "give '\(target.name)' `access: protected` or `public`, or put the referencing node in group '\(group)'"
    }
}
