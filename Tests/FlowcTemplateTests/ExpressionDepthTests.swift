// Long operator chains (`1+1+…`, `a.b.b…`, `x|f|f…`) build trees as deep as they are long
// although the parser never nests; past Parser.maxHeight levels they are a syntax error at the
// link that goes too deep, not a stack overflow in the evaluator (found by fuzzing: 5,000 terms
// crashed every command).
import Foundation
import Testing
@testable import FlowcTemplate

private func outcome(_ text: String, _ context: [String: Value] = [:]) -> Result<String, TemplateError> {
    do {
        return .success(try Environment().render(text, name: "models/a.sql", context))
    } catch let e as TemplateError {
        return .failure(e)
    } catch {
        return .failure(TemplateError(.runtime, "\(error)"))
    }
}

private func chain(_ first: String, _ link: String, _ links: Int) -> String {
    first + String(repeating: link, count: links)
}

private let chains: [(name: String, first: String, link: String)] = [
    ("add", "1", "+1"), ("sub", "1", "-1"), ("mul", "1", "*1"), ("pow", "1", "**1"),
    ("and", "true", " and true"), ("or", "false", " or false"), ("attr", "a", ".b"),
    ("item", "l", "[0]"), ("call", "f", "()"), ("filter", "1", "|string"), ("mixed", "'a'", " ~ 'a' + 'b'"),
]

@Test(arguments: chains)
func longChainsAreASyntaxErrorAtTheLinkPastTheLimit(_ c: (name: String, first: String, link: String)) throws {
    let text = "{{ " + chain(c.first, c.link, 5000) + " }}"
    guard case .failure(let e) = outcome(text) else {
        Issue.record("\(c.name): rendered")
        return
    }
    #expect(e.kind == .syntax, "\(c.name)")
    #expect(e.message == "expression nested too deeply", "\(c.name)")
    // placed on the chain, well before its end
    let column = try #require(e.location?.column)
    #expect(column > 3 && column < text.utf8.count / 2, "\(c.name): column \(column)")
}

/// Runs `body` on a thread with `stackSize` bytes of stack and returns what it returned.
private func onThread(stackSize: Int, _ body: @escaping @Sendable () -> String) -> String? {
    let result = ThreadResult()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        result.message = body()
        done.signal()
    }
    thread.stackSize = stackSize
    thread.start()
    done.wait()
    return result.message
}

@Test func theLimitIsAtTheThousandthLevel() throws {
    // 999 links make a tree 1,000 high. A release build evaluates it on an 8 MiB stack (the
    // main thread's and the render workers'); a debug build's frames are several times bigger.
    let ok = "{{ " + chain("1", "+1", Parser.maxHeight - 1) + " }}"
    let rendered = onThread(stackSize: 64 << 20) {
        switch outcome(ok) {
        case .success(let s): return s
        case .failure(let e): return e.message
        }
    }
    #expect(rendered == String(Parser.maxHeight))
    let over = "{{ " + chain("1", "+1", Parser.maxHeight) + " }}"
    guard case .failure(let e) = outcome(over) else {
        Issue.record("rendered")
        return
    }
    // at the thousandth `+`
    let plus = over.utf8.indices.filter { over.utf8[$0] == UInt8(ascii: "+") }[Parser.maxHeight - 1]
    #expect(e.location?.column == over.utf8.distance(from: over.utf8.startIndex, to: plus) + 1)
}

/// Heights add up across brackets: two chains of 600 links, one inside the other's first
/// operand, make a tree 1,200 levels deep although neither chain reaches the limit.
@Test func chainsNestedInBracketsCountTogether() throws {
    let inner = "(" + chain("1", "+1", 600) + ")"
    guard case .failure(let e) = outcome("{{ " + chain(inner, "+1", 600) + " }}") else {
        Issue.record("rendered")
        return
    }
    #expect(e.message == "expression nested too deeply")
    let list = "[" + chain("a", ".b", 600) + "]"
    #expect((try? outcome("{{ " + chain(list, "[0].b", 300) + " }}").get()) == nil)
}

/// `a if b else c if d else …` recurses in the parser, so it counts as nesting.
@Test func chainedConditionalsAreBounded() throws {
    let text = "{{ " + Array(repeating: "1", count: 100_000).joined(separator: " if x else ") + " }}"
    guard case .failure(let e) = outcome(text) else {
        Issue.record("rendered")
        return
    }
    #expect(e.message == "expression nested too deeply")
}

/// An expression evaluated deep inside macro recursion, or on a small stack, ends in an
/// error when the stack runs low instead of overflowing it.
@Test func deepExpressionsOnASmallStackAreAnError() throws {
    let message = onThread(stackSize: 512 * 1024) {
        let env = Environment()
        env.maxCallDepth = 1_000_000  // only the stack guards can stop it
        let deep = chain("n", "+0", Parser.maxHeight - 10)
        do {
            _ = try env.render("{% macro f(n) %}{{ f(\(deep) + 1) }}{% endmacro %}{{ f(0) }}")
            return "rendered"
        } catch let e as TemplateError {
            return e.message
        } catch {
            return "\(error)"
        }
    }
    #expect(message == "template recursion too deep: the stack is nearly exhausted")
}
