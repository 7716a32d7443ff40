// Starts libFuzzer with fuzzTemplate (FuzzEntry.swift) as the test function; all flags
// (corpus directories, -max_total_time, -timeout, …) are libFuzzer's own.
import CFuzzerDriver
import Glibc

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzTemplate))
