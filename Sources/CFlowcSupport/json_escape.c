// Writing JSON strings, the largest single cost of writing a 10,000-model manifest (five million
// strings): the scan for the next byte to escape takes 16 bytes a step with SSE2 (every x86-64
// CPU has it), and the plain runs between escapes are copied whole. Compiled SQL and paths
// are long runs of plain text between newlines; keys and names are short and have none.
#include "flowc_support.h"
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__SSE2__)
/// Bit i set when byte i of the 16 at `v` is a quote, a backslash or a control byte.
static inline unsigned special_mask(__m128i v) {
    // a byte is a control byte when the unsigned minimum of it and 0x1f is itself
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
    __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash)));
}
#endif

size_t flowc_json_plain_prefix(const uint8_t *bytes, size_t length) {
#if defined(__SSE2__)
    if (length < 16) {
        // Most strings are short (keys, names): one step over a copy padded with plain bytes
        // costs less than a byte-by-byte loop, and never reads past the string.
        uint8_t padded[16];
        memset(padded, 'a', sizeof padded);
        memcpy(padded, bytes, length);
        unsigned mask = special_mask(_mm_loadu_si128((const __m128i *)padded));
        return mask != 0 ? (size_t)__builtin_ctz(mask) : length;
    }
    size_t i = 0;
    for (; i + 16 <= length; i += 16) {
        unsigned mask = special_mask(_mm_loadu_si128((const __m128i *)(bytes + i)));
        if (mask != 0) return i + (size_t)__builtin_ctz(mask);
    }
    if (i == length) return length;
    // The last partial step reads the final 16 bytes again, ignoring those already checked.
    size_t last = length - 16;
    unsigned mask = special_mask(_mm_loadu_si128((const __m128i *)(bytes + last))) >> (i - last);
    return mask != 0 ? i + (size_t)__builtin_ctz(mask) : length;
#else
    for (size_t i = 0; i < length; i++) {
        uint8_t b = bytes[i];
        if (b == '"' || b == '\\' || b < 0x20) return i;
    }
    return length;
#endif
}

size_t flowc_json_escape(const uint8_t *bytes, size_t length, uint8_t *out) {
    static const char hex[] = "0123456789abcdef";
    size_t i = 0, o = 0;
    while (i < length) {
        size_t plain = flowc_json_plain_prefix(bytes + i, length - i);
        memcpy(out + o, bytes + i, plain);
        o += plain;
        i += plain;
        if (i == length) break;
        uint8_t b = bytes[i++];
        out[o++] = '\\';
        switch (b) {
        case '"': out[o++] = '"'; break;
        case '\\': out[o++] = '\\'; break;
        case '\n': out[o++] = 'n'; break;
        case '\r': out[o++] = 'r'; break;
        case '\t': out[o++] = 't'; break;
        default:
            out[o++] = 'u'; out[o++] = '0'; out[o++] = '0';
            out[o++] = (uint8_t)hex[b >> 4]; out[o++] = (uint8_t)hex[b & 15];
        }
    }
    return o;
}

size_t flowc_json_escaped_length(const uint8_t *bytes, size_t length) {
    size_t i = 0, total = length;
    while (i < length) {
        i += flowc_json_plain_prefix(bytes + i, length - i);
        if (i == length) break;
        uint8_t b = bytes[i++];
        total += (b == '"' || b == '\\' || b == '\n' || b == '\r' || b == '\t') ? 1 : 5;
    }
    return total;
}
