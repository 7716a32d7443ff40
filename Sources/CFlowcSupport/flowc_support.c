// See include/flowc_support.h.
#define _GNU_SOURCE
#include "flowc_support.h"
#include <pthread.h>

int flowc_current_stack(uintptr_t *base, size_t *size) {
#if defined(__linux__)
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return -1;
    void *address = NULL;
    size_t length = 0;
    int rc = pthread_attr_getstack(&attr, &address, &length);
    pthread_attr_destroy(&attr);
    if (rc != 0 || address == NULL) return -1;
    *base = (uintptr_t)address;
    *size = length;
    return 0;
#else
    (void)base;
    (void)size;
    return -1;
#endif
}
