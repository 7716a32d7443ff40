// libpq, loaded on first use: each function flowc calls is defined here and forwards to the
// same function of the libpq that dlopen found. Including libpq-fe.h makes the compiler check
// every definition against libpq's own declaration. Before libpq is loaded, or when it cannot
// be, the functions answer as libpq does for a missing connection (NULL, 0, a BAD status);
// callers connect first and ask flowc_libpq_problem when that fails.
#include "clibpq.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// F(return type, name, parameters, arguments, value when libpq is missing); V for void.
#define LIBPQ_FUNCTIONS(F, V) \
    F(PGconn *, PQconnectdbParams, (const char *const *keywords, const char *const *values, int expand), (keywords, values, expand), NULL) \
    F(ConnStatusType, PQstatus, (const PGconn *conn), (conn), CONNECTION_BAD) \
    F(PGTransactionStatusType, PQtransactionStatus, (const PGconn *conn), (conn), PQTRANS_UNKNOWN) \
    F(char *, PQerrorMessage, (const PGconn *conn), (conn), NULL) \
    F(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg), NULL) \
    V(PQfinish, (PGconn *conn), (conn)) \
    F(PGcancel *, PQgetCancel, (PGconn *conn), (conn), NULL) \
    F(int, PQcancel, (PGcancel *cancel, char *errbuf, int size), (cancel, errbuf, size), 0) \
    V(PQfreeCancel, (PGcancel *cancel), (cancel)) \
    F(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query), NULL) \
    F(PGresult *, PQexecParams, (PGconn *conn, const char *command, int count, const Oid *types, const char *const *values, \
                                  const int *lengths, const int *formats, int resultFormat), \
      (conn, command, count, types, values, lengths, formats, resultFormat), NULL) \
    F(PGresult *, PQgetResult, (PGconn *conn), (conn), NULL) \
    V(PQclear, (PGresult *res), (res)) \
    F(ExecStatusType, PQresultStatus, (const PGresult *res), (res), PGRES_FATAL_ERROR) \
    F(char *, PQresultErrorMessage, (const PGresult *res), (res), NULL) \
    F(char *, PQresultErrorField, (const PGresult *res, int code), (res, code), NULL) \
    F(char *, PQcmdStatus, (PGresult *res), (res), NULL) \
    F(char *, PQcmdTuples, (PGresult *res), (res), NULL) \
    F(int, PQntuples, (const PGresult *res), (res), 0) \
    F(int, PQnfields, (const PGresult *res), (res), 0) \
    F(char *, PQfname, (const PGresult *res, int field), (res, field), NULL) \
    F(Oid, PQftype, (const PGresult *res, int field), (res, field), 0) \
    F(int, PQfmod, (const PGresult *res, int field), (res, field), -1) \
    F(char *, PQgetvalue, (const PGresult *res, int row, int field), (res, row, field), NULL) \
    F(int, PQgetlength, (const PGresult *res, int row, int field), (res, row, field), 0) \
    F(int, PQgetisnull, (const PGresult *res, int row, int field), (res, row, field), 1) \
    F(int, PQputCopyData, (PGconn *conn, const char *buffer, int size), (conn, buffer, size), -1) \
    F(int, PQputCopyEnd, (PGconn *conn, const char *message), (conn, message), -1) \
    F(int, PQgetCopyData, (PGconn *conn, char **buffer, int async), (conn, buffer, async), -2) \
    V(PQfreemem, (void *ptr), (ptr)) \
    F(int, PQlibVersion, (void), (), 0)

#define FIELD(ret, name, params, args, missing) ret(*name) params;
#define FIELD_VOID(name, params, args) void(*name) params;
static struct {
    LIBPQ_FUNCTIONS(FIELD, FIELD_VOID)
} pq;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;
static char problem[512];

static const char *const candidates[] = {
#if defined(__APPLE__)
    "libpq.5.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib", "/usr/local/opt/libpq/lib/libpq.5.dylib",
#else
    "libpq.so.5", "libpq.so",
#endif
};

static void load(void) {
    void *lib = NULL;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0] && !lib; i++) {
        lib = dlopen(candidates[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (!lib) {
        const char *why = dlerror();
        snprintf(problem, sizeof problem, "libpq (%s) cannot be loaded: %s; install it (apt: libpq5)", candidates[0],
                 why ? why : "not found");
        return;
    }
#define LOOKUP(name)                                                                            \
    *(void **)&pq.name = dlsym(lib, #name);                                                     \
    if (!pq.name) {                                                                             \
        snprintf(problem, sizeof problem, "the libpq found has no %s; flowc needs libpq 10 or newer", #name); \
        return;                                                                                 \
    }
#define LOOKUP_FUNCTION(ret, name, params, args, missing) LOOKUP(name)
#define LOOKUP_VOID(name, params, args) LOOKUP(name)
    LIBPQ_FUNCTIONS(LOOKUP_FUNCTION, LOOKUP_VOID)
    loaded = 1;
}

static int ready(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *flowc_libpq_problem(void) { return ready() ? NULL : problem; }

#define DEFINE(ret, name, params, args, missing) \
    ret name params { return ready() ? pq.name args : missing; }
#define DEFINE_VOID(name, params, args) \
    void name params {                  \
        if (ready()) pq.name args;      \
    }
LIBPQ_FUNCTIONS(DEFINE, DEFINE_VOID)
