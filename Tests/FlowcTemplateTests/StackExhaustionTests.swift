// Recursion deeper than the thread's stack allows ends in an error, on small-stack threads too
// (found by the fuzzer: a self-calling macro overflowed the stack before the call-depth limit).
import Foundation
import Testing
@testable import FlowcTemplate

final class ThreadResult: @unchecked Sendable {
    // written by the worker thread before it signals, read after the wait
    var message: String?
}

@Test func runawayRecursionOnASmallStackIsAnError() throws {
    let outcome = ThreadResult()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        let env = Environment()
        env.maxCallDepth = 1_000_000  // only the stack guard can stop it
        do {
            _ = try env.render("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}")
            outcome.message = "rendered"
        } catch let e as TemplateError {
            outcome.message = e.message
        } catch {
            outcome.message = "\(error)"
        }
        done.signal()
    }
    thread.stackSize = 512 * 1024
    thread.start()
    done.wait()
    #expect(outcome.message == "template recursion too deep: the stack is nearly exhausted")
}
