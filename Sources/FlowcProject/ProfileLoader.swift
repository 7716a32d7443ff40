// Choosing the warehouse target: find profiles.yml (--profiles-dir, the project directory,
// ~/.flowc/, ~/.dbt/), pick the profile and target, render `{{ env_var(…) }}` / `{{ var(…) }}`
// in the target's values and read them into a Target. With no profiles.yml anywhere (or no
// profile named), the embedded SQLite target is used so a new user needs no set-up.

import Foundation

public enum ProfileLoader {
    /// Finds profiles.yml in: profilesDir (if given), the project dir, ~/.flowc/, ~/.dbt/ (in that
    /// order; the first file naming the profile is used), picks profile `profileName` and target
    /// `targetName` (or the profile's `target:`, else "default"), and renders Jinja in its
    /// values. No profiles.yml anywhere → the embedded SQLite target and a note. A profiles
    /// directory without profiles.yml, profiles without this one, a profile without the target,
    /// bad YAML or a missing env var → `ProjectErrors`.
    public static func load(projectRoot: String, profileName: String?, targetName: String?, profilesDir: String?,
                            targetPath: String, vars: YAMLValue?) throws -> (Target, [Diagnostic]) {
        let environment = ProcessInfo.processInfo.environment
        return try load(projectRoot: projectRoot, profileName: profileName, targetName: targetName,
                        profilesDir: profilesDir, targetPath: targetPath, vars: vars, environment: environment,
                        homeDirectory: FileSystem.homeDirectory(environment: environment))
    }

    /// `load` with an explicit environment (for `env_var`) and home directory.
    public static func load(projectRoot: String, profileName: String?, targetName: String?, profilesDir: String?,
                            targetPath: String, vars: YAMLValue?, environment: [String: String],
                            homeDirectory: String?) throws -> (Target, [Diagnostic]) {
        let root = FileSystem.absolute(projectRoot)
        // as dbt: --profiles-dir, else DBT_PROFILES_DIR; a directory named either way must hold
        // profiles.yml (CI sets the variable: a typo must not quietly build somewhere else)
        let chosenDir = profilesDir ?? environment["DBT_PROFILES_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        if let chosenDir, !FileSystem.isFile(FileSystem.absolute(chosenDir) + "/profiles.yml") {
            throw ProjectErrors([Diagnostic(
                .error, "no profiles.yml in \(FileSystem.absolute(chosenDir))"
                    + (profilesDir == nil ? " (from DBT_PROFILES_DIR)" : " (from --profiles-dir)"),
                hint: "point it at the directory that holds profiles.yml")])
        }
        let candidates = searchDirectories(projectRoot: root, profilesDir: chosenDir, homeDirectory: homeDirectory)
            .map { $0 + "/profiles.yml" }
        let existing = candidates.filter(FileSystem.isFile)
        let fallback = Target.defaultSQLite(projectRoot: root, targetPath: targetPath, profileName: profileName,
                                            targetName: targetName)
        let usingDefault = "using the embedded SQLite database at \(fallback.field("path") ?? "")"

        guard let profileName, !profileName.isEmpty else {
            return (fallback, [Diagnostic(.note, "the project names no profile; \(usingDefault)")])
        }
        if existing.isEmpty {
            return (fallback, [Diagnostic(.note, "no profiles.yml found (looked in \(candidates.map { display($0, root) }.joined(separator: ", "))); \(usingDefault)")])
        }
        for path in existing {
            let shown = display(path, root)
            guard let text = FileSystem.read(path) else {
                throw ProjectErrors([Diagnostic(.error, "cannot read \(shown)", span: .start(of: shown))])
            }
            guard let parsed = Parallel.run({ YAMLReader.parse(text, file: shown) }) else { continue }
            if parsed.diagnostics.contains(where: \.isError) { throw ProjectErrors(parsed.diagnostics) }
            guard let document = parsed.value else { continue }
            guard document.isMap else {
                throw ProjectErrors([.error("profiles.yml must be a mapping of profile names to profiles",
                                            at: document.span, in: text)])
            }
            guard let profile = document.entry(profileName) else { continue }
            // Rendering recurses once per nesting level: on a worker's large stack.
            let read = Parallel.run { () -> Result<(Target, [Diagnostic]), ProjectErrors> in
                do {
                    return .success(try readTarget(profile: profile, profileName: profileName, targetName: targetName,
                                                   vars: vars, environment: environment, text: text))
                } catch let errors as ProjectErrors {
                    return .failure(errors)
                } catch {
                    return .failure(ProjectErrors([Diagnostic(.error, "\(error)")]))
                }
            }
            switch read {
            case .success(let (target, diagnostics))?: return (target, parsed.diagnostics + diagnostics)
            case .failure(let errors)?: throw errors
            case nil: throw ProjectErrors([Diagnostic(.error, "could not read the profile")])
            }
        }
        // as dbt ("Could not find profile named …"): profiles exist, so the embedded database
        // would quietly stand in for a warehouse the user meant
        throw ProjectErrors([Diagnostic(
            .error, "could not find a profile named '\(profileName)' in \(existing.map { display($0, root) }.joined(separator: ", "))",
            hint: "add it there, name another with `profile:` (or --profile), or leave `profile:` out to use the embedded SQLite database")])
    }

