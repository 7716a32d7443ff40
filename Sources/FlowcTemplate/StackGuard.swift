// Deep template recursion (a macro calling itself, nested calls) must end in an error, never
// a stack overflow. A fixed depth limit cannot be right for every thread: stacks range from
// 512 KiB (secondary threads) to 8 MiB, and sanitizer builds use far bigger frames. So the
// renderer compares the current stack position with the thread's real stack bounds.
import CFlowcSupport
#if canImport(Glibc)
import Glibc
#endif

struct StackGuard {
    /// Lowest stack address this thread may reach before rendering stops; 0 when unknown.
    private var floor: UInt = 0
    private var thread: pthread_t?

    /// Keeps an eighth of the stack (at least 256 KiB) in reserve for error handling and the
    /// callers above the renderer.
    mutating func exhausted() -> Bool {
        let here = StackGuard.currentPosition()
        let me = pthread_self()
        if thread == nil || pthread_equal(thread ?? me, me) == 0 {
            thread = me
            floor = StackGuard.floorForCurrentThread()
        }
        return floor != 0 && here < floor
    }

    @inline(never)
    static func currentPosition() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    static func floorForCurrentThread() -> UInt {
        var base: UInt = 0
        var size = 0
        guard flowc_current_stack(&base, &size) == 0 else { return 0 }
        let reserve = max(256 * 1024, size / 8)
        return base + UInt(reserve)
    }
}
