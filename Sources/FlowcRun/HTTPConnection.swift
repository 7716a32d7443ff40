// A POST-only HTTP client over libcurl, loaded when first used (see CFlowcSupport/http_post.c
// for why flowc does not link Foundation's URLSession). One connection is kept open between
// posts; it must be used from one thread or serial queue at a time.
import CFlowcSupport
import FlowcWarehouse
import Foundation

final class HTTPConnection: @unchecked Sendable {
    // libcurl's handle, opened by the first post (nil until then, or when libcurl is missing)
    private var handle: UnsafeMutableRawPointer?
    private var opened = false

    deinit { flowc_http_close(handle) }

    /// POSTs `body` with the header lines given; nil when the server answered 2xx, else what
    /// went wrong ("HTTP 500", "Failed to connect to …", a timeout).
    func post(_ url: String, body: Data, headers: [String], timeout: Double) -> String? {
        if !opened {
            handle = flowc_http_open()
            opened = true
        }
        // libcurl adds "Expect: 100-continue" to larger bodies and then waits a second for a
        // go-ahead that few servers send; the empty header line turns that off
        let lines = headers + ["Expect:"]
        let size = 512
        var error = [CChar](repeating: 0, count: size)
        let timeoutMs = max(1, Int(timeout * 1000))
        // (withCStrings ends the list with a NULL entry, which the count leaves out)
        let status = withCStrings(lines) { pointers in
            body.withUnsafeBytes { raw in
                flowc_http_post(handle, url, raw.bindMemory(to: UInt8.self).baseAddress, raw.count, pointers, lines.count,
                                timeoutMs, &error, size)
            }
        }
        if status < 0 {
            return String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return (200..<300).contains(status) ? nil : "HTTP \(status)"
    }
}
