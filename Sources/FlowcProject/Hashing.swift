// SHA-256 (dbt's file checksums), MD5 (dbt's generic-test id suffixes and project_id) and SHA-1
// (package-lock.yml's sha1_hash), dependency-free: swift-crypto would add minutes to every CI
// build for three small functions. SHA-256 and MD5 are in C (CFlowcSupport), SHA-256 using the
// CPU's SHA instructions where there are some: every project file is hashed on every parse, and
// every generic test is named by an MD5. They follow their RFCs (FIPS 180-4, RFC 1321) and are
// checked against sha256sum/md5sum/sha1sum.

import CFlowcSupport

public enum Hashing {
    public static func sha256Hex(_ text: String) -> String {
        var text = text
        return hex(text.withUTF8 { digest(flowc_sha256, $0) })
    }
    public static func md5Hex(_ text: String) -> String {
        var text = text
        return hex(text.withUTF8 { digest(flowc_md5, $0, size: 16) })
    }
    /// The MD5 of bytes as hex (for text assembled as bytes rather than as a String).
    public static func md5Hex(_ bytes: [UInt8]) -> String { hex(md5(bytes)) }
    public static func sha1Hex(_ text: String) -> String { hex(sha1(Array(text.utf8))) }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Pads a message to whole 64-byte blocks with its big-endian bit length (SHA-1's padding).
    private static func pad(_ message: [UInt8]) -> [UInt8] {
        var m = message
        let bitLength = UInt64(message.count) &* 8
        m.append(0x80)
        while m.count % 64 != 56 { m.append(0) }
        for i in 0..<8 { m.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(56 - 8 * i))) }
        return m
    }

    public static func sha256(_ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBufferPointer { digest(flowc_sha256, $0) }
    }

    /// The digest without the CPU's SHA instructions, for tests that compare the two paths.
    public static func sha256Portable(_ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBufferPointer { digest(flowc_sha256_portable, $0) }
    }

    /// Runs one of CFlowcSupport's digest functions over `input` (read in place, not copied)
    /// into `size` bytes.
    private static func digest(_ function: (UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<UInt8>?) -> Void,
                               _ input: UnsafeBufferPointer<UInt8>, size: Int = 32) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        out.withUnsafeMutableBufferPointer { function(input.baseAddress, input.count, $0.baseAddress) }
        return out
    }

    public static func md5(_ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBufferPointer { digest(flowc_md5, $0, size: 16) }
    }

    public static func sha1(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]
        let m = pad(message)
        var w = [UInt32](repeating: 0, count: 80)
        func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
        for chunk in stride(from: 0, to: m.count, by: 64) {
            for i in 0..<16 {
                let j = chunk + i * 4
                w[i] = UInt32(m[j]) << 24 | UInt32(m[j + 1]) << 16 | UInt32(m[j + 2]) << 8 | UInt32(m[j + 3])
            }
            for i in 16..<80 { w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1) }
            var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4]
            for i in 0..<80 {
                let f: UInt32, k: UInt32
                switch i {
                case 0..<20: f = (b & c) | (~b & d); k = 0x5a827999
                case 20..<40: f = b ^ c ^ d; k = 0x6ed9eba1
                case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc
                default: f = b ^ c ^ d; k = 0xca62c1d6
                }
                let t = rotl(a, 5) &+ f &+ e &+ k &+ w[i]
                e = d; d = c; c = rotl(b, 30); b = a; a = t
            }
            h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d; h[4] = h[4] &+ e
        }
        var out: [UInt8] = []
        for v in h { for s in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: v >> UInt32(s))) } }
        return out
    }
}
