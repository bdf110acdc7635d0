import Foundation
import Synchronization

/// A TCP server on a loopback address and a free port that plays a script on each connection,
/// for responses that the project's own server never sends. Connection n plays `scripts[n]`, or
/// the last script once they run out, on a thread of its own, and is closed when its script ends.
final class ScriptedTCPServer: Sendable {
    enum Step: Sendable {
        /// Reads one request: its head and a body of its `Content-Length`.
        case receiveRequest
        case send(String)
        /// Reads until the client closes the connection.
        case waitForClientClose
    }

    struct Record {
        var acceptedConnections = 0
        /// The requests received, in order, each as text with its body.
        var requests: [String] = []
        var closedConnections = 0
    }

    let port: Int
    let host: String
    private let listener: Int32
    private let shared: Shared

    /// What the accepting and playing threads use. They hold this rather than the server, so
    /// that releasing the server stops them.
    private final class Shared: Sendable {
        let scripts: [[Step]]
        let record = Mutex(Record())
        let connectionClosed = DispatchSemaphore(value: 0)
        let acceptLoopEnded = DispatchSemaphore(value: 0)

        init(scripts: [[Step]]) {
            self.scripts = scripts
        }
    }

    /// Listens on `host`, `127.0.0.1` or `::1`, and starts accepting.
    init(host: String = "127.0.0.1", scripts: [[Step]]) throws {
        precondition(!scripts.isEmpty, "a scripted server needs at least one script")
        self.host = host
        shared = Shared(scripts: scripts)
        (listener, port) = try Self.listen(host: host)
        Thread.detachNewThread { [listener, shared] in Self.acceptLoop(listener, shared) }
    }

    deinit {
        // Shutting the socket down wakes the blocked `accept`, so the loop ends before the close.
        shutdown(listener, Int32(SHUT_RDWR))
        shared.acceptLoopEnded.wait()
        close(listener)
    }

    /// The base URL, such as `http://127.0.0.1:40123`.
    var url: String { host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)" }

    var snapshot: Record { shared.record.withLock { $0 } }

    /// Waits up to 5 seconds until `count` connections in all have been closed at their script's
    /// end; returns false when they have not.
    func waitForClosedConnections(_ count: Int) -> Bool {
        while shared.record.withLock({ $0.closedConnections }) < count {
            guard shared.connectionClosed.wait(timeout: .now() + 5) == .success else { return false }
        }
        return true
    }

    private static func acceptLoop(_ listener: Int32, _ shared: Shared) {
        defer { shared.acceptLoopEnded.signal() }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let index = shared.record.withLock { record in
                record.acceptedConnections += 1
                return record.acceptedConnections - 1
            }
            let script = shared.scripts[min(index, shared.scripts.count - 1)]
            Thread.detachNewThread { play(script, on: connection, shared) }
        }
    }

    private static func play(_ script: [Step], on connection: Int32, _ shared: Shared) {
        var pending: [UInt8] = []
        steps: for step in script {
            switch step {
            case .receiveRequest:
                guard let request = receiveRequest(connection, pending: &pending) else { break steps }
                shared.record.withLock { $0.requests.append(request) }
            case .send(let text):
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            case .waitForClientClose:
                var chunk = [UInt8](repeating: 0, count: 4096)
                while read(connection, &chunk, chunk.count) > 0 {}
            }
        }
        close(connection)
        shared.record.withLock { $0.closedConnections += 1 }
        shared.connectionClosed.signal()
    }

    /// Reads one request's head and then its `Content-Length` bytes. Returns nil when the client
    /// closes the connection, or sends nothing for 10 seconds, before the request is complete.
    private static func receiveRequest(_ connection: Int32, pending: inout [UInt8]) -> String? {
        let separator = Array("\r\n\r\n".utf8)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let headEnd = pending.firstRange(of: separator)?.upperBound {
                let head = String(decoding: pending[..<headEnd], as: UTF8.self)
                let total = headEnd + contentLength(head)
                if pending.count >= total {
                    let request = String(decoding: pending[..<total], as: UTF8.self)
                    pending.removeFirst(total)
                    return request
                }
            }
            let count = read(connection, &chunk, chunk.count)
            guard count > 0 else { return nil }
            pending += chunk[..<count]
        }
    }

    private static func contentLength(_ head: String) -> Int {
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }

    private static func listen(host: String) throws -> (descriptor: Int32, port: Int) {
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var addresses: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, "0", &hints, &addresses) == 0, let address = addresses else {
            throw POSIXError(.EADDRNOTAVAIL)
        }
        defer { freeaddrinfo(address) }

        let descriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype, 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        guard bind(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0, Glibc.listen(descriptor, 16) == 0 else {
            let code = errno
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(descriptor, $0, &length) }
        }
        // The port sits at the same offset in sockaddr_in and sockaddr_in6.
        let port = withUnsafePointer(to: storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
        return (descriptor, port)
    }
}
