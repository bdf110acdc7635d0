#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts and pauses the long-lived threads of a service: event loops, job pools, background
/// workers. They are plain detached pthreads with a name that `top -H` and `perf` show.
public enum WorkerThread {
    /// Runs `body` on a new detached thread named `name` (cut to the 15 bytes Linux keeps).
    public static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let job = Unmanaged.passRetained(Job(name: name, body: body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { argument in
            let job = Unmanaged<Job>.fromOpaque(argument!).takeRetainedValue()
            job.run()
            return nil
        }, job)
        guard status == 0 else {
            Unmanaged<Job>.fromOpaque(job).release()
            fatalError("could not start thread \(name): error \(status)")
        }
        pthread_detach(thread)
    }

    /// Blocks the calling thread for `seconds` (nothing happens for zero or less), resuming the
    /// sleep when a signal interrupts it.
    public static func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        let whole = seconds.rounded(.down)
        var request = timespec(tv_sec: Int(whole), tv_nsec: Int((seconds - whole) * 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) == -1, errno == EINTR { request = remaining }
    }

    private final class Job {
        let name: String
        let body: @Sendable () -> Void

        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }

        func run() {
            #if os(Linux)
            Self.nameCurrentThread(name)
            #endif
            body()
        }

        #if os(Linux)
        /// Writes the name to the thread's `comm` file, which is what `pthread_setname_np` does
        /// on Linux; Swift's Glibc module does not export that GNU function.
        private static func nameCurrentThread(_ name: String) {
            let descriptor = open("/proc/thread-self/comm", O_WRONLY)
            guard descriptor >= 0 else { return }
            defer { close(descriptor) }
            let bytes = Array(name.utf8.prefix(15))
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        }
        #endif
    }
}
