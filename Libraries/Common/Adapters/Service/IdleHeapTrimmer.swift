import CMallocShim
import CommonKernel
import Glibc

/// Gives the heap's free memory back to the kernel once the process has gone quiet.
///
/// `HeapSettings` lets each arena keep up to `HEAP_RETAIN_BYTES` of free memory, so that a busy
/// service does not hand pages back and fault them in again on every request. After a burst of
/// traffic, that memory would stay resident while the service idles. So each second this trimmer
/// reads the CPU time the process used. After a second with less than `idleCPUFraction` of a
/// core, it calls `malloc_trim` once. It trims again after the next busy second, or when
/// `regrowthBytes` more became free while the process stayed idle. That happens, for instance,
/// when a proxy closes its idle keep-alive connections some seconds after a burst.
/// Reading the process clock adds nothing to the cost of a request.
enum IdleHeapTrimmer {
    /// The share of one core below which a one-second interval counts as idle.
    static let idleCPUFraction = 0.02
    /// How much the free heap must grow during an idle stretch to be trimmed again.
    static let regrowthBytes = 256 << 10

    /// Starts the trimmer thread for the life of the process.
    static func start(logger: Logger, interval: Double = 1) {
        WorkerThread.start(name: "heap-trimmer") {
            var state = State()
            var lastCPU = processCPUSeconds()
            while true {
                WorkerThread.sleep(seconds: interval)
                let cpu = processCPUSeconds()
                let busy = cpu - lastCPU >= interval * idleCPUFraction
                lastCPU = cpu
                // Counting the free heap takes each arena's lock, so it happens only when idle.
                let freeBytes = busy ? 0 : Int(cmalloc_free_bytes())
                if state.shouldTrim(afterBusyInterval: busy, freeBytes: freeBytes) {
                    cmalloc_release_free_memory()
                    logger.debug("returned idle heap memory to the kernel", ["free_bytes": String(freeBytes)])
                }
            }
        }
    }

    /// Decides when to trim: once after the process went from busy to idle, and again during
    /// the same idle stretch whenever the free heap grew by `regrowthBytes` over its lowest
    /// count since the last trim. The first idle interval after start-up also trims, which
    /// releases what start-up left free.
    struct State {
        private var trimmedSinceBusy = false
        private var lowestFreeBytes = 0

        /// `freeBytes` is the heap's free memory at the end of an idle interval; it is not read
        /// after a busy one.
        mutating func shouldTrim(afterBusyInterval busy: Bool, freeBytes: Int) -> Bool {
            if busy {
                trimmedSinceBusy = false
                return false
            }
            if trimmedSinceBusy {
                lowestFreeBytes = min(lowestFreeBytes, freeBytes)
                guard freeBytes - lowestFreeBytes >= IdleHeapTrimmer.regrowthBytes else { return false }
            }
            trimmedSinceBusy = true
            lowestFreeBytes = freeBytes
            return true
        }
    }

    /// Returns the CPU time that all threads of the process have used, in seconds.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
