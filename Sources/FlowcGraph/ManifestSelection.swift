// The manifest as the selection engine sees it: every node, source, exposure and unit test with the
// attributes selection methods match on, and the parent map.

extension Manifest {
    public var selectionGraph: SelectionGraph {
        var nodes: [SelectableNode] = []
        nodes.reserveCapacity(self.nodes.count + sources.count)
        for n in self.nodes.values {
            var testType: String?
            if n.resourceType == .test { testType = n.testMetadata == nil ? "singular" : "generic" }
            // `group:` matches the node's own config.group, as dbt's: a test is not selected for
            // the group the manifest files it under with its model
            nodes.append(SelectableNode(
                uniqueId: n.uniqueId, resourceType: n.resourceType.rawValue, name: n.name, packageName: n.packageName,
                fqn: n.fqn, originalFilePath: n.originalFilePath, tags: n.tags, config: SelectableConfig(n.config), testType: testType,
                testName: n.testMetadata?.name, attachedNode: n.attachedNode, access: n.config["access"]?.stringValue,
                group: Manifest.groupName(n.config["group"]), version: n.version, latestVersion: n.latestVersion,
                patchPath: n.patchPath.map(Self.localPatchPath)))
        }
        for s in sources.values {
            nodes.append(SelectableNode(uniqueId: s.uniqueId, resourceType: "source", name: s.name,
                                        packageName: s.packageName, fqn: s.fqn, originalFilePath: s.originalFilePath,
                                        tags: s.tags, config: SelectableConfig(ManifestWriter.sourceConfig(s)),
                                        sourceName: s.sourceName))
        }
        for x in exposures.values {
            nodes.append(SelectableNode(uniqueId: x.uniqueId, resourceType: "exposure", name: x.name,
                                        packageName: x.packageName, fqn: x.fqn, originalFilePath: x.originalFilePath,
                                        tags: x.tags))
        }
        for r in semanticResources.values where r.enabled {
            nodes.append(SelectableNode(uniqueId: r.uniqueId, resourceType: r.kind.rawValue, name: r.name,
                                        packageName: r.packageName, fqn: r.fqn, originalFilePath: r.originalFilePath,
                                        tags: r.tags, group: r.group))
        }
        for u in unitTests.values {
            nodes.append(SelectableNode(uniqueId: u.uniqueId, resourceType: "unit_test", name: u.name,
                                        packageName: u.packageName, fqn: u.fqn, originalFilePath: u.originalFilePath,
                                        tags: u.tags, testType: "unit", testName: u.name, version: u.version))
        }
        var graph = SelectionGraph(nodes: nodes, parentMap: parentMap)
        graph.rootPackage = projectName
        return graph
    }

    /// "shop://models/schema.yml" → "models/schema.yml" (the manifest's patch_path names the
    /// package before the path).
    static func localPatchPath(_ patchPath: String) -> String {
        guard let range = patchPath.range(of: "://") else { return patchPath }
        return String(patchPath[range.upperBound...])
    }
}
