import CommonKernel
import OrderCore
import XCTest

final class EmailAddressTests: XCTestCase {
    func testAcceptedAddresses() throws {
        XCTAssertEqual(try EmailAddress(" Rahim.Uddin+shop@Example.COM ").value, "Rahim.Uddin+shop@example.com")
        XCTAssertEqual(try EmailAddress("a@b.co").value, "a@b.co")
        XCTAssertEqual(try EmailAddress("user@mail.xn--54b7fta0cc").value, "user@mail.xn--54b7fta0cc")
        XCTAssertEqual(try EmailAddress("Rahim@Example.com").matchKey, "rahim@example.com")
    }

    func testRejectedAddressesNameTheField() {
        let rejected = [
            "", "plain", "two@@example.com", "a@b@example.com", ".dot@example.com", "dot.@example.com",
            "do..t@example.com", "space in@example.com", "user@localhost", "user@example.c", "user@-bad.com",
            "user@bad-.com", "user@exa_mple.com", "user@example.123",
            String(repeating: "a", count: 65) + "@example.com",
            "user@" + String(repeating: "a", count: 250) + ".com",
        ]
        for text in rejected {
            do {
                _ = try EmailAddress(text, field: "email")
                XCTFail("accepted \(text)")
            } catch let error as AppError {
                XCTAssertEqual(error.fieldErrors.map(\.field), ["email"], text)
                XCTAssertEqual(error.fieldErrors.first?.code, "invalid_email", text)
            } catch {
                XCTFail("unexpected \(error)")
            }
        }
    }
}
