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
            return try JSONDecoder().decode(DecodedJSON.self, from: data).value
        } catch let DecodingError.dataCorrupted(context) {
            let reason = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                ?? context.debugDescription
            throw StateFileError(message: "\(path): not valid JSON: \(reason)",
                                 hint: "regenerate it with the command that wrote it (e.g. `flowc compile`)")
        } catch {
            throw StateFileError(message: "\(path): not valid JSON: \(error)",
                                 hint: "regenerate it with the command that wrote it (e.g. `flowc compile`)")
        }
    }
}

/// Decodes any JSON document into `JSON` (object keys come back in sorted order).
struct DecodedJSON: Decodable {
    let value: JSON

    init(from decoder: Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSON] = []
            while !array.isAtEnd { items.append(try array.decode(DecodedJSON.self).value) }
            value = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: Key.self) {
            var pairs: [(String, JSON)] = []
            for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                pairs.append((key.stringValue, try object.decode(DecodedJSON.self, forKey: key).value))
            }
            value = .object(JSONObject(pairs))
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            value = .null
        } else if let b = try? single.decode(Bool.self) {
            value = .bool(b)
        } else if let i = try? single.decode(Int.self) {
            value = .int(i)
        } else if let d = try? single.decode(Double.self) {
            value = .double(d)
        } else {
            value = .string(try single.decode(String.self))
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// target/lineage.json, written by lineage-aware commands.
public enum LineageFile {
    /// The parsed `dir/lineage.json`, nil when there is none.
    public static func read(_ dir: String) throws -> JSON? {
        try JSONFile.read(dir + "/lineage.json")
    }
}