    /// Where profiles.yml is looked for, in order, without repeats.
    static func searchDirectories(projectRoot: String, profilesDir: String?, homeDirectory: String?) -> [String] {
        var dirs: [String] = []
        if let profilesDir { dirs.append(FileSystem.absolute(profilesDir)) }
        dirs.append(projectRoot)
        if let home = homeDirectory {
            dirs.append(FileSystem.absolute(home + "/.flowc"))
            dirs.append(FileSystem.absolute(home + "/.dbt"))
        }
        var seen: Set<String> = []
        return dirs.filter { seen.insert($0).inserted }
    }

    /// A path as shown in messages: relative inside the project, absolute elsewhere.
    static func display(_ path: String, _ root: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    static func readTarget(profile: YAMLValue.Entry, profileName: String, targetName: String?, vars: YAMLValue?,
                           environment: [String: String], text: String) throws -> (Target, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func fail(_ message: String, _ span: SourceSpan, hint: String? = nil) -> ProjectErrors {
            ProjectErrors(diagnostics + [.error(message, at: span, in: text, hint: hint)])
        }
        guard profile.value.isMap else {
            throw fail("profile '\(profileName)' must be a mapping with `target:` and `outputs:`", profile.value.span)
        }
        guard let outputs = profile.value.entry("outputs"), let targets = outputs.value.entries else {
            throw fail("profile '\(profileName)' has no `outputs:` mapping of targets", profile.keySpan)
        }
        let templating = YAMLTemplating(environment: environment, vars: vars?.entries?.map { ($0.key, $0.value) } ?? [],
                                        varsHint: "pass it with --vars", target: nil, allowsSecrets: true)
        var chosen = targetName
        if chosen == nil, let t = profile.value["target"] {
            let rendered = templating.render(t, text: text, deferred: { _ in false })
            chosen = rendered.scalarText
        }
        let name = chosen ?? "default"
        guard let entry = targets.first(where: { $0.key == name }) else {
            let available = targets.map { "'\($0.key)'" }.joined(separator: ", ")
            throw fail("profile '\(profileName)' has no target '\(name)'", outputs.keySpan,
                       hint: targets.isEmpty ? "add a target under `outputs:`" : "available targets: \(available)")
        }
        let rendered = templating.render(entry.value, text: text, deferred: { _ in false })
        diagnostics.append(contentsOf: templating.diagnostics)
        if diagnostics.contains(where: \.isError) { throw ProjectErrors(diagnostics) }
        guard let fields = rendered.entries else {
            throw fail("target '\(name)' of profile '\(profileName)' must be a mapping", entry.value.span)
        }
        guard let type = rendered["type"]?.scalarText, !type.isEmpty else {
            throw fail("target '\(name)' of profile '\(profileName)' has no 'type'", entry.keySpan,
                       hint: "e.g. `type: postgres` or `type: sqlite`")
        }
        var threads = 1
        if let t = rendered["threads"] {
            guard let n = t.int ?? t.scalarText.flatMap({ Int($0) }), n >= 1 else {
                throw fail("'threads' must be a positive integer, found \(t.description)", t.span)
            }
            threads = min(n, 1024)  // as --threads: a huge count only overflows the slicing of work
        }
        let embedded = type == "sqlite" || type == "duckdb"
        var database = rendered["database"]?.scalarText ?? rendered["dbname"]?.scalarText
        if database == nil, type == "duckdb", let path = rendered["path"]?.scalarText {
            let file = path.split(separator: "/").last.map(String.init) ?? path
            database = file.split(separator: ".").first.map(String.init)
        }
        let schema = rendered["schema"]?.scalarText ?? (embedded ? "main" : type == "postgres" ? "public" : "")
        if schema.isEmpty {
            diagnostics.append(.warning("target '\(name)' has no 'schema'", at: entry.keySpan, in: text))
        }
        let texts = fields.map { ($0.key, $0.value.isNull ? "" : ($0.value.scalarText ?? $0.value.description)) }
        let target = Target(profileName: profileName, name: name, type: type, threads: threads, schema: schema,
                            database: database ?? (embedded ? "main" : ""), fields: texts, raw: rendered)
        return (target, diagnostics)
    }
}
