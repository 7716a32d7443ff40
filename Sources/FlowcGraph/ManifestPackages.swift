// Where an installed package's node lives on disk. dbt names a package's files relative to the
// package (original_file_path "models/x.sql"), so code that reads a node's file (seed CSVs)
// goes through here to find it under dbt_packages/<dir>/.

extension Manifest {
    /// The node's file relative to the root project: its original_file_path, under its
    /// package's directory when it comes from an installed package.
    public func projectRelativePath(of node: Node) -> String {
        guard let dir = packageDirectories[node.packageName] else { return node.originalFilePath }
        return dir + "/" + node.originalFilePath
    }
}
