// Deeply nested SQL must end in an error (parser) or unknown lineage (resolver), never a stack
// overflow. The nesting cap alone cannot promise that: secondary threads have 512 KiB stacks
// and sanitizer builds use far bigger frames than release builds. So the recursive passes also
// compare the current stack position with the calling thread's real stack bounds (the same
// technique as FlowcTemplate's StackGuard; both read the bounds through CFlowcSupport).
import CFlowcSupport
#if canImport(Glibc)
import Glibc
#endif

public struct SQLStackGuard {
    /// Lowest stack address this thread may reach; 0 when unknown (then never exhausted).
    private var floor: UInt = 0
    private var thread: pthread_t?

    public init() {}

    /// Whether the stack is nearly used up: less than an eighth of it (at least 256 KiB) is
    /// left for error handling, for the callers above and for freeing the syntax tree. The
    /// first call on a thread reads its bounds (for the main thread that reads
    /// /proc/self/maps), so callers check only once recursion is already deep.
    public mutating func exhausted() -> Bool {
        let here = Self.currentPosition()
        let me = pthread_self()
        if thread == nil || pthread_equal(thread ?? me, me) == 0 {
            thread = me
            floor = Self.floorForCurrentThread()
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
