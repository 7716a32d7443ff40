// What gathers diagnostics while it reads a project (the graph builder, one node's checks):
// the two ways it reports, written once.
import FlowcProject

protocol DiagnosticCollecting {
    var diagnostics: [Diagnostic] { get set }
}

extension DiagnosticCollecting {
    mutating func error(_ message: String, _ span: SourceSpan?, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, message, span: span, hint: hint))
    }

    mutating func warning(_ message: String, _ span: SourceSpan?, hint: String? = nil, event: String? = nil) {
        var d = Diagnostic(.warning, message, span: span, hint: hint)
        d.event = event
        diagnostics.append(d)
    }
}
