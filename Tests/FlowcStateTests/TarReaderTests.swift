// The tar reader never traps on damaged input: truncated streams, bad sizes, bad pax records.
@testable import FlowcState
import Testing

@Suite struct TarReaderTests {
    static func header(name: String, size: Int, type: UInt8) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: 512)
        for (k, c) in name.utf8.prefix(100).enumerated() { h[k] = c }
        for (k, c) in String(size, radix: 8).utf8.enumerated() where k < 11 { h[124 + k] = c }
        h[156] = type
        return h
    }

    @Test func damagedInputNeverTraps() {
        var good = Self.header(name: "a.sql", size: 3, type: UInt8(ascii: "0")) + Array("abc".utf8)
        good += [UInt8](repeating: 0, count: 509)
        #expect(TarReader.files(good) == ["a.sql": Array("abc".utf8)])
        #expect(TarReader.files(Array(good.prefix(514))).isEmpty)          // truncated data
        for record in ["1 ", "0 x=y\n", "99 path=a\n", "5 p\n", " ", "3 a=\n", "x"] {
            var pax = Self.header(name: "pax", size: record.utf8.count, type: UInt8(ascii: "x")) + Array(record.utf8)
            pax += [UInt8](repeating: 0, count: (512 - record.utf8.count % 512) % 512)
            _ = TarReader.files(pax + good)
        }
        var bad = Self.header(name: "b", size: 0, type: UInt8(ascii: "0"))
        bad[124] = UInt8(ascii: "9")                                         // not octal
        #expect(TarReader.files(bad).isEmpty)
    }
}
