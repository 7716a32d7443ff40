// dbt's `deps --add-package NAME@VERSION [--source hub|git|local]`: the package written into
// packages.yml (created when there is none), its version replaced when the file lists it
// already, before deps installs. The file is edited line by line, so its comments and layout
// stay as they were (dbt rewrites the whole file).
import FlowcProject
import Foundation

public enum AddPackage {
    public enum Source: String, Sendable, CaseIterable {
        case hub, git, local
    }

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Adds (or updates) the package in the project's packages file; returns the file's name.
    @discardableResult
    public static func apply(_ argument: String, source: Source, root: String) throws -> String {
        let (name, version) = split(argument)
        guard !name.isEmpty else { throw Invalid(description: "--add-package needs a package, e.g. dbt-labs/dbt_utils@1.3.0") }
        if source != .local && version == nil {
            throw Invalid(description: "--add-package \(argument): give the \(source == .hub ? "version" : "revision") after '@', "
                          + "e.g. \(source == .hub ? "dbt-labs/dbt_utils@1.3.0" : "https://github.com/org/repo.git@v1.0")")
        }
        let fileName = PackagesFile.fileNames.first { FileManager.default.fileExists(atPath: root + "/" + $0) } ?? "packages.yml"
        let path = root + "/" + fileName
        let text = FileSystem.read(path) ?? ""
        let edited = try self.edited(text, name: name, version: version, source: source)
        if let reason = FileSystem.replace(path, with: edited) {
            throw Invalid(description: "cannot write \(fileName): \(reason)")
        }
        return fileName
    }

    /// `org/name@1.3.0` → (org/name, 1.3.0); the last `@` splits, so a git URL's `git@host` stays whole.
    static func split(_ argument: String) -> (String, String?) {
        guard let at = argument.lastIndex(of: "@"), at != argument.startIndex,
              !argument[argument.index(after: at)...].contains("/") || argument.hasPrefix("http") else { return (argument, nil) }
        let version = String(argument[argument.index(after: at)...])
        return (String(argument[..<at]), version.isEmpty ? nil : version)
    }

    /// The packages file's text with the package in it.
    static func edited(_ text: String, name: String, version: String?, source: Source) throws -> String {
        let key = source == .hub ? "package" : source.rawValue
        let versionKey = source == .git ? "revision" : "version"
        var entry = ["- \(key): \(PyYAMLScalar.quote(name))"]
        if let version, source != .local { entry.append("  \(versionKey): \(PyYAMLScalar.quote(version))") }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return "packages:\n" + entry.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard let listLine = lines.firstIndex(where: { $0.hasPrefix("packages:") }) else {
            throw Invalid(description: "the packages file has no top-level `packages:` list to add to")
        }
        // the list's items: lines after `packages:` until the next top-level key
        var end = listLine + 1
        while end < lines.count, lines[end].isEmpty || lines[end].hasPrefix(" ") || lines[end].hasPrefix("-") || lines[end].hasPrefix("#") {
            end += 1
        }
        let itemLines = (listLine + 1)..<end
        let indent = itemLines.lazy.compactMap { i -> String? in
            let line = lines[i]
            let trimmed = line.drop { $0 == " " }
            return trimmed.hasPrefix("- ") ? String(line.prefix(line.count - trimmed.count)) : nil
        }.first ?? "  "
        // the package already listed: its version or revision replaced
        for i in itemLines where lines[i].hasPrefix(indent + "- ") && value(of: key, in: lines[i]) == name {
            var j = i + 1
            while j < end, lines[j].hasPrefix(indent + "  ") {
                if value(of: versionKey, in: lines[j]) != nil, let version {
                    lines[j] = indent + "  \(versionKey): " + PyYAMLScalar.quote(version)
                    return lines.joined(separator: "\n") + "\n"
                }
                j += 1
            }
            if let version, source != .local { lines.insert(indent + "  \(versionKey): " + PyYAMLScalar.quote(version), at: i + 1) }
            return lines.joined(separator: "\n") + "\n"
        }
        // after the last item (trailing blank lines and comments stay after it)
        var at = end
        while at > listLine + 1, lines[at - 1].trimmingCharacters(in: .whitespaces).isEmpty { at -= 1 }
        lines.insert(contentsOf: entry.map { indent + $0 }, at: at)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The scalar after `key:` on an item line (`  - package: a/b` or `    version: 1.0`).
    static func value(of key: String, in line: String) -> String? {
        var rest = Substring(line).drop { $0 == " " }
        if rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop { $0 == " " } }
        guard rest.hasPrefix(key + ":") else { return nil }
        var raw = rest.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
        if let comment = raw.range(of: " #") { raw = String(raw[..<comment.lowerBound]).trimmingCharacters(in: .whitespaces) }
        return raw.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }
}
