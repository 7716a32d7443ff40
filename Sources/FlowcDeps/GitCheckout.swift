// A git package checked out at its revision in a scratch folder, with the same git commands
// dbt runs (a shallow clone, then a fetch of just the revision), so tags, branches and full
// commit ids resolve as they do for dbt: a short commit id is looked up as a ref and fails.
import FlowcProject
import Foundation

struct GitCheckout {
    /// The clone's folder.
    var folder: String
    /// The full commit id checked out.
    var commit: String

    /// Clones `url` into `folder` (which must not exist) and checks out `revision` (nil or
    /// "HEAD": the default branch). Relative URLs are relative to the project root. Throws a
    /// diagnostic at `span` with git's own message.
    static func fetch(url: String, revision: String?, into folder: String, span: SourceSpan,
                      context: FetchContext) throws -> GitCheckout {
        // a value git would read as an option (packages files come from third parties too)
        for (what, value) in [("URL", url), ("revision", revision ?? "")] where value.hasPrefix("-") {
            throw Diagnostic(.error, "git package \(what) '\(value)' starts with '-'", span: span,
                             hint: "a git URL or revision never starts with '-'")
        }
        func failed(_ what: String, _ gitMessage: String, hint: String?) -> GitError {
            // git's whole message (the cause often precedes the last "fatal:" line), without progress
            let detail = gitMessage.split(separator: "\n").filter { !$0.hasPrefix("Cloning into") }.joined(separator: "\n  ")
            return GitError(message: "\(what): \(detail)", hint: hint)
        }
        func git(_ args: [String], in directory: String, failure: ((String) -> GitError)? = nil) throws -> Data {
            try Git.run(args, in: directory, environment: context.gitEnvironment, isolated: true, failure: failure)
        }
        let pinned = revision.map { $0 != "HEAD" } ?? false
        let shown = revision.map { "revision '\($0)'" } ?? "the default branch"
        do {
            try git(["clone", "--quiet", "--depth", "1", "--", url, folder], in: context.projectRoot) {
                failed("cannot clone git package \(url)", $0,
                       hint: "check the URL, and that git can reach it from here (`git ls-remote \(url)`)")
            }
            if let revision, pinned {
                let notFound: (String) -> GitError = {
                    failed("cannot check out \(shown) of git package \(url)", $0,
                           hint: "name a tag, a branch or a full 40-character commit id that exists in the repository")
                }
                if isCommitID(revision) {
                    try git(["fetch", "--quiet", "origin", "--depth", "1", revision], in: folder, failure: notFound)
                    try git(["reset", "--quiet", "--hard", revision], in: folder, failure: notFound)
                } else {
                    try git(["remote", "set-branches", "origin", revision], in: folder, failure: notFound)
                    try git(["fetch", "--quiet", "origin", "--depth", "1", "--tags", revision], in: folder, failure: notFound)
                    let tags = try git(["tag", "--list", revision], in: folder)
                    let isTag = String(decoding: tags, as: UTF8.self).split(separator: "\n").contains { $0 == revision }
                    try git(["reset", "--quiet", "--hard", (isTag ? "tags/" : "origin/") + revision], in: folder, failure: notFound)
                }
            }
            let head = try git(["rev-parse", "HEAD"], in: folder)
            let commit = String(decoding: head, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return GitCheckout(folder: folder, commit: commit)
        } catch let error as GitError {
            throw Diagnostic(.error, error.message, span: span, hint: error.hint)
        }
    }

    /// dbt takes a revision for a commit only when it is 40 hex digits.
    static func isCommitID(_ revision: String) -> Bool {
        revision.utf8.count == 40 && revision.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
