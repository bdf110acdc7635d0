import CommonKernel
import Foundation
import XCTest

final class MoneyArithmeticTests: XCTestCase {
    func testFormattedWritesExactDecimals() {
        let cases: [(Int64, Currency, String)] = [
            (125_000, .bdt, "1250.00"),
            (5, .bdt, "0.05"),
            (0, .usd, "0.00"),
            (-1250, .bdt, "-12.50"),
            (-5, .eur, "-0.05"),
            (1250, .jpy, "1250"),
            (-7, .krw, "-7"),
            (18_600, .kwd, "18.600"),
            (1, .omr, "0.001"),
            (Int64.min, .usd, "-92233720368547758.08"),
        ]
        for (minorUnits, currency, text) in cases {
            XCTAssertEqual(Money(minorUnits: minorUnits, currency: currency).formatted, text)
        }
    }

    func testParseFormatRoundTrip() throws {
        for text in ["0.00", "1.05", "1250.00", "999999999999.99"] {
            XCTAssertEqual(try Money.parse(text, currency: .bdt, field: "price").formatted, text)
        }
    }

    func testAddSubtractMultiply() throws {
        let price = Money(minorUnits: 1250, currency: .bdt)
        XCTAssertEqual(try price.adding(price).minorUnits, 2500)
        XCTAssertEqual(try price.subtracting(Money(minorUnits: 2000, currency: .bdt)).minorUnits, -750)
        XCTAssertEqual(try price.multiplied(by: 3).minorUnits, 3750)
        XCTAssertEqual(try price.multiplied(by: -2).minorUnits, -2500)
    }

    func testOverflowThrows() {
        let large = Money(minorUnits: Int64.max - 1, currency: .usd)
        let small = Money(minorUnits: Int64.min + 1, currency: .usd)
        let cases: [(String, () throws -> Money)] = [
            ("add", { try large.adding(Money(minorUnits: 2, currency: .usd)) }),
            ("subtract", { try small.subtracting(Money(minorUnits: 2, currency: .usd)) }),
            ("multiply", { try large.multiplied(by: 2) }),
            ("percentage", { try large.percentage(basisPoints: 20_000, rounding: .halfUp) }),
        ]
        for (name, operation) in cases {
            XCTAssertThrowsError(try operation(), name) { error in
                XCTAssertEqual((error as? AppError)?.code, "money.overflow", name)
            }
        }
    }

    func testCurrenciesDoNotMix() {
        let taka = Money(minorUnits: 100, currency: .bdt)
        let dollar = Money(minorUnits: 100, currency: .usd)
        XCTAssertNotEqual(taka, dollar)
        for operation in [{ try taka.adding(dollar) }, { try taka.subtracting(dollar) }] {
            XCTAssertThrowsError(try operation()) { error in
                XCTAssertEqual((error as? AppError)?.code, "money.currency_mismatch")
            }
        }
        XCTAssertThrowsError(try taka.isLess(than: dollar))
    }

    func testComparisonWithinCurrency() throws {
        let low = Money(minorUnits: 100, currency: .bdt)
        let high = Money(minorUnits: 101, currency: .bdt)
        XCTAssertTrue(try low.isLess(than: high))
        XCTAssertFalse(try high.isLess(than: low))
        XCTAssertEqual(try low.compare(low), .orderedSame)
        XCTAssertEqual(try high.compare(low), .orderedDescending)
    }

    func testCodableUsesStringAmount() throws {
        let money = Money(minorUnits: 18_600, currency: .kwd)
        let data = try JSONEncoder().encode(money)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: String]
        XCTAssertEqual(object?["amount"], "18.600")
        XCTAssertEqual(object?["currency"], "KWD")
        XCTAssertEqual(try JSONDecoder().decode(Money.self, from: data), money)

        let bad = Data(#"{"amount": "1e9", "currency": "KWD"}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(Money.self, from: bad))
    }
}
