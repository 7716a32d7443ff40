// What a file-system error that reached the top of a command says to the user. Foundation's own
// description ("Error Domain=NSCocoaErrorDomain Code=516 … UserInfo={…}") names neither what
// flowc was doing nor what to change.
import Foundation

enum SystemErrorMessage {
    /// A one-line message with the path and the operating system's reason, or nil when the error
    /// is not a file-system error.
    static func describe(_ error: Error) -> String? {
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return nil }
        let path = ns.userInfo[NSFilePathErrorKey] as? String
            ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        var code = ns.domain == NSPOSIXErrorDomain ? Int32(ns.code) : nil
        if code == nil, let under = ns.userInfo[NSUnderlyingErrorKey] as? NSError, under.domain == NSPOSIXErrorDomain {
            code = Int32(under.code)
        }
        let reason: String
        if let code {
            reason = String(cString: strerror(code))
        } else {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileWriteFileExists: reason = "a file is in the way"
            case .fileNoSuchFile, .fileReadNoSuchFile: reason = "No such file or directory"
            case .fileWriteNoPermission, .fileReadNoPermission: reason = "Permission denied"
            case .fileWriteOutOfSpace: reason = "No space left on device"
            default: reason = ns.localizedDescription
            }
        }
        guard let path else { return "error: \(reason)" }
        var message = "error: \(path): \(reason)"
        if code == EEXIST || code == ENOTDIR || ns.code == CocoaError.Code.fileWriteFileExists.rawValue {
            message += "\nhint: flowc needs a directory there; check target-path, log-path and the profile's database path"
        }
        return message
    }
}
