// Deep template recursion (a macro calling itself, nested calls) must end in an error, never
// a stack overflow. A fixed depth limit cannot be right for every thread: stacks range from
// 512 KiB (secondary threads) to 8 MiB, and sanitizer builds use far bigger frames. So the
// renderer compares the current stack position with the thread's real stack bounds.
import CFlowcSupport

struct StackGuard {
    /// Whether less than an eighth of the stack (at least 256 KiB) is left, kept in reserve
    /// for error handling and the callers above the renderer (see `flowc_stack_exhausted`;
    /// the thread's bounds are read once and cached per thread).
    mutating func exhausted() -> Bool { flowc_stack_exhausted() != 0 }
}
