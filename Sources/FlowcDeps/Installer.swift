// Putting fetched packages in place under packages-install-path: the folder is emptied (as
// dbt does, so removed packages go), then local packages are linked and git checkouts moved in.
// Emptying never follows a symbolic link: a linked local package's own files are never touched.
import FlowcProject
import Foundation

enum Installer {
    static func install(_ packages: [FetchedPackage], into folder: String, log: (String) -> Void) throws {
        try empty(folder)
        for package in packages {
            log("Installing \(package.what)")
            let destination = folder + "/" + package.name
            do {
                if package.isLink {
                    try FileManager.default.createSymbolicLink(atPath: destination, withDestinationPath: package.files)
                } else {
                    try FileManager.default.moveItem(atPath: package.files, toPath: destination)
                }
            } catch {
                throw Diagnostic(.error, "cannot install \(package.name) at \(destination): \(error.localizedDescription)",
                                 span: package.spec.span)
            }
            for (index, line) in package.how.enumerated() { log(index == 0 ? "Installed from \(line)" : line) }
        }
    }

    /// Creates `folder` (and its parents) or removes everything in it.
    static func empty(_ folder: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue {
            for entry in try FileManager.default.contentsOfDirectory(atPath: folder) {
                try remove(folder + "/" + entry)
            }
        } else {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    /// Removes a file, a link (not what it points to) or a folder tree.
    static func remove(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            for entry in try FileManager.default.contentsOfDirectory(atPath: path) {
                try remove(path + "/" + entry)
            }
            guard rmdir(path) == 0 else { throw removeError(path) }
        } else {
            guard unlink(path) == 0 else { throw removeError(path) }
        }
    }

    static func removeError(_ path: String) -> Diagnostic {
        Diagnostic(.error, "cannot remove \(path): \(String(cString: strerror(errno)))",
                   hint: "check the folder's permissions")
    }
}
