import CommonAdapters
import CommonKernel
import Foundation

/// Start-up helpers for the service processes that tests run on ports of their own.
enum ServiceProcessSupport {
    /// Returns a loopback port that was free a moment ago, by binding port 0 and reading it.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw HarnessError("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw HarnessError("binding a free port failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits up to `seconds` until `service`'s `/health` at `baseURL` answers 200. Throws when
    /// the process exits first or the time runs out, naming the log at `logPath`.
    static func waitForHealth(
        of process: Process, service: String, baseURL: String, logPath: String, seconds: Double
    ) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard process.isRunning else { throw HarnessError("\(service) exited at start; see \(logPath)") }
            let health = try? PlatformHarness.client.send(method: .get, url: baseURL + "/health")
            if health?.status == 200 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw HarnessError("\(service) was not healthy within \(seconds) s; see \(logPath)")
    }
}
