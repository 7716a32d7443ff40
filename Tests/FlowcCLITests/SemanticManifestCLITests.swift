// target/semantic_manifest.json is written beside every manifest, as dbt writes it: empty lists
// and the project configuration when the project has no semantic layer.
import Foundation
import Testing

@Suite struct SemanticManifestCLITests {
    @Test func writtenWithEveryManifest() throws {
        let repo = try Repo(Shop.files)
        let path = repo.root + "/target/semantic_manifest.json"
        let empty = "{\"semantic_models\": [], \"metrics\": [], \"project_configuration\": {\"time_spine_table_configurations\": [], "
            + "\"metadata\": null, \"dsi_package_version\": {\"major_version\": \"0\", \"minor_version\": \"9\", \"patch_version\": \"0\"}, "
            + "\"time_spines\": []}, \"saved_queries\": []}"
        for command in ["parse", "compile", "build"] {
            try? FileManager.default.removeItem(atPath: path)
            let r = try repo.flowc(command)
            #expect(r.status == 0, "\(command): \(r.stdout)\(r.stderr)")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == empty, "\(command)")
        }
    }
}
