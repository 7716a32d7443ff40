// Deeply nested SQL must end in an error (parser) or unknown lineage (resolver), never a stack
// overflow. The nesting cap alone cannot promise that: secondary threads have 512 KiB stacks
// and sanitizer builds use far bigger frames than release builds. So the recursive passes also
// compare the current stack position with the calling thread's real stack bounds (the same
// technique as FlowcTemplate's StackGuard; both read the bounds through CFlowcSupport).
import CFlowcSupport

public struct SQLStackGuard {
    public init() {}

    /// Whether the stack is nearly used up (see `flowc_stack_exhausted`). The first call on a
    /// thread reads its bounds (for the main thread that reads /proc/self/maps; they are cached
    /// per thread after that), so callers check only once recursion is already deep.
    public mutating func exhausted() -> Bool { flowc_stack_exhausted() != 0 }
}
