// The binary embeds Sources/FlowcDocs/Site/ through scripts/embed_files.py; this fails when
// someone edits the site and forgets to run it.
import FlowcDocs
import Foundation
import Testing

@Suite struct SiteAssetsTests {
    @Test func embeddedAssetsMatchTheSiteFolder() throws {
        let site = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/FlowcDocs/Site").standardizedFileURL.path
        let names = try FileManager.default.contentsOfDirectory(atPath: site).sorted()
        #expect(SiteAssets.files.map(\.name) == names, "run scripts/embed_files.py")
        for f in SiteAssets.files {
            let text = try String(contentsOfFile: site + "/" + f.name, encoding: .utf8)
            #expect(f.text == text, "\(f.name) differs from the embedded copy: run scripts/embed_files.py")
        }
        #expect(names.contains("index.html"))
    }
}
