// What fetching a package needs, the same for every package of one deps run: worked out once
// (the git environment asks git's config, a process of its own).
import FlowcProject

struct FetchContext {
    /// The root project: local paths and relative git URLs are relative to it.
    var projectRoot: String
    /// Where git packages are cloned before they are moved into place.
    var scratch: String
    /// For Jinja in packages files and the packages' project files.
    var environment: [String: String]
    /// Added to git's own environment.
    var gitEnvironment: [String: String]
    /// The package hub, whose answers are kept for the run.
    let hub: HubRegistry

    init(projectRoot: String, scratch: String, environment: [String: String]) {
        self.projectRoot = projectRoot
        self.scratch = scratch
        self.environment = environment
        hub = HubRegistry(environment: environment)
        // never wait for a password, passphrase or host-key prompt: git fails instead
        var git = ["GIT_TERMINAL_PROMPT": "0"]
        // unless the user chose an ssh command (a deploy key, say), in the environment or git's config
        let configured = (try? Git.run(["config", "--get", "core.sshCommand"], in: projectRoot, isolated: true)).map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        } ?? ""
        if environment["GIT_SSH_COMMAND"] == nil && environment["GIT_SSH"] == nil && configured.isEmpty {
            git["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
        }
        gitEnvironment = git
    }
}
