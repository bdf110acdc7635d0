import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

final class HTTPServerConnectionTests: XCTestCase {
    private func makeServer(
        _ threadModel: HTTPServerConfiguration.ThreadModel, slowStarted: DispatchSemaphore? = nil
    ) throws -> HTTPTestServer {
        try HTTPTestServer(threadModel: threadModel) { router in
            router.get("/ping/{n}") { request, _ in .text("pong \(try request.parameter("n"))") }
            router.get("/slow") { _, _ in
                slowStarted?.signal()
                usleep(300_000)
                return .text("finished")
            }
        }
    }

    private func openedConnections(_ server: HTTPTestServer) -> Int {
        let line = server.metrics.render().split(separator: "\n").first { $0.hasPrefix("http_connections_total ") }
        return line.flatMap { Int($0.split(separator: " ")[1]) } ?? 0
    }

    func testOneConnectionCarriesManyRequests() throws {
        let server = try makeServer(.pool(threads: 2))
        let connection = try RawConnection(port: server.server.port)

        for number in 1...3 {
            let response = try connection.exchange("GET /ping/\(number) HTTP/1.1\r\nHost: localhost\r\n\r\n")
            XCTAssertTrue(response.head.hasPrefix("HTTP/1.1 200"), response.head)
            XCTAssertEqual(response.body, "pong \(number)")
        }
        XCTAssertEqual(openedConnections(server), 1)
    }

    func testClientReusesConnectionInPoolModel() throws {
        try assertClientReusesConnection(.pool(threads: 4))
    }

    func testClientReusesConnectionPerConnectionModel() throws {
        try assertClientReusesConnection(.threadPerConnection)
    }

    private func assertClientReusesConnection(_ model: HTTPServerConfiguration.ThreadModel) throws {
        let server = try makeServer(model)
        let client = makeTestClient()

        for number in 1...10 {
            XCTAssertEqual(text(try client.send(method: .get, url: server.url("/ping/\(number)"))), "pong \(number)")
        }
        XCTAssertEqual(openedConnections(server), 1)
    }

    func testShutdownFinishesSlowRequestAndRefusesNew() throws {
        try assertGracefulShutdown(.pool(threads: 4))
    }

    func testShutdownPerConnectionModel() throws {
        try assertGracefulShutdown(.threadPerConnection)
    }

    private func assertGracefulShutdown(_ model: HTTPServerConfiguration.ThreadModel) throws {
        let slowStarted = DispatchSemaphore(value: 0)
        let server = try makeServer(model, slowStarted: slowStarted)
        let port = server.server.port
        let slow = BackgroundRequest(url: server.url("/slow"))
        XCTAssertEqual(slowStarted.wait(timeout: .now() + 5), .success)

        let shutdownDone = DispatchSemaphore(value: 0)
        let shutdownStarted = ContinuousClock.now
        let microServer = server.server
        Thread.detachNewThread {
            microServer.shutdown(gracePeriod: 5)
            shutdownDone.signal()
        }
        usleep(50_000)

        XCTAssertThrowsError(try RawConnection(port: port)) { error in
            XCTAssertEqual((error as? POSIXError)?.code, .ECONNREFUSED)
        }
        XCTAssertThrowsError(try makeTestClient().send(method: .get, url: server.url("/ping/1"))) { error in
            XCTAssertEqual((error as? AppError)?.code, "upstream.unreachable")
        }
        let slowResponse = try XCTUnwrap(slow.result()).get()
        XCTAssertEqual(slowResponse.status, 200)
        XCTAssertEqual(text(slowResponse), "finished")
        XCTAssertEqual(shutdownDone.wait(timeout: .now() + 5), .success)
        XCTAssertLessThan(ContinuousClock.now - shutdownStarted, .seconds(2))
    }

    func testShutdownCutsOffAfterGracePeriod() throws {
        let slowStarted = DispatchSemaphore(value: 0)
        let server = try makeServer(.pool(threads: 2), slowStarted: slowStarted)
        let slow = BackgroundRequest(url: server.url("/slow"))
        XCTAssertEqual(slowStarted.wait(timeout: .now() + 5), .success)

        server.server.shutdown(gracePeriod: 0.05)

        XCTAssertThrowsError(try XCTUnwrap(slow.result()).get())

        let stopped = server.logRecords.first { $0["message"] as? String == "server stopped" }
        XCTAssertEqual(stopped?["unfinished_requests"] as? String, "1")
    }

    func testFiftyConcurrentClientsPoolModel() throws {
        try assertConcurrentClientsSucceed(.pool(threads: 16))
    }

    func testFiftyConcurrentClientsPerConnectionModel() throws {
        try assertConcurrentClientsSucceed(.threadPerConnection)
    }

    /// Sends 20 requests from each of 50 threads over a shared client; each response must match its request.
    private func assertConcurrentClientsSucceed(_ model: HTTPServerConfiguration.ThreadModel) throws {
        let server = try makeServer(model)
        let client = makeTestClient(timeoutSeconds: 10)
        let clients = 50
        let requestsPerClient = 20
        let correct = Atomic<Int>(0)
        let failures = Mutex<[String]>([])
        let finished = DispatchGroup()

        for clientNumber in 0..<clients {
            finished.enter()
            let baseURL = server.url("/ping/")
            Thread.detachNewThread {
                defer { finished.leave() }
                for request in 0..<requestsPerClient {
                    let tag = "\(clientNumber)-\(request)"
                    do {
                        let response = try client.send(method: .get, url: baseURL + tag)
                        if response.status == 200, text(response) == "pong \(tag)" {
                            correct.add(1, ordering: .relaxed)
                        } else {
                            failures.withLock { $0.append("\(tag): \(response.status) \(text(response))") }
                        }
                    } catch {
                        failures.withLock { $0.append("\(tag): \(error)") }
                    }
                }
            }
        }

        XCTAssertEqual(finished.wait(timeout: .now() + 60), .success)
        XCTAssertEqual(failures.withLock { Array($0.prefix(5)) }, [])
        XCTAssertEqual(correct.load(ordering: .relaxed), clients * requestsPerClient)
        XCTAssertLessThan(openedConnections(server), clients * requestsPerClient / 4)
    }
}
