#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry for programs with a main of their own (compiler-rt's FuzzerInterface.h):
// SwiftPM gives every executable one, so the fuzzers cannot use libFuzzer's.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
