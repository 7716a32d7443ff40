// See include/flowc_support.h. mimalloc is linked into the flowc executable only (on Linux);
// the tests and other platforms run on the system allocator, so its entry point is a weak
// reference here and the call is skipped where it is absent.
#include "flowc_support.h"
#include <stdlib.h>

// Linux only: elsewhere mimalloc is not linked, and a weak reference to a symbol no library
// defines does not link on every platform (Darwin).
#if defined(__linux__) && __has_include(<mimalloc.h>)
#include <mimalloc.h>
#pragma weak mi_option_set

void flowc_allocator_prefer_huge_pages(void) {
    if (!mi_option_set) return;
    // A variable the user set wins (MIMALLOC_LARGE_OS_PAGES=0 turns this off).
    if (getenv("MIMALLOC_LARGE_OS_PAGES") == NULL) mi_option_set(mi_option_large_os_pages, 1);
    // mimalloc otherwise leaves each thread's first segment on small pages
    if (getenv("MIMALLOC_EAGER_COMMIT_DELAY") == NULL) mi_option_set(mi_option_eager_commit_delay, 0);
}
#else
void flowc_allocator_prefer_huge_pages(void) {}
#endif
