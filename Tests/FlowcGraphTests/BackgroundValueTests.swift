// BackgroundValue hands back what its body computed on its own thread, once or many times.
@testable import FlowcGraph
import Testing

@Test func backgroundValueReturnsWhatItsBodyComputed() {
    let sum = BackgroundValue { (1...10_000).reduce(0, +) }
    let none = BackgroundValue { () -> [String]? in nil }
    #expect(sum.value() == 50_005_000)
    #expect(sum.value() == 50_005_000)
    #expect(none.value() == nil)
}
