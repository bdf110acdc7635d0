import CMallocShim
import CommonKernel
import Glibc

/// Gives the heap's free memory back to the kernel once the process has gone quiet.
///
/// `HeapSettings` lets each arena keep up to `HEAP_RETAIN_BYTES` of free memory, so that a busy
/// service does not hand pages back and fault them in again on every request. After a burst of
/// traffic, that memory would stay resident while the service idles. So each second this trimmer
/// reads the CPU time the process used. After a second with less than `idleCPUFraction` of a
/// core, it calls `malloc_trim` once, and it trims again only after the next busy second.
/// Reading the process clock adds nothing to the cost of a request.
enum IdleHeapTrimmer {
    /// The share of one core below which a one-second interval counts as idle.
    static let idleCPUFraction = 0.02

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
                if state.shouldTrim(afterBusyInterval: busy) {
                    let freeBefore = cmalloc_free_bytes()
                    cmalloc_release_free_memory()
                    logger.debug("returned idle heap memory to the kernel", ["free_bytes_before": String(freeBefore)])
                }
            }
        }
    }

    /// Decides when to trim: once after the process went from busy to idle. The first idle
    /// interval after start-up also trims, which releases what start-up left free.
    struct State {
        private var trimmedSinceBusy = false

        mutating func shouldTrim(afterBusyInterval busy: Bool) -> Bool {
            if busy {
                trimmedSinceBusy = false
                return false
            }
            if trimmedSinceBusy { return false }
            trimmedSinceBusy = true
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
