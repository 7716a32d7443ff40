// C helpers Swift cannot reach directly: the calling thread's stack bounds (a GNU extension
// that Swift's Glibc module does not export), used to stop template recursion before the
// stack runs out.
#ifndef FLOWC_SUPPORT_H
#define FLOWC_SUPPORT_H
#include <stddef.h>
#include <stdint.h>

/// Lowest address and size of the calling thread's stack; returns 0 on success, -1 when unknown.
int flowc_current_stack(uintptr_t *base, size_t *size);

#endif
