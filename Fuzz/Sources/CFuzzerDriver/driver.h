// libFuzzer's driver entry (compiler-rt, linked by -sanitize=fuzzer): runs the fuzzing loop
// with `callback` as the test function and libFuzzer's usual command-line flags.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
