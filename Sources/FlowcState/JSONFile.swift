// Reading the JSON artifacts of an earlier run (manifest.json, run_results.json, lineage.json)
// into flowc's JSON value. Errors name the file and say what to do.
import FlowcGraph
import Foundation

public struct StateFileError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var hint: String?
    public var description: String { message + (hint.map { "\nhint: \($0)" } ?? "") }
}

enum JSONFile {
    /// The parsed file; nil when it does not exist. Throws `StateFileError` when it is not JSON.
    static func read(_ path: String) throws -> JSON? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StateFileError(message: "cannot read \(path)", hint: "check the file's permissions")
        }
        do {
            return try JSONReader.parse(Array(data))
        } catch let e as JSONSyntaxError {
            throw StateFileError(message: "\(path):\(e.line):\(e.column): not valid JSON: \(e.reason)",
                                 hint: "regenerate it with the command that wrote it (e.g. `flowc compile`)")
        }
    }
}

/// target/lineage.json, written by lineage-aware commands.
public enum LineageFile {
    /// The parsed `dir/lineage.json`, nil when there is none.
    public static func read(_ dir: String) throws -> JSON? {
        try JSONFile.read(dir + "/lineage.json")
    }
}
