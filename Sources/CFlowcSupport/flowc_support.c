// See include/flowc_support.h.
#define _GNU_SOURCE
#include "flowc_support.h"
#include <pthread.h>

// A thread's stack never moves, so its bounds are looked up once per thread: on the main
// thread glibc's pthread_getattr_np reads /proc/self/maps (dozens of read calls), which was
// most of the kernel time of compiling a 10,000-model project when done per render.
static __thread int cached = 0;
static __thread uintptr_t cached_base = 0;
static __thread size_t cached_size = 0;

int flowc_current_stack(uintptr_t *base, size_t *size) {
#if defined(__linux__)
    if (cached) {
        *base = cached_base;
        *size = cached_size;
        return 0;
    }
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return -1;
    void *address = NULL;
    size_t length = 0;
    int rc = pthread_attr_getstack(&attr, &address, &length);
    pthread_attr_destroy(&attr);
    if (rc != 0 || address == NULL) return -1;
    *base = (uintptr_t)address;
    *size = length;
    cached_base = *base;
    cached_size = length;
    cached = 1;
    return 0;
#else
    (void)base;
    (void)size;
    return -1;
#endif
}

int flowc_stack_exhausted(void) {
    uintptr_t base = 0;
    size_t size = 0;
    if (flowc_current_stack(&base, &size) != 0) return 0;
    size_t reserve = size / 8 > 256 * 1024 ? size / 8 : 256 * 1024;
    volatile char marker = 0;
    uintptr_t here = (uintptr_t)&marker;
    return here < base + reserve ? 1 : 0;
}
