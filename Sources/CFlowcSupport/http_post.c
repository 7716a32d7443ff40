// One HTTP POST through libcurl, loaded with dlopen the first time an OpenLineage endpoint is
// used. flowc links no HTTP library: Foundation's URLSession (FoundationNetworking) would load
// libcurl and some thirty libraries it needs on every start, a third of a start-up, for a
// feature most runs never use. libcurl's ABI (libcurl.so.4) has been stable since 2006, so the
// few option numbers below are fixed; no development headers are needed to build.
#include "flowc_support.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// Option and info numbers from curl.h (their values are part of the ABI).
enum {
    OPT_NOSIGNAL = 99,
    OPT_TIMEOUT_MS = 155,
    OPT_CONNECTTIMEOUT_MS = 156,
    OPT_URL = 10002,
    OPT_ERRORBUFFER = 10010,
    OPT_POSTFIELDS = 10015,
    OPT_HTTPHEADER = 10023,
    OPT_WRITEFUNCTION = 20011,
    OPT_POSTFIELDSIZE_LARGE = 30120,
    INFO_RESPONSE_CODE = 0x200002,
    CURL_ERROR_SIZE = 256,
};

struct slist;
static struct {
    int loaded;
    void *(*easy_init)(void);
    int (*easy_setopt)(void *, int, ...);
    int (*easy_perform)(void *);
    int (*easy_getinfo)(void *, int, ...);
    void (*easy_cleanup)(void *);
    const char *(*easy_strerror)(int);
    struct slist *(*slist_append)(struct slist *, const char *);
    void (*slist_free_all)(struct slist *);
    int (*global_init)(long);
} curl;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void load_curl(void) {
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libcurl.4.dylib", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return;
    *(void **)&curl.easy_init = dlsym(lib, "curl_easy_init");
    *(void **)&curl.easy_setopt = dlsym(lib, "curl_easy_setopt");
    *(void **)&curl.easy_perform = dlsym(lib, "curl_easy_perform");
    *(void **)&curl.easy_getinfo = dlsym(lib, "curl_easy_getinfo");
    *(void **)&curl.easy_cleanup = dlsym(lib, "curl_easy_cleanup");
    *(void **)&curl.easy_strerror = dlsym(lib, "curl_easy_strerror");
    *(void **)&curl.slist_append = dlsym(lib, "curl_slist_append");
    *(void **)&curl.slist_free_all = dlsym(lib, "curl_slist_free_all");
    *(void **)&curl.global_init = dlsym(lib, "curl_global_init");
    if (!curl.easy_init || !curl.easy_setopt || !curl.easy_perform || !curl.easy_getinfo || !curl.easy_cleanup ||
        !curl.easy_strerror || !curl.slist_append || !curl.slist_free_all || !curl.global_init) {
        return;
    }
    // CURL_GLOBAL_ALL (SSL and Win32 sockets): once, before any handle, as libcurl requires
    if (curl.global_init(3) != 0) return;
    curl.loaded = 1;
}

// The response body is read and dropped: libcurl would otherwise print it to stdout.
static size_t discard(char *data, size_t size, size_t count, void *context) {
    (void)data;
    (void)context;
    return size * count;
}

static void copy_message(char *out, size_t size, const char *message) {
    if (size == 0) return;
    snprintf(out, size, "%s", message);
}

void *flowc_http_open(void) {
    pthread_once(&curl_once, load_curl);
    if (!curl.loaded) return NULL;
    return curl.easy_init();
}

void flowc_http_close(void *handle) {
    if (handle && curl.loaded) curl.easy_cleanup(handle);
}

long flowc_http_post(void *handle, const char *url, const uint8_t *body, size_t length, const char *const *headers,
                     size_t headerCount, long timeoutMs, char *error, size_t errorSize) {
    if (!handle) {
        copy_message(error, errorSize, "libcurl (libcurl.so.4) could not be loaded; install libcurl4 (the curl package) to send events");
        return -1;
    }
    struct slist *list = NULL;
    for (size_t i = 0; i < headerCount; i++) {
        struct slist *next = curl.slist_append(list, headers[i]);
        if (!next) {
            curl.slist_free_all(list);
            copy_message(error, errorSize, "out of memory");
            return -1;
        }
        list = next;
    }
    char buffer[CURL_ERROR_SIZE];
    buffer[0] = 0;
    // every option is set on every call: the handle is reused only to keep its connection open
    curl.easy_setopt(handle, OPT_URL, url);
    curl.easy_setopt(handle, OPT_NOSIGNAL, 1L);
    curl.easy_setopt(handle, OPT_TIMEOUT_MS, timeoutMs);
    curl.easy_setopt(handle, OPT_CONNECTTIMEOUT_MS, timeoutMs);
    curl.easy_setopt(handle, OPT_ERRORBUFFER, buffer);
    // never NULL: with no fields libcurl would read the body from stdin
    curl.easy_setopt(handle, OPT_POSTFIELDS, body ? (const char *)body : "");
    curl.easy_setopt(handle, OPT_POSTFIELDSIZE_LARGE, (long long)length);
    curl.easy_setopt(handle, OPT_HTTPHEADER, list);
    curl.easy_setopt(handle, OPT_WRITEFUNCTION, discard);
    int code = curl.easy_perform(handle);
    long status = -1;
    if (code == 0) {
        if (curl.easy_getinfo(handle, INFO_RESPONSE_CODE, &status) != 0) status = -1;
        if (status < 0) copy_message(error, errorSize, "no HTTP status in the answer");
    } else {
        copy_message(error, errorSize, buffer[0] ? buffer : curl.easy_strerror(code));
    }
    // the buffer and list die here; the handle must not keep pointers to them
    curl.easy_setopt(handle, OPT_ERRORBUFFER, (char *)NULL);
    curl.easy_setopt(handle, OPT_HTTPHEADER, (struct slist *)NULL);
    curl.easy_setopt(handle, OPT_POSTFIELDS, (const char *)NULL);
    curl.slist_free_all(list);
    return status;
}
