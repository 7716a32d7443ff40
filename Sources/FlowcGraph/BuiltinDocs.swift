// The docs blocks of dbt's global project, which every dbt manifest carries: dbt Docs' overview
// page reads `doc.dbt.__overview__` unconditionally (a project's own `__overview__` replaces it
// on screen) and fails with a TypeError when the manifest lacks it. The wording is flowc's.

enum BuiltinDocs {
    static let overview = DocBlock(
        uniqueId: "doc.\(BuiltinMacros.packageName).__overview__", name: "__overview__",
        packageName: BuiltinMacros.packageName, path: "overview.md", originalFilePath: "docs/overview.md",
        contents: """
            ### Welcome!

            This is the documentation of your project: its models, seeds, snapshots, sources, \
            tests and exposures, with their descriptions, columns and SQL, and the graph of how \
            they depend on each other.

            Write your own overview in a `{% docs __overview__ %}` block in any `.md` file of \
            the project; it replaces this page.
            """)
}
