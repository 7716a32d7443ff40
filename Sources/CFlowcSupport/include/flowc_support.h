// C helpers Swift cannot reach directly: the calling thread's stack bounds (a GNU extension
// that Swift's Glibc module does not export), used to stop template recursion before the
// stack runs out; SHA-256 with the CPU's SHA instructions, which Swift has no intrinsics for;
// MD5; the JSON string scan with SSE2, 16 bytes a step; HTTP POSTs through libcurl loaded only
// when an OpenLineage endpoint is used; mimalloc's options, which only exist when it is linked.
#ifndef FLOWC_SUPPORT_H
#define FLOWC_SUPPORT_H
#include <stddef.h>
#include <stdint.h>

/// Lowest address and size of the calling thread's stack; returns 0 on success, -1 when unknown.
int flowc_current_stack(uintptr_t *base, size_t *size);

/// 1 when the calling thread has less than an eighth of its stack (at least 256 KiB) left,
/// the reserve kept for error handling and the callers above a deep recursion; 0 otherwise or
/// when the bounds are unknown.
int flowc_stack_exhausted(void);

/// SHA-256 of `length` bytes into `out`, with the CPU's SHA extensions when it has them.
void flowc_sha256(const uint8_t *data, size_t length, uint8_t out[32]);
/// The same digest without the SHA extensions (tests compare the two).
void flowc_sha256_portable(const uint8_t *data, size_t length, uint8_t out[32]);

/// MD5 of `length` bytes into `out`.
void flowc_md5(const uint8_t *data, size_t length, uint8_t out[16]);

/// How many leading bytes of `bytes` JSON writes as they are: the index of the first quote,
/// backslash or control byte (below 0x20), or `length` when there is none.
size_t flowc_json_plain_prefix(const uint8_t *bytes, size_t length);

/// Writes `bytes` as the inside of a JSON string (quotes, backslashes and control bytes
/// escaped, `\n` `\r` `\t` by name, others as `\u00XX`) into `out`, which must have room for
/// `6 * length` bytes; returns how many it wrote.
size_t flowc_json_escape(const uint8_t *bytes, size_t length, uint8_t *out);

/// How many bytes `flowc_json_escape` writes for `bytes`.
size_t flowc_json_escaped_length(const uint8_t *bytes, size_t length);

/// A connection for `flowc_http_post`, or NULL when libcurl cannot be loaded (then
/// `flowc_http_post` reports that). Loads libcurl on first use. One thread at a time per handle.
void *flowc_http_open(void);
/// Releases a handle from `flowc_http_open` (NULL is allowed).
void flowc_http_close(void *handle);
/// POSTs `length` bytes of `body` to `url` with the given header lines ("Name: value"), giving
/// up after `timeoutMs`. Returns the HTTP status, or -1 with a message in `error` when no answer
/// came (cannot connect, timed out, libcurl missing).
long flowc_http_post(void *handle, const char *url, const uint8_t *body, size_t length, const char *const *headers,
                     size_t headerCount, long timeoutMs, char *error, size_t errorSize);

/// Asks mimalloc, when flowc is linked with it, to back its memory with transparent huge pages
/// (2 MiB): a cold compile of a large project otherwise takes ~75,000 page faults of 4 KiB,
/// ~3 µs of kernel time each on a VM. No-op without mimalloc or when the user set the option.
void flowc_allocator_prefer_huge_pages(void);

#endif
