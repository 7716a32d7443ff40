// The digests against the published test vectors (FIPS 180-4 / RFC 1321 / RFC 3174, the same as
// sha256sum, md5sum and sha1sum print), SHA-256's two block functions against each other at
// every length around the block and padding boundaries, and MD5 at those boundaries.

import Testing
@testable import FlowcProject

@Suite struct HashingTests {
    static let vectors: [(text: String, sha256: String, md5: String, sha1: String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
         "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
         "900150983cd24fb0d6963f7d28e17f72", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
         "8215ef0796a20bcaaae116d3876c664a", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
    ]

    @Test func publishedVectors() {
        for v in Self.vectors {
            #expect(Hashing.sha256Hex(v.text) == v.sha256, "sha256 of '\(v.text)'")
            #expect(Hashing.hex(Hashing.sha256Portable(Array(v.text.utf8))) == v.sha256, "portable sha256 of '\(v.text)'")
            #expect(Hashing.md5Hex(v.text) == v.md5, "md5 of '\(v.text)'")
            #expect(Hashing.sha1Hex(v.text) == v.sha1, "sha1 of '\(v.text)'")
        }
        // non-ASCII text is hashed as its UTF-8 bytes, as Python's hashlib hashes str.encode()
        #expect(Hashing.sha256Hex("é, ünïcode ✓") == "6bdb48d9d8698d764cf8e4c069af7bd61ebf7ff9d556ea922e324dc5d1e8bc50")
    }

    @Test func millionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Hashing.hex(Hashing.sha256(message)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(Hashing.hex(Hashing.sha256Portable(message)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func blockFunctionsAgreeAtEveryLength() {
        // 0…300 bytes crosses the one- and two-final-block cases (55, 56, 63, 64, 119, 120 …)
        var message: [UInt8] = []
        for length in 0...300 {
            #expect(Hashing.sha256(message) == Hashing.sha256Portable(message), "length \(length)")
            message.append(UInt8(truncatingIfNeeded: length &* 131 &+ 7))
        }
        let bytes = (0..<768).map { UInt8($0 % 256) }
        #expect(Hashing.hex(Hashing.sha256(bytes)) == "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363")
    }

    /// MD5 (in C) at the lengths where the padding takes one or two final blocks; the expected
    /// digests are Python hashlib's of the same bytes.
    @Test func md5AtPaddingBoundaries() {
        let expected: [Int: String] = [
            55: "852e13533f66e414bbbbb3348de4f81f", 56: "98e8cb3457434649644b5fe9f4e5e4fa",
            63: "c9803ddca3b148d91d5f214be64197d4", 64: "bc00c8534af1e5aef0ede584d8ad5bc3",
            65: "4e114d3e0baf5ace365e0552a3273291", 119: "e0c0cb3cbc027ba4d5a6c983754f2dc1",
            120: "3d7a96a57e721a4e2c2cbe55937e10e2", 127: "886a64f47659d525b55b12fac127c4a1",
            128: "154b8c17cfb174384edd9557e3e64e2b", 300: "857289c9e9c8c9d2a0c9760aa4e95c07",
        ]
        var message: [UInt8] = []
        for length in 0...300 {
            if let digest = expected[length] { #expect(Hashing.hex(Hashing.md5(message)) == digest, "length \(length)") }
            message.append(UInt8(truncatingIfNeeded: length &* 131 &+ 7))
        }
        #expect(Hashing.hex(Hashing.md5([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))) == "7707d6ae4e027c70eea2a935c2296f21")
        #expect(Hashing.md5Hex("é, ünïcode ✓") == "7064b088f923a1106d0ba8f0a0201451")
    }
}
