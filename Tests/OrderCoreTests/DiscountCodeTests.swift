import OrderCore
import XCTest

final class DiscountCodeTests: XCTestCase {
    func testAsciiLettersFoldAndSpacesGo() {
        XCTAssertEqual(Discount.normalizedCode(" summer10\n"), "SUMMER10")
        XCTAssertEqual(Discount.normalizedCode("\u{00A0}Eid-2026\u{3000}"), "EID-2026")
    }

    func testOtherLettersKeepTheirCase() {
        XCTAssertEqual(Discount.normalizedCode("Straße"), "STRAßE")
        XCTAssertNotEqual(Array(Discount.normalizedCode("Straße").utf8), Array(Discount.normalizedCode("STRASSE").utf8))
        XCTAssertNotEqual(Array(Discount.normalizedCode("iı").utf8), Array(Discount.normalizedCode("ii").utf8))
        XCTAssertEqual(Discount.normalizedCode("ঈদ১০"), "ঈদ১০")
    }

    func testAccentsTypedEitherWayGiveOneCode() {
        XCTAssertEqual(
            Array(Discount.normalizedCode("cafe\u{0301}").utf8), Array(Discount.normalizedCode("caf\u{00E9}").utf8))
    }
}
