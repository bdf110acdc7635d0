import CommonKernel
import XCTest

final class MoneyParsingTests: XCTestCase {
    func testParseAcceptsValidAmounts() throws {
        let cases: [(text: String, currency: Currency, minorUnits: Int64)] = [
            ("1250.00", .bdt, 125_000),
            ("1250", .bdt, 125_000),
            ("12.5", .bdt, 1250),
            ("0.01", .usd, 1),
            ("0", .usd, 0),
            ("007.50", .eur, 750),
            ("1250", .jpy, 1250),
            ("18.600", .kwd, 18_600),
            ("18.6", .kwd, 18_600),
            ("0.001", .bhd, 1),
            ("999999999999.99", .inr, 99_999_999_999_999),
            ("999999999999", .krw, 999_999_999_999),
        ]
        for (text, currency, minorUnits) in cases {
            let money = try Money.parse(text, currency: currency, field: "price")
            XCTAssertEqual(money.minorUnits, minorUnits, "\(text) \(currency)")
            XCTAssertEqual(money.currency, currency, "\(text) \(currency)")
        }
    }

    func testParseRejectsEachBadForm() {
        let cases: [(text: String, currency: Currency, code: String, mentions: String)] = [
            ("", .bdt, "empty", "must not be empty"),
            ("12,50", .bdt, "invalid_amount", "comma"),
            ("1,250.00", .usd, "invalid_amount", "comma"),
            ("1e9", .bdt, "invalid_amount", "exponent"),
            ("1E3", .usd, "invalid_amount", "exponent"),
            ("-1", .bdt, "sign_not_allowed", "sign"),
            ("+1", .bdt, "sign_not_allowed", "sign"),
            (" 12", .bdt, "invalid_amount", "spaces"),
            ("12 ", .bdt, "invalid_amount", "spaces"),
            ("1 250", .bdt, "invalid_amount", "spaces"),
            ("12.505", .bdt, "too_many_decimals", "at most 2 decimals"),
            ("12.5", .jpy, "too_many_decimals", "no decimals"),
            ("18.6000", .kwd, "too_many_decimals", "at most 3 decimals"),
            ("12.", .bdt, "invalid_amount", "not a decimal number"),
            (".5", .bdt, "invalid_amount", "not a decimal number"),
            ("1.2.3", .bdt, "invalid_amount", "not a decimal number"),
            ("abc", .bdt, "invalid_amount", "not a decimal number"),
            ("0x10", .bdt, "invalid_amount", "not a decimal number"),
            ("١٢", .bdt, "invalid_amount", "not a decimal number"),
            ("NaN", .usd, "invalid_amount", "not a decimal number"),
            ("1000000000000", .bdt, "too_large", "too large"),
            ("99999999999999999999999", .jpy, "too_large", "too large"),
        ]
        for (text, currency, code, mention) in cases {
            XCTAssertThrowsError(try Money.parse(text, currency: currency, field: "variants[2].price"), "\(text)") {
                error in
                guard let appError = error as? AppError else { return XCTFail("\(text): \(error) is not an AppError") }
                XCTAssertEqual(appError.kind, .invalidInput, text)
                XCTAssertEqual(appError.fieldErrors.first?.field, "variants[2].price", text)
                XCTAssertEqual(appError.fieldErrors.first?.code, code, text)
                let message = appError.fieldErrors.first?.message ?? ""
                XCTAssertTrue(message.contains(mention), "\(text): \(message)")
                XCTAssertTrue(message.contains("expected"), "\(text): \(message) does not show the expected form")
            }
        }
    }

    func testParseNegativesOnlyWhenAllowed() throws {
        let refund = try Money.parse("-12.50", currency: .bdt, field: "adjustment", allowsNegative: true)
        XCTAssertEqual(refund.minorUnits, -1250)
        XCTAssertThrowsError(try Money.parse("+12.50", currency: .bdt, field: "adjustment", allowsNegative: true))
        XCTAssertThrowsError(try Money.parse("--1", currency: .bdt, field: "adjustment", allowsNegative: true))
        XCTAssertThrowsError(try Money.parse("-", currency: .bdt, field: "adjustment", allowsNegative: true))
    }

    func testExpectedFormShowsCurrencyExample() {
        let cases: [(Currency, String)] = [(.bdt, "\"1250.00\""), (.jpy, "\"1250\""), (.kwd, "\"1250.000\"")]
        for (currency, example) in cases {
            XCTAssertThrowsError(try Money.parse("x", currency: currency, field: "price")) { error in
                let message = (error as? AppError)?.fieldErrors.first?.message ?? ""
                XCTAssertTrue(message.contains(example), "\(currency): \(message)")
            }
        }
    }

    func testJSONBodyMoneyRecordsFieldErrors() throws {
        let bytes = Array(#"{"price": "12,50", "compare_at_price": 12.5, "cost": "3.25"}"#.utf8)
        var body = try JSONBody(bytes: bytes)
        XCTAssertNil(body.money("price", currency: .bdt))
        XCTAssertNil(body.money("compare_at_price", currency: .bdt))
        XCTAssertEqual(body.money("cost", currency: .bdt)?.minorUnits, 325)

        XCTAssertEqual(body.errors.map(\.field), ["price", "compare_at_price"])
        XCTAssertEqual(body.errors.map(\.code), ["invalid_amount", "wrong_type"])
        XCTAssertThrowsError(try body.finish())
    }
}
