// Descriptions are templates in dbt (its process_docs renders them): besides doc(), Jinja such as
// `{{ var('owner') }}` or `{{ target.name }}` becomes its text in the manifest and the docs.
import FlowcProject

extension Builder {
    /// Renders what Jinja the doc() pass left in the descriptions of nodes, their columns and
    /// sources. A description without `{{`/`{%` (nearly all) costs nothing.
    mutating func renderDescriptionJinja(patches: [String: [PropertyPatch]], setup: RenderSetup) {
        var worker: RenderWorker?
        // the few nodes with Jinja left, in id order (sorting every id was most of this pass)
        let templated = manifest.nodes.compactMap { id, node in
            Self.needsRendering(node.description) || node.columns.contains(where: { Self.needsRendering($0.description) }) ? id : nil
        }
        for id in templated.sorted() {
            guard let node = manifest.nodes[id] else { continue }
            let span = patches[id]?.first?.span ?? node.span
            let description = renderedDescription(node.description, package: node.packageName, span: span, setup: setup, worker: &worker)
            var columns = node.columns
            for i in columns.indices {
                columns[i].description = renderedDescription(columns[i].description, package: node.packageName,
                                                             span: columns[i].span ?? span, setup: setup, worker: &worker)
            }
            manifest.nodes[id]?.description = description
            manifest.nodes[id]?.columns = columns
        }
        for id in manifest.sources.keys.sorted() {
            guard var s = manifest.sources[id],
                  Self.needsRendering(s.description) || Self.needsRendering(s.sourceDescription)
                    || s.columns.contains(where: { Self.needsRendering($0.description) }) else { continue }
            s.description = renderedDescription(s.description, package: s.packageName, span: s.span, setup: setup, worker: &worker)
            s.sourceDescription = renderedDescription(s.sourceDescription, package: s.packageName, span: s.span, setup: setup,
                                                      worker: &worker)
            for i in s.columns.indices {
                s.columns[i].description = renderedDescription(s.columns[i].description, package: s.packageName,
                                                               span: s.columns[i].span ?? s.span, setup: setup, worker: &worker)
            }
            manifest.sources[id] = s
        }
    }

    /// Jinja other than doc() (whose calls the doc pass replaced or reported).
    static func needsRendering(_ text: String) -> Bool {
        (text.holdsJinjaTag) && !text.containsBytes("doc(")
    }

    /// The description rendered as dbt renders it (the text as it is when it has no Jinja);
    /// an error is reported at the description and leaves it as written.
    mutating func renderedDescription(_ text: String, package: String, span: SourceSpan?, setup: RenderSetup,
                                      worker: inout RenderWorker?) -> String {
        guard Self.needsRendering(text) else { return text }
        if worker == nil { worker = try? RenderWorker(setup: setup) }
        guard let worker else { return text }
        let place = span ?? SourceSpan(file: "", line: 1, column: 1)
        do {
            let template = try worker.environment.parse(text, name: place.file)
            return try worker.render(template, state: Self.propertiesState(text, span: place, package: package))
        } catch {
            diagnostics.append(Diagnostic(templateError: error, inValueAt: place))
            return text
        }
    }
}
