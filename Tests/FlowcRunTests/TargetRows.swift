// Reading back what a CLI run built: a query against the project's default target.
import FlowcProject
import FlowcRun
import FlowcWarehouse

extension CLITests {
    /// The rows (as text) of `sql` on the target the project at `root` builds into.
    static func targetRows(_ root: String, _ sql: String) throws -> [[String]] {
        let project = try ProjectLoader.load(root: root)
        let (target, _) = try ProfileLoader.load(projectRoot: root, profileName: project.config.profile, targetName: nil,
                                                profilesDir: nil, targetPath: project.config.targetPath, vars: nil)
        let connection = try WarehouseFactory.make(target, projectRoot: root).connect()
        defer { connection.close() }
        return try connection.query(sql, limit: nil).rows.map { $0.map(\.text) }
    }
}
