import Testing
@testable import FlowcGraph
