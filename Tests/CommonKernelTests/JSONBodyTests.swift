import CommonKernel
import XCTest

final class JSONBodyTests: XCTestCase {
    private func fieldErrors(_ body: () throws -> Void) -> [FieldError] {
        do {
            try body()
        } catch let error as AppError {
            XCTAssertEqual(error.kind, .invalidInput)
            return error.fieldErrors
        } catch {
            XCTFail("unexpected error \(error)")
        }
        return []
    }

    func testMalformedJSONIsRejectedWithCode() {
        XCTAssertThrowsError(try JSONBody(bytes: Array("{\"name\": ".utf8))) { error in
            XCTAssertEqual((error as? AppError)?.code, "request.malformed_json")
        }
    }

    func testDuplicateFieldIsRejectedByName() {
        let bytes = Array(#"{"address": {"city": "Dhaka", "city": "Sylhet"}}"#.utf8)
        XCTAssertThrowsError(try JSONBody(bytes: bytes)) { error in
            let appError = error as? AppError
            XCTAssertEqual(appError?.kind, .invalidInput)
            XCTAssertEqual(appError?.fieldErrors, [FieldError(
                field: "address.city", message: "appears more than once in its object; send each field once",
                code: "duplicate_field")])
        }
    }

    func testFractionIsNamedInMessage() throws {
        var body = try JSONBody(bytes: Array(#"{"quantity": 1.5}"#.utf8))
        XCTAssertNil(body.int("quantity", range: 1...100))
        XCTAssertEqual(body.errors, [FieldError(field: "quantity", message: "must be a whole number, not 1.5", code: "wrong_type")])
    }

    func testNonObjectIsRejected() {
        XCTAssertThrowsError(try JSONBody(bytes: Array("[1,2]".utf8))) { error in
            XCTAssertEqual((error as? AppError)?.code, "request.not_an_object")
        }
    }

    func testEmptyBodyIsRejected() {
        XCTAssertThrowsError(try JSONBody(bytes: [])) { error in
            XCTAssertEqual((error as? AppError)?.code, "request.body_missing")
        }
    }

    func testEveryProblemIsNamed() throws {
        var body = try JSONBody(bytes: Array(#"{"name": 5, "count": "x", "extra": true, "address": {"city": 1, "zip": "1207"}}"#.utf8))
        _ = body.string("name", required: true)
        _ = body.int("count")
        _ = body.string("email", required: true)
        if var address = body.object("address") {
            _ = address.string("city")
            body.merge(address)
        }
        let errors = fieldErrors { try body.finish() }
        let byField = Dictionary(uniqueKeysWithValues: errors.map { ($0.field, $0.code) })
        XCTAssertEqual(byField["name"], "wrong_type")
        XCTAssertEqual(byField["count"], "wrong_type")
        XCTAssertEqual(byField["email"], "missing")
        XCTAssertEqual(byField["extra"], "unknown_field")
        XCTAssertEqual(byField["address.city"], "wrong_type")
        XCTAssertEqual(byField["address.zip"], "unknown_field")
        XCTAssertEqual(errors.count, 6)
    }

    func testBooleanIsNotANumber() throws {
        var body = try JSONBody(bytes: Array(#"{"count": true, "flag": 1}"#.utf8))
        XCTAssertNil(body.int("count"))
        XCTAssertNil(body.bool("flag"))
        XCTAssertEqual(fieldErrors { try body.finish() }.map(\.code), ["wrong_type", "wrong_type"])
    }

    func testValidBodyPasses() throws {
        var body = try JSONBody(bytes: Array(#"{"name": "  Shop  ", "count": 3}"#.utf8))
        XCTAssertEqual(body.nonEmptyString("name", required: true), "Shop")
        XCTAssertEqual(body.int("count", range: 1...5), 3)
        XCTAssertNoThrow(try body.finish())
    }

    func testProblemDocumentCarriesFieldsAndRequestID() throws {
        let problem = Problem(error: AppError.invalidField("subdomain", "is reserved", code: "reserved"), requestID: "req-1")
        let response = problem.response
        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(response.headers["Content-Type"], "application/problem+json")
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        XCTAssertEqual(object?["request_id"] as? String, "req-1")
        XCTAssertEqual(object?["status"] as? Int, 422)
        let errors = object?["errors"] as? [[String: Any]]
        XCTAssertEqual(errors?.first?["field"] as? String, "subdomain")
    }
}

final class JSONBodyControlCharacterTests: XCTestCase {
    func testNULAndEscapesAreRejectedByName() throws {
        var body = try JSONBody(bytes: Array(#"{"name": "a\u0000b", "note": "x\u001b[31m", "text": "line\nnext\ttab"}"#.utf8))
        XCTAssertNil(body.string("name"))
        XCTAssertNil(body.string("note"))
        XCTAssertEqual(body.string("text"), "line\nnext\ttab")
        XCTAssertEqual(body.errors.map(\.field), ["name", "note"])
        XCTAssertEqual(body.errors.map(\.code), ["control_character", "control_character"])
    }

    func testNonJSONContentTypeIs415() {
        let request = HTTPRequest(method: .post, path: "/", headers: HTTPHeaders([("Content-Type", "text/plain")]), body: Array("{}".utf8))
        XCTAssertThrowsError(try JSONBody(request: request)) { error in
            XCTAssertEqual((error as? AppError)?.kind, .unsupportedMediaType)
        }
        let json = HTTPRequest(method: .post, path: "/", headers: HTTPHeaders([("Content-Type", "application/json; charset=utf-8")]), body: Array("{}".utf8))
        XCTAssertNoThrow(try JSONBody(request: json))
    }
}
