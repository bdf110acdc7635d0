import CommonKernel
import Foundation
import XCTest

final class EventEnvelopeTests: XCTestCase {
    private struct ProductCreated: Codable, Equatable {
        var sku: String
        var title: String
        var priceMinor: Int
    }

    private let tenantID = UUID()

    func testJSONRoundTripIsExact() throws {
        let occurredAt = Date(timeIntervalSince1970: 1_714_555_800.123456)
        let envelope = EventEnvelope(
            type: "order.placed", tenantID: tenantID, occurredAt: occurredAt, version: 2,
            data: .object(["total_minor": .number(1250), "note": .string("gift/wrap")]))

        let decoded = try EventEnvelope(jsonText: try envelope.jsonText())

        XCTAssertEqual(decoded, envelope)
        XCTAssertEqual(decoded.occurredAt.microsecondsSince1970, 1_714_555_800_123_456)
    }

    func testJSONUsesSnakeCaseFieldNames() throws {
        let envelope = EventEnvelope(
            type: "tenant.created", tenantID: tenantID,
            occurredAt: Date(timeIntervalSince1970: 1_714_555_800.25), data: .object([:]))

        let object = try JSONSerialization.jsonObject(with: Data(try envelope.jsonText().utf8)) as? [String: Any]

        XCTAssertEqual(Set(object?.keys.map { $0 } ?? []), ["id", "type", "tenant_id", "occurred_at", "version", "data"])
        XCTAssertEqual(object?["tenant_id"] as? String, tenantID.uuidString.lowercased())
        XCTAssertEqual(object?["occurred_at"] as? String, "2024-05-01T09:30:00.250000Z")
        XCTAssertEqual(object?["version"] as? Int, 1)
    }

    func testTimestampBeforeEpochKeepsItsFraction() throws {
        let envelope = EventEnvelope(
            type: "tenant.created", tenantID: tenantID, occurredAt: Date(timeIntervalSince1970: -0.000001),
            data: .null)

        let text = try envelope.jsonText()

        XCTAssertTrue(text.contains(#""occurred_at":"1969-12-31T23:59:59.999999Z""#), text)
        XCTAssertEqual(try EventEnvelope(jsonText: text), envelope)
    }

    func testMillisecondTimestampIsAccepted() throws {
        let text = """
            {"id":"\(UUID().uuidString)","type":"order.paid","tenant_id":"\(tenantID.uuidString)",
            "occurred_at":"2024-05-01T09:30:00.125Z","version":1,"data":{}}
            """

        let envelope = try EventEnvelope(jsonText: text)

        XCTAssertEqual(envelope.occurredAt.microsecondsSince1970, 1_714_555_800_125_000)
        XCTAssertEqual(envelope.tenantID, tenantID)
    }

    func testMissingFieldIsRejected() {
        let text = """
            {"id":"\(UUID().uuidString)","type":"order.paid","occurred_at":"2024-05-01T09:30:00Z",
            "version":1,"data":{}}
            """

        XCTAssertThrowsError(try EventEnvelope(jsonText: text)) { error in
            guard case DecodingError.keyNotFound(let key, _) = error else {
                return XCTFail("expected keyNotFound, got \(error)")
            }
            XCTAssertEqual(key.stringValue, "tenant_id")
        }
    }

    func testInvalidTimestampIsRejected() {
        let text = """
            {"id":"\(UUID().uuidString)","type":"order.paid","tenant_id":"\(tenantID.uuidString)",
            "occurred_at":"yesterday","version":1,"data":{}}
            """

        XCTAssertThrowsError(try EventEnvelope(jsonText: text))
    }

    func testPayloadRoundTrip() throws {
        let payload = ProductCreated(sku: "NK-01", title: "Nakshi kantha", priceMinor: 450_000)

        let envelope = try EventEnvelope(type: "product.created", tenantID: tenantID, payload: payload)

        guard case .object(let fields) = envelope.data else { return XCTFail("data is not an object") }
        XCTAssertEqual(fields["price_minor"], .number(450_000), "payload keys are snake_case")
        XCTAssertEqual(try envelope.decodePayload(ProductCreated.self), payload)
        XCTAssertEqual(try EventEnvelope(jsonText: try envelope.jsonText()).decodePayload(ProductCreated.self), payload)
    }

    func testPayloadOfWrongShapeIsRejected() throws {
        let envelope = EventEnvelope(type: "product.created", tenantID: tenantID, data: .object(["title": .number(3)]))

        XCTAssertThrowsError(try envelope.decodePayload(ProductCreated.self))
    }
}
