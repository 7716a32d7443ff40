// libpq's API (from the libpq-dev headers) for Swift. flowc does not link libpq: the functions
// below are defined in libpq_loader.c and load libpq.so.5 with dlopen the first time one is
// called, so a run on SQLite never loads libpq and the twenty libraries it needs (a quarter of
// flowc's start-up).
#ifndef CLIBPQ_H
#define CLIBPQ_H
#if __has_include(<postgresql/libpq-fe.h>)
#include <postgresql/libpq-fe.h>
#else
#include <libpq-fe.h>
#endif

/// NULL once libpq is loaded (loading it if it is not yet); otherwise why it cannot be, for an
/// error message.
const char *flowc_libpq_problem(void);

#endif
