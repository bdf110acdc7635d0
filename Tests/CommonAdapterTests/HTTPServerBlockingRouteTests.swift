import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

/// Routes marked `blocking` run on the blocking-handler pool while their connection is suspended.
/// Every server here has one polling thread, so a handler that held it would stall the plain route.
final class HTTPServerBlockingRouteTests: XCTestCase {
    /// Handlers of `/held/{n}` signal `started` and then wait for `release`, which the test controls.
    private final class Gate: Sendable {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)

        func waitForStarts(_ count: Int) -> Bool {
            (0..<count).allSatisfy { _ in started.wait(timeout: .now() + 5) == .success }
        }

        func open(_ count: Int) {
            for _ in 0..<count { release.signal() }
        }
    }

    private func makeServer(
        gate: Gate, blockingThreads: Int = 4, blockingQueueLimit: Int = 64,
        threadModel: HTTPServerConfiguration.ThreadModel = .pool(threads: 1)
    ) throws -> HTTPTestServer {
        try HTTPTestServer(
            threadModel: threadModel, blockingThreads: blockingThreads, blockingQueueLimit: blockingQueueLimit
        ) { router in
            router.get("/plain") { _, _ in .text("plain") }
            router.get("/held/{n}", blocking: true) { request, _ in
                gate.started.signal()
                guard gate.release.wait(timeout: .now() + 10) == .success else {
                    throw AppError(.internal, code: "test.gate_timeout", detail: "The test never opened the gate.")
                }
                return .text("held \(try request.parameter("n"))")
            }
            router.post("/quick", blocking: true) { request, _ in
                .text("quick \(request.body.count)")
            }
            router.urgentGet("/urgent") { _, _ in .text("urgent") }
            router.get("/refused", blocking: true) { _, _ in
                throw AppError(.conflict, code: "test.refused", detail: "This route always refuses.")
            }
        }
    }

    func testPlainRouteAnswersWhileBlockingHandlersWait() throws {
        let gate = Gate()
        let server = try makeServer(gate: gate, blockingThreads: 3)
        let waiting = (1...3).map { BackgroundRequest(url: server.url("/held/\($0)")) }
        XCTAssertTrue(gate.waitForStarts(3))

        let plain = try makeTestClient().send(method: .get, url: server.url("/plain"))
        XCTAssertEqual(plain.status, 200)
        XCTAssertEqual(text(plain), "plain")
        for request in waiting { XCTAssertNil(request.resultIfEnded) }

        gate.open(3)
        for (index, request) in waiting.enumerated() {
            let response = try XCTUnwrap(request.result()).get()
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(text(response), "held \(index + 1)")
            XCTAssertNotNil(response.headers["X-Request-ID"])
        }
        let heldLines = server.accessRecords.filter { $0["route"] as? String == "/held/{n}" }
        XCTAssertEqual(heldLines.count, 3)
        XCTAssertEqual(Set(heldLines.compactMap { $0["status"] as? String }), ["200"])
    }

    func testBlockingHandlerErrorBecomesProblem() throws {
        let server = try makeServer(gate: Gate())
        let response = try makeTestClient().send(
            method: .get, url: server.url("/refused"), headers: HTTPHeaders([("X-Request-ID", "refused-1")]))

        XCTAssertEqual(response.status, 409)
        XCTAssertEqual(response.headers["Content-Type"], "application/problem+json")
        XCTAssertEqual(response.headers["X-Request-ID"], "refused-1")
        let problem = try jsonObject(response)
        XCTAssertEqual(problem["code"] as? String, "test.refused")
        XCTAssertEqual(problem["request_id"] as? String, "refused-1")
    }

    /// With the pool's only thread held and no room in the queue, an ordinary blocking request
    /// gets 503 while an urgent one waits for the thread and is then served.
    func testUrgentRouteServedWhenQueueFull() throws {
        let gate = Gate()
        let server = try makeServer(gate: gate, blockingThreads: 1, blockingQueueLimit: 0)
        let running = BackgroundRequest(url: server.url("/held/1"))
        XCTAssertTrue(gate.waitForStarts(1))

        let turnedAway = try XCTUnwrap(BackgroundRequest(url: server.url("/held/2")).result()).get()
        XCTAssertEqual(turnedAway.status, 503)
        let urgent = BackgroundRequest(url: server.url("/urgent"))
        XCTAssertNil(urgent.resultIfEnded)

        gate.open(1)
        let served = try XCTUnwrap(urgent.result()).get()
        XCTAssertEqual(served.status, 200)
        XCTAssertEqual(text(served), "urgent")
        XCTAssertEqual(try XCTUnwrap(running.result()).get().status, 200)
    }

    func testFullQueueAnswers503WithRetryAfter() throws {
        let gate = Gate()
        let server = try makeServer(gate: gate, blockingThreads: 1, blockingQueueLimit: 1)
        let running = BackgroundRequest(url: server.url("/held/1"))
        XCTAssertTrue(gate.waitForStarts(1))

        // The pool's only thread is taken, so one of these two waits in the queue and the other
        // finds it full. Which one arrives first is up to the scheduler.
        let firstEnded = DispatchSemaphore(value: 0)
        let contenders = (2...3).map { BackgroundRequest(url: server.url("/held/\($0)"), finished: firstEnded) }
        XCTAssertEqual(firstEnded.wait(timeout: .now() + 5), .success)
        let rejected = try XCTUnwrap(contenders.first { $0.resultIfEnded != nil })
        let queued = try XCTUnwrap(contenders.first { $0 !== rejected })

        let busy = try XCTUnwrap(rejected.result()).get()
        XCTAssertEqual(busy.status, 503)
        XCTAssertEqual(busy.headers["Retry-After"], "1")
        XCTAssertEqual(busy.headers["Content-Type"], "application/problem+json")
        XCTAssertEqual(try jsonObject(busy)["code"] as? String, "server.busy")
        XCTAssertNil(running.resultIfEnded)

        gate.open(2)
        let first = try XCTUnwrap(running.result()).get()
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(text(first), "held 1")
        let second = try XCTUnwrap(queued.result()).get()
        XCTAssertEqual(second.status, 200)
        XCTAssertTrue(text(second).hasPrefix("held "), text(second))
        let heldLines = server.accessRecords.filter { $0["route"] as? String == "/held/{n}" }
        let heldStatuses = heldLines.compactMap { $0["status"] as? String }
        XCTAssertEqual(heldStatuses.sorted(), ["200", "200", "503"])
    }

    func testSuspendedConnectionStaysAlive() throws {
        let server = try makeServer(gate: Gate())
        let connection = try RawConnection(port: server.server.port)

        let first = try connection.exchange(
            "POST /quick HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        XCTAssertTrue(first.head.hasPrefix("HTTP/1.1 200"), first.head)
        XCTAssertEqual(first.body, "quick 2")
        let plain = try connection.exchange("GET /plain HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertTrue(plain.head.hasPrefix("HTTP/1.1 200"), plain.head)
        XCTAssertEqual(plain.body, "plain")
        let second = try connection.exchange(
            "POST /quick HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4\r\n\r\n[1] ")
        XCTAssertTrue(second.head.hasPrefix("HTTP/1.1 200"), second.head)
        XCTAssertEqual(second.body, "quick 4")

        let opened = server.metrics.render().split(separator: "\n").first { $0.hasPrefix("http_connections_total ") }
        XCTAssertEqual(opened, "http_connections_total 1")
    }

    func testShutdownFinishesBlockingRequest() throws {
        let gate = Gate()
        let server = try makeServer(gate: gate)
        let port = server.server.port
        let held = BackgroundRequest(url: server.url("/held/7"))
        XCTAssertTrue(gate.waitForStarts(1))

        let shutdownDone = DispatchSemaphore(value: 0)
        let microServer = server.server
        Thread.detachNewThread {
            microServer.shutdown(gracePeriod: 5)
            shutdownDone.signal()
        }
        // Waits until the shutdown has begun, which refuses new connections.
        for _ in 0..<500 {
            guard (try? RawConnection(port: port)) != nil else { break }
            usleep(10_000)
        }
        XCTAssertThrowsError(try RawConnection(port: port))
        XCTAssertNil(held.resultIfEnded)

        gate.open(1)
        let response = try XCTUnwrap(held.result()).get()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(text(response), "held 7")
        XCTAssertEqual(shutdownDone.wait(timeout: .now() + 5), .success)
        let stopped = server.logRecords.first { $0["message"] as? String == "server stopped" }
        XCTAssertEqual(stopped?["unfinished_requests"] as? String, "0")
    }

    func testShutdownClosesBlockingRequestAfterGracePeriod() throws {
        let gate = Gate()
        let server = try makeServer(gate: gate)
        let held = BackgroundRequest(url: server.url("/held/8"))
        XCTAssertTrue(gate.waitForStarts(1))

        server.server.shutdown(gracePeriod: 0.05)

        XCTAssertThrowsError(try XCTUnwrap(held.result()).get())
        let stopped = server.logRecords.first { $0["message"] as? String == "server stopped" }
        XCTAssertEqual(stopped?["unfinished_requests"] as? String, "1")
        // The handler finishes after the daemon stopped and must leave the freed connection alone.
        gate.open(1)
    }

    func testPerConnectionModelRunsBlockingRouteInline() throws {
        let gate = Gate()
        let server = try makeServer(gate: gate, threadModel: .threadPerConnection)
        gate.open(1)

        let response = try makeTestClient().send(method: .get, url: server.url("/held/9"))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(text(response), "held 9")
    }
}
