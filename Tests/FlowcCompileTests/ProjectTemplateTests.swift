// project-template/ (what `flowc init` lays down) is embedded in the binary; the embedded copy
// must match the directory, and a project made from it must compile.
import FlowcProject
import Foundation
import Testing

@Test func embeddedTemplateMatchesTheDirectory() throws {
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let dir = repo.appendingPathComponent("project-template").path
    var onDisk: [String: String] = [:]
    let e = FileManager.default.enumerator(atPath: dir)
    while let rel = e?.nextObject() as? String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
            onDisk[rel] = try String(contentsOfFile: dir + "/" + rel, encoding: .utf8)
        }
    }
    let embedded = Dictionary(ProjectTemplateFiles.files.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
    #expect(onDisk == embedded, "run scripts/embed_files.py after editing project-template/")
}

@Test func aNewProjectCompiles() throws {
    var files: [String: String] = [:]
    for f in ProjectTemplateFiles.files { files[f.path] = f.text.replacingOccurrences(of: "{{project_name}}", with: "fresh") }
    let p = try TestProject(files)
    defer { p.remove() }
    let sql = try p.compile()
    #expect(sql["customers_by_month"]?.contains("from main.\"stg_customers\"") == true)
    #expect(sql["unique_stg_customers_customer_id"] != nil)
}
