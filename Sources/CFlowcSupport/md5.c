// MD5 (RFC 1321) for dbt's generic-test id suffixes, `local_md5` and project ids: a
// 10,000-model project names about 10,000 tests by the MD5 of their arguments, and the Swift
// version (array-indexed, bounds-checked) cost 19,000 instructions a digest.
#include "flowc_support.h"
#include <string.h>

/// floor(abs(sin(i + 1)) * 2^32), the RFC 1321 table.
static const uint32_t K[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

static inline uint32_t rotl(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

// One step of each round (RFC 1321, 3.4), unrolled below so every index and shift is constant.
#define STEP(fn, a, b, c, d, k, s, i) a = b + rotl(a + fn(b, c, d) + K[i] + w[k], s)
#define F(x, y, z) (((x) & (y)) | (~(x) & (z)))
#define G(x, y, z) (((x) & (z)) | ((y) & ~(z)))
#define H(x, y, z) ((x) ^ (y) ^ (z))
#define I(x, y, z) ((y) ^ ((x) | ~(z)))
#define FOUR(fn, k0, k1, k2, k3, s0, s1, s2, s3, i) \
    STEP(fn, a, b, c, d, k0, s0, i); STEP(fn, d, a, b, c, k1, s1, i + 1); \
    STEP(fn, c, d, a, b, k2, s2, i + 2); STEP(fn, b, c, d, a, k3, s3, i + 3)

static void blocks(uint32_t h[4], const uint8_t *p, size_t count) {
    for (; count > 0; count--, p += 64) {
        uint32_t w[16];
        for (int i = 0; i < 16; i++) {
            w[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16
                | (uint32_t)p[4 * i + 3] << 24;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
        FOUR(F, 0, 1, 2, 3, 7, 12, 17, 22, 0);
        FOUR(F, 4, 5, 6, 7, 7, 12, 17, 22, 4);
        FOUR(F, 8, 9, 10, 11, 7, 12, 17, 22, 8);
        FOUR(F, 12, 13, 14, 15, 7, 12, 17, 22, 12);
        FOUR(G, 1, 6, 11, 0, 5, 9, 14, 20, 16);
        FOUR(G, 5, 10, 15, 4, 5, 9, 14, 20, 20);
        FOUR(G, 9, 14, 3, 8, 5, 9, 14, 20, 24);
        FOUR(G, 13, 2, 7, 12, 5, 9, 14, 20, 28);
        FOUR(H, 5, 8, 11, 14, 4, 11, 16, 23, 32);
        FOUR(H, 1, 4, 7, 10, 4, 11, 16, 23, 36);
        FOUR(H, 13, 0, 3, 6, 4, 11, 16, 23, 40);
        FOUR(H, 9, 12, 15, 2, 4, 11, 16, 23, 44);
        FOUR(I, 0, 7, 14, 5, 6, 10, 15, 21, 48);
        FOUR(I, 12, 3, 10, 1, 6, 10, 15, 21, 52);
        FOUR(I, 8, 15, 6, 13, 6, 10, 15, 21, 56);
        FOUR(I, 4, 11, 2, 9, 6, 10, 15, 21, 60);
        h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    }
}

void flowc_md5(const uint8_t *data, size_t length, uint8_t out[16]) {
    uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    size_t whole = length / 64;
    if (whole > 0) blocks(h, data, whole);
    // the tail, the 0x80 marker and the little-endian bit length fill one or two final blocks
    uint8_t last[128] = {0};
    size_t rest = length - whole * 64;
    if (rest > 0) memcpy(last, data + whole * 64, rest);
    last[rest] = 0x80;
    size_t tail = rest < 56 ? 64 : 128;
    uint64_t bits = (uint64_t)length * 8;
    for (int i = 0; i < 8; i++) last[tail - 8 + i] = (uint8_t)(bits >> (8 * i));
    blocks(h, last, tail / 64);
    for (int i = 0; i < 4; i++) {
        out[4 * i] = (uint8_t)h[i];
        out[4 * i + 1] = (uint8_t)(h[i] >> 8);
        out[4 * i + 2] = (uint8_t)(h[i] >> 16);
        out[4 * i + 3] = (uint8_t)(h[i] >> 24);
    }
}
