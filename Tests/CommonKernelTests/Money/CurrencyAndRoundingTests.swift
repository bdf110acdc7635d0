import CommonKernel
import XCTest

final class CurrencyAndRoundingTests: XCTestCase {
    func testCurrencyTableExponents() throws {
        let expected: [(String, Int)] = [
            ("BDT", 2), ("USD", 2), ("EUR", 2), ("GBP", 2), ("INR", 2),
            ("JPY", 0), ("KRW", 0), ("KWD", 3), ("BHD", 3), ("OMR", 3),
        ]
        for (code, exponent) in expected {
            XCTAssertEqual(try Currency(code: code).minorUnitExponent, exponent, code)
        }
        XCTAssertEqual(try Currency(code: "bdt").code, "BDT")
        XCTAssertEqual(Currency.kwd.minorUnitsPerMajorUnit, 1000)
        XCTAssertEqual(Currency.jpy.minorUnitsPerMajorUnit, 1)
    }

    func testUnknownCurrencyNamesField() {
        for code in ["XYZ", "", "TAKA", "US"] {
            XCTAssertThrowsError(try Currency(code: code, field: "currency_code"), code) { error in
                let appError = error as? AppError
                XCTAssertEqual(appError?.kind, .invalidInput, code)
                XCTAssertEqual(appError?.fieldErrors.first?.field, "currency_code", code)
                XCTAssertEqual(appError?.fieldErrors.first?.code, "unknown_currency", code)
                XCTAssertTrue(appError?.fieldErrors.first?.message.contains("'\(code)'") ?? false, code)
            }
        }
    }

    func testRoundingModes() {
        // (numerator, denominator, half-up, half-even)
        let cases: [(Int64, Int64, Int64, Int64)] = [
            (25, 10, 3, 2),
            (35, 10, 4, 4),
            (24, 10, 2, 2),
            (26, 10, 3, 3),
            (-25, 10, -3, -2),
            (-35, 10, -4, -4),
            (-26, 10, -3, -3),
            (-24, 10, -2, -2),
            (20, 10, 2, 2),
            (5, 10, 1, 0),
            (-5, 10, -1, 0),
            (1, 3, 0, 0),
            (2, 3, 1, 1),
        ]
        for (numerator, denominator, halfUp, halfEven) in cases {
            XCTAssertEqual(
                Rounding.halfUp.divide(numerator, by: denominator), halfUp, "\(numerator)/\(denominator) half-up")
            XCTAssertEqual(
                Rounding.halfEven.divide(numerator, by: denominator), halfEven, "\(numerator)/\(denominator) half-even")
        }
    }

    func testPercentageOfMoney() throws {
        // (amount in minor units, basis points, half-up result, half-even result)
        let cases: [(Int64, Int, Int64, Int64)] = [
            (10_000, 1500, 1500, 1500),
            (1050, 500, 53, 52),
            (1150, 500, 58, 58),
            (-1050, 500, -53, -52),
            (333, 3333, 111, 111),
            (1, 5000, 1, 0),
            (3, 5000, 2, 2),
        ]
        for (amount, basisPoints, halfUp, halfEven) in cases {
            let money = Money(minorUnits: amount, currency: .bdt)
            XCTAssertEqual(
                try money.percentage(basisPoints: basisPoints, rounding: .halfUp).minorUnits, halfUp,
                "\(amount) x \(basisPoints) half-up")
            XCTAssertEqual(
                try money.percentage(basisPoints: basisPoints, rounding: .halfEven).minorUnits, halfEven,
                "\(amount) x \(basisPoints) half-even")
        }
    }
}
