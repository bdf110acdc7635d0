import FoundationEssentials
import Glibc
import Synchronization

/// The write end of the pipe that `shutdownSignalHandler` reports signals through, or -1.
/// An atomic load is async-signal-safe, unlike a lock.
private let signalPipeWriter = Atomic<Int32>(-1)

/// Writes the signal number into the pipe; write(2) is async-signal-safe.
private let shutdownSignalHandler: @convention(c) (Int32) -> Void = { signal in
    var number = signal
    _ = write(signalPipeWriter.load(ordering: .relaxed), &number, MemoryLayout<Int32>.size)
}

/// Waiting for the signals that ask a service to stop.
public enum ShutdownSignal {
    static let handledSignals: [Int32] = [SIGTERM, SIGINT]

    // A pipe rather than sigwait, because sigwait receives a signal only if every thread blocks it,
    // including the threads libmicrohttpd started earlier. A handler runs on whichever thread gets it.
    private static let pipeReader: Int32 = {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { fatalError("pipe() failed with errno \(errno)") }
        signalPipeWriter.store(ends[1], ordering: .relaxed)
        return ends[0]
    }()

    /// Blocks the calling thread until SIGTERM or SIGINT arrives, then returns the signal number.
    ///
    /// Until then both signals are caught instead of ending the process. Once one arrives their
    /// default action is restored, so a second Ctrl-C stops a shutdown that hangs.
    public static func wait() -> Int32 {
        installHandlers()
        var number: Int32 = 0
        while read(pipeReader, &number, MemoryLayout<Int32>.size) != MemoryLayout<Int32>.size {}
        restoreDefaults()
        return number
    }

    /// Installs the handlers that catch both signals from now on. `wait` calls it, so call it
    /// earlier only where a signal could arrive before `wait` starts.
    static func installHandlers() {
        _ = pipeReader
        for signal in handledSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = shutdownSignalHandler
            action.sa_flags = SA_RESTART
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
    }

    private static func restoreDefaults() {
        for signal in handledSignals { Glibc.signal(signal, SIG_DFL) }
    }
}
