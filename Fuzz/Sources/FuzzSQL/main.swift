// Starts libFuzzer with fuzzSQL (FuzzEntry.swift) as the test function; all flags (corpus
// directories, -max_total_time, -timeout, …) are libFuzzer's own.
import CFuzzerDriver
import Glibc

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
// A closure, not `fuzzSQL` itself: converting the @_cdecl function to a C pointer here would
// emit a second LLVMFuzzerTestOneInput symbol in this file.
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzSQL(data, size) })
