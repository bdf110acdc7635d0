import CommonAdapters
import CommonKernel
import Foundation
import XCTest

final class HTTPServerErrorTests: XCTestCase {
    private struct NewItem: Decodable {
        struct Price: Decodable {
            var amount: String
            var currencyCode: String
        }

        var name: String
        var prices: [Price]
    }

    private struct UnexpectedFailure: Error {
        var secret = "database password hunter2"
    }

    private func makeServer(maxBodyBytes: Int = 1 << 20) throws -> HTTPTestServer {
        try HTTPTestServer(maxBodyBytes: maxBodyBytes) { router in
            router.post("/echo") { request, _ in
                HTTPResponse(status: 200, contentType: "application/octet-stream", body: request.body)
            }
            router.post("/fields") { request, _ in
                var body = try JSONBody(bytes: request.body)
                let name = body.string("name", required: true)
                try body.finish()
                return .text(name ?? "")
            }
            router.post("/decoded") { request, _ in
                let item = try JSONCoding.decoder.decode(NewItem.self, from: Data(request.body))
                return .text(item.name)
            }
            router.get("/conflict") { _, _ in
                throw AppError(.conflict, code: "item.handle_taken", detail: "Another item has this handle.")
            }
            router.get("/crash") { _, _ in throw UnexpectedFailure() }
        }
    }

    func testBodyOverLimitIs413AndServerGoesOn() throws {
        let server = try makeServer(maxBodyBytes: 1000)
        let client = makeTestClient()

        let rejected = try client.send(method: .post, url: server.url("/echo"), body: Array(repeating: 65, count: 5000))
        XCTAssertEqual(rejected.status, 413)
        let problem = try jsonObject(rejected)
        XCTAssertEqual(problem["code"] as? String, "request.body_too_large")
        XCTAssertTrue((problem["detail"] as? String ?? "").contains("1000 bytes"), "\(problem)")

        let accepted = try client.send(method: .post, url: server.url("/echo"), body: Array(repeating: 66, count: 1000))
        XCTAssertEqual(accepted.status, 200)
        XCTAssertEqual(accepted.body, Array(repeating: 66, count: 1000))
    }

    func testBinaryBodyArrivesWhole() throws {
        let server = try makeServer()
        let body = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let response = try makeTestClient().send(method: .post, url: server.url("/echo"), body: body)

        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.body, body)
    }

    func testMalformedJSONIs422() throws {
        let server = try makeServer()
        let response = try makeTestClient().send(method: .post, url: server.url("/fields"), body: Array("{\"name\": ".utf8))

        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(try jsonObject(response)["code"] as? String, "request.malformed_json")
    }

    func testMissingFieldIs422WithFieldError() throws {
        let server = try makeServer()
        let response = try makeTestClient().send(method: .post, url: server.url("/fields"), body: Array("{}".utf8))

        XCTAssertEqual(response.status, 422)
        let errors = try XCTUnwrap(try jsonObject(response)["errors"] as? [[String: Any]])
        XCTAssertEqual(errors.first?["field"] as? String, "name")
        XCTAssertEqual(errors.first?["code"] as? String, "missing")
    }

    func testDecodingErrorNamesCodingPath() throws {
        let server = try makeServer()
        let client = makeTestClient()
        let cases: [(body: String, field: String, code: String)] = [
            (#"{"name": "Tea", "prices": [{"amount": "1.00", "currency_code": "BDT"}, {"amount": 2}]}"#, "prices[1].amount", "wrong_type"),
            (#"{"name": "Tea", "prices": [{"amount": "1.00"}]}"#, "prices[0].currency_code", "missing"),
        ]

        for (body, field, code) in cases {
            let response = try client.send(method: .post, url: server.url("/decoded"), body: Array(body.utf8))
            XCTAssertEqual(response.status, 422, body)
            let errors = try XCTUnwrap(try jsonObject(response)["errors"] as? [[String: Any]], body)
            XCTAssertEqual(errors.first?["field"] as? String, field)
            XCTAssertEqual(errors.first?["code"] as? String, code)
        }
    }

    func testAppErrorMappedByKind() throws {
        let server = try makeServer()
        let response = try makeTestClient().send(method: .get, url: server.url("/conflict"))

        XCTAssertEqual(response.status, 409)
        let problem = try jsonObject(response)
        XCTAssertEqual(problem["code"] as? String, "item.handle_taken")
        XCTAssertEqual(problem["detail"] as? String, "Another item has this handle.")
    }

    func testUnknownErrorIsGeneric500() throws {
        let server = try makeServer()
        let response = try makeTestClient().send(method: .get, url: server.url("/crash"))

        XCTAssertEqual(response.status, 500)
        let problem = try jsonObject(response)
        XCTAssertEqual(problem["detail"] as? String, "An unexpected error occurred; quote the request id when reporting it.")
        let requestID = try XCTUnwrap(problem["request_id"] as? String)
        XCTAssertEqual(response.headers["X-Request-ID"], requestID)
        XCTAssertFalse(text(response).contains("hunter2"))

        let logged = server.logRecords.first { $0["level"] as? String == "error" }
        XCTAssertEqual(logged?["request.id"] as? String, requestID)
        XCTAssertTrue((logged?["error"] as? String ?? "").contains("UnexpectedFailure"))
    }
}
