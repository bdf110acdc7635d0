import CommonKernel
import Foundation
import OrderCore
import XCTest

/// Parses an amount written the way the API writes it, such as `money("1250.00", .bdt)`.
func money(_ text: String, _ currency: Currency = .bdt) -> Money {
    try! Money.parse(text, currency: currency, field: "test")
}

/// Makes a tenant of its own for each test, so tests never see each other's rows.
func makeTenant(currency: String = "BDT", timeZone: String = "Asia/Dhaka") -> TenantRecord {
    TenantRecord(
        id: UUID(), name: "Test Shop", subdomain: "shop-\(UUID().uuidString.prefix(8).lowercased())", status: .active,
        plan: PlanLimits(code: "test", maxProducts: nil, maxStaff: nil, maxStorageBytes: nil), currency: currency,
        timeZone: timeZone)
}

/// Asserts that `body` throws an `AppError` with `code` and returns it for further checks.
@discardableResult
func assertAppError<Value>(
    code: String, _ message: String = "", file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws -> Value
) -> AppError? {
    do {
        _ = try body()
        XCTFail("expected \(code), but nothing was thrown. \(message)", file: file, line: line)
    } catch let error as AppError {
        XCTAssertEqual(error.code, code, "\(message) \(error.detail)", file: file, line: line)
        return error
    } catch {
        XCTFail("expected AppError \(code), got \(error). \(message)", file: file, line: line)
    }
    return nil
}
