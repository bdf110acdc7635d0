import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

/// A server on a free loopback port with its metrics and captured log lines, stopped on release.
final class HTTPTestServer {
    let server: MicroHTTPServer
    let metrics: MetricsRegistry
    let logs = LogSink.memory()

    init(
        threadModel: HTTPServerConfiguration.ThreadModel = .pool(threads: 4), maxBodyBytes: Int = 1 << 20,
        tenancy: RequestTenancy? = nil, metrics: MetricsRegistry = MetricsRegistry(),
        blockingThreads: Int = 8, blockingQueueLimit: Int = 64, routes: (inout Router) -> Void
    ) throws {
        self.metrics = metrics
        var router = Router()
        routes(&router)
        let configuration = HTTPServerConfiguration(
            port: 0, threadModel: threadModel, maxBodyBytes: maxBodyBytes,
            blockingThreads: blockingThreads, blockingQueueLimit: blockingQueueLimit)
        server = MicroHTTPServer(
            configuration: configuration, router: router, tenancy: tenancy, metrics: metrics,
            logger: Logger(label: "http-test", sink: logs))
        try server.start()
    }

    deinit {
        server.shutdown(gracePeriod: 1)
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(server.port)\(path)" }

    /// The captured log lines, each parsed as a JSON object.
    var logRecords: [[String: Any]] {
        logs.capturedLines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    /// The access log lines, one per request that got a response.
    var accessRecords: [[String: Any]] {
        logRecords.filter { $0["message"] as? String == "request" }
    }
}

func makeTestClient(timeoutSeconds: Double = 5) -> CurlHTTPClient {
    CurlHTTPClient(timeoutSeconds: timeoutSeconds, logger: Logger(label: "http-test-client", sink: .memory()))
}

/// Parses a response body as a JSON object, failing the test when it is not one.
func jsonObject(
    _ response: HTTPClientResponse, file: StaticString = #filePath, line: UInt = #line
) throws -> [String: Any] {
    let parsed = try JSONSerialization.jsonObject(with: Data(response.body))
    return try XCTUnwrap(parsed as? [String: Any], "body is not a JSON object", file: file, line: line)
}

func text(_ response: HTTPClientResponse) -> String {
    String(decoding: response.body, as: UTF8.self)
}

/// A plain TCP connection to the loopback interface, for checks that a client library would hide:
/// whether a connection is refused, and whether one connection carries several requests.
final class RawConnection {
    private let descriptor: Int32

    /// Connects to 127.0.0.1 on `port`; throws the connect error's errno as a POSIXError.
    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            let code = errno
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }

    deinit {
        close(descriptor)
    }

    /// Sends `bytes` and reads nothing, as a client that gives up half way would.
    func sendOnly(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw POSIXError(.EIO) }
    }

    /// Sends `request` and reads one response with a `Content-Length`; returns its head and body.
    /// A response to HEAD has a `Content-Length` but no body, so `expectBody` must then be false.
    func exchange(_ request: String, expectBody: Bool = true) throws -> (head: String, body: String) {
        let bytes = Array(request.utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw POSIXError(.EIO) }
        var received: [UInt8] = []
        while true {
            if let response = Self.completeResponse(received, expectBody: expectBody) { return response }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(descriptor, &chunk, chunk.count)
            guard count > 0 else { throw POSIXError(.ECONNRESET) }
            received += chunk[0..<count]
        }
    }

    private static func completeResponse(_ bytes: [UInt8], expectBody: Bool) -> (head: String, body: String)? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return nil }
        let head = String(text[..<end.lowerBound])
        let body = String(text[end.upperBound...])
        guard !expectBody || body.utf8.count >= contentLength(head) else { return nil }
        return (head, body)
    }

    private static func contentLength(_ head: String) -> Int {
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }
}

/// A GET request sent with `CurlHTTPClient` on a thread of its own.
final class BackgroundRequest: Sendable {
    private let outcome = Mutex<Result<HTTPClientResponse, Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts the request; signals `finished`, when given, once it has ended.
    init(url: String, finished: DispatchSemaphore? = nil) {
        Thread.detachNewThread {
            let result = Result { try makeTestClient().send(method: .get, url: url) }
            self.outcome.withLock { $0 = result }
            self.done.signal()
            finished?.signal()
        }
    }

    /// The outcome, or nil while the request has not ended.
    var resultIfEnded: Result<HTTPClientResponse, Error>? { outcome.withLock { $0 } }

    /// Waits up to 5 seconds for the request to end; returns nil when it has not.
    func result() -> Result<HTTPClientResponse, Error>? {
        guard done.wait(timeout: .now() + 5) == .success else { return nil }
        return outcome.withLock { $0 }
    }
}
