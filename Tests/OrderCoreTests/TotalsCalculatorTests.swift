import CommonKernel
import OrderCore
import XCTest

final class TotalsCalculatorTests: XCTestCase {
    private func line(
        _ price: String, _ quantity: Int, _ currency: Currency = .bdt, taxable: Bool = true
    ) -> PricedLine {
        PricedLine(unitPrice: money(price, currency), quantity: quantity, taxable: taxable)
    }

    private func flat(_ price: String, _ currency: Currency = .bdt, freeAbove: String? = nil) -> ShippingRate {
        ShippingRate(
            code: "standard", name: "Standard", pricing: .flat(money(price, currency)),
            freeAboveSubtotal: freeAbove.map { money($0, currency) })
    }

    func testExclusiveTaxWithPercentageDiscount() throws {
        let calculator = TotalsCalculator(
            currency: .bdt, tax: TaxSettings(rateBasisPoints: 1500, pricesIncludeTax: false))
        let totals = try calculator.totals(
            lines: [line("450.00", 2), line("300.00", 1)], discount: .percentage(basisPoints: 1000),
            shippingRate: flat("60.00"), weightGrams: 900)
        XCTAssertEqual(totals.subtotal, money("1200.00"))
        XCTAssertEqual(totals.discount, money("120.00"))
        XCTAssertEqual(totals.shipping, money("60.00"))
        XCTAssertEqual(totals.tax, money("162.00"))
        XCTAssertEqual(totals.total, money("1302.00"))
        XCTAssertFalse(totals.taxIncluded)
    }

    func testTaxOnShippingWhenConfigured() throws {
        let tax = TaxSettings(rateBasisPoints: 1500, pricesIncludeTax: false, taxesShipping: true)
        let totals = try TotalsCalculator(currency: .bdt, tax: tax).totals(
            lines: [line("100.00", 1)], discount: nil, shippingRate: flat("60.00"), weightGrams: 100)
        XCTAssertEqual(totals.tax, money("24.00"))
        XCTAssertEqual(totals.total, money("184.00"))
    }

    func testPercentageDiscountRoundsHalfEvenOncePerOrder() throws {
        let calculator = TotalsCalculator(currency: .bdt, tax: .none)
        // Three lines of 0.05 at 10%: per line 0.005 would round to 0.00 each, per order 0.015 rounds to 0.02.
        let perOrder = try calculator.totals(
            lines: [line("0.05", 1), line("0.05", 1), line("0.05", 1)], discount: .percentage(basisPoints: 1000),
            shippingRate: nil, weightGrams: 0)
        XCTAssertEqual(perOrder.discount, money("0.02"))
        XCTAssertEqual(perOrder.total, money("0.13"))

        // Ties go to the even minor unit: 2.5 poisha becomes 2, 3.5 becomes 4.
        let lowerTie = try calculator.totals(
            lines: [line("0.25", 1)], discount: .percentage(basisPoints: 1000), shippingRate: nil, weightGrams: 0)
        XCTAssertEqual(lowerTie.discount.minorUnits, 2)
        let upperTie = try calculator.totals(
            lines: [line("0.35", 1)], discount: .percentage(basisPoints: 1000), shippingRate: nil, weightGrams: 0)
        XCTAssertEqual(upperTie.discount.minorUnits, 4)
    }

    func testYenHasNoDecimals() throws {
        let calculator = TotalsCalculator(
            currency: .jpy, tax: TaxSettings(rateBasisPoints: 1000, pricesIncludeTax: false))
        let totals = try calculator.totals(
            lines: [line("1999", 3, .jpy)], discount: .percentage(basisPoints: 1500), shippingRate: nil, weightGrams: 0)
        XCTAssertEqual(totals.subtotal, money("5997", .jpy))
        XCTAssertEqual(totals.discount, money("900", .jpy))  // 899.55 yen
        XCTAssertEqual(totals.tax, money("510", .jpy))  // 509.7 yen
        XCTAssertEqual(totals.total, money("5607", .jpy))
        XCTAssertEqual(totals.total.formatted, "5607")
    }

    func testKuwaitiDinarHasThreeDecimals() throws {
        let calculator = TotalsCalculator(
            currency: .kwd, tax: TaxSettings(rateBasisPoints: 500, pricesIncludeTax: true))
        let totals = try calculator.totals(
            lines: [line("18.600", 1, .kwd)], discount: nil, shippingRate: flat("1.250", .kwd), weightGrams: 500)
        XCTAssertEqual(totals.tax, money("0.886", .kwd))  // 18.600 × 5 / 105 = 0.885714…
        XCTAssertEqual(totals.total, money("19.850", .kwd))
        XCTAssertEqual(totals.total.formatted, "19.850")
        XCTAssertTrue(totals.taxIncluded)
    }

    func testDiscountLargerThanSubtotalClampsToZero() throws {
        let calculator = TotalsCalculator(
            currency: .bdt, tax: TaxSettings(rateBasisPoints: 1500, pricesIncludeTax: false))
        let totals = try calculator.totals(
            lines: [line("300.00", 1)], discount: .fixed(money("500.00")), shippingRate: flat("60.00"),
            weightGrams: 100)
        XCTAssertEqual(totals.discount, money("300.00"))
        XCTAssertEqual(totals.tax, money("0.00"))
        XCTAssertEqual(totals.total, money("60.00"))
    }

    func testFullPercentageDiscount() throws {
        let calculator = TotalsCalculator(
            currency: .bdt, tax: TaxSettings(rateBasisPoints: 750, pricesIncludeTax: true))
        let totals = try calculator.totals(
            lines: [line("999.99", 7)], discount: .percentage(basisPoints: 10_000), shippingRate: nil, weightGrams: 0)
        XCTAssertEqual(totals.discount, totals.subtotal)
        XCTAssertEqual(totals.tax, money("0.00"))
        XCTAssertEqual(totals.total, money("0.00"))
    }

    func testZeroRateTax() throws {
        let calculator = TotalsCalculator(currency: .bdt, tax: TaxSettings(rateBasisPoints: 0, pricesIncludeTax: false))
        let totals = try calculator.totals(
            lines: [line("123.45", 3)], discount: nil, shippingRate: flat("50.00"), weightGrams: 10)
        XCTAssertEqual(totals.tax, money("0.00"))
        XCTAssertEqual(totals.total, money("420.35"))
    }

    func testDiscountSharedBetweenTaxableAndUntaxedLines() throws {
        let calculator = TotalsCalculator(
            currency: .bdt, tax: TaxSettings(rateBasisPoints: 1000, pricesIncludeTax: false))
        // 100 taxable + 300 untaxed, 100 off: the taxable line carries a quarter of it.
        let totals = try calculator.totals(
            lines: [line("100.00", 1), line("300.00", 1, taxable: false)], discount: .fixed(money("100.00")),
            shippingRate: nil, weightGrams: 0)
        XCTAssertEqual(totals.tax, money("7.50"))
        XCTAssertEqual(totals.total, money("307.50"))
    }

    func testInclusiveTaxExtraction() throws {
        let cases: [(gross: String, rate: Int, tax: String)] = [
            ("115.00", 1500, "15.00"), ("100.00", 1500, "13.04"), ("0.05", 10_000, "0.02"), ("0.07", 10_000, "0.04"),
            ("1.00", 500, "0.05"), ("0.01", 1500, "0.00"), ("1000000.00", 1, "99.99"),
        ]
        for (gross, rate, tax) in cases {
            let calculator = TotalsCalculator(
                currency: .bdt, tax: TaxSettings(rateBasisPoints: rate, pricesIncludeTax: true))
            let totals = try calculator.totals(
                lines: [line(gross, 1)], discount: nil, shippingRate: nil, weightGrams: 0)
            XCTAssertEqual(totals.tax, money(tax), "\(gross) at \(rate) bp")
            XCTAssertEqual(totals.total, money(gross), "\(gross) at \(rate) bp")
        }
    }

    func testTaxMatchesReferenceRoundingExhaustively() throws {
        // Double division is exact enough at these sizes to serve as an independent reference
        // for round-half-even: a true quotient that is not a tie lies at least 1/(2d) from one.
        for rate in [1, 250, 500, 750, 1500, 2500, 10_000] {
            for inclusive in [false, true] {
                let calculator = TotalsCalculator(
                    currency: .bdt, tax: TaxSettings(rateBasisPoints: rate, pricesIncludeTax: inclusive))
                let denominator = Double(inclusive ? 10_000 + rate : 10_000)
                for minorUnits in Int64(0)...3_000 {
                    let price = Money(minorUnits: minorUnits, currency: .bdt)
                    let totals = try calculator.totals(
                        lines: [PricedLine(unitPrice: price, quantity: 1, taxable: true)], discount: nil,
                        shippingRate: nil, weightGrams: 0)
                    let expected = (Double(minorUnits) * Double(rate) / denominator).rounded(.toNearestOrEven)
                    if totals.tax.minorUnits != Int64(expected) {
                        XCTFail("\(minorUnits) at \(rate) bp, inclusive \(inclusive): got \(totals.tax.minorUnits)")
                        return
                    }
                }
            }
        }
    }

    func testPercentageDiscountMatchesReferenceExhaustively() throws {
        let calculator = TotalsCalculator(currency: .jpy, tax: .none)
        for basisPoints in [1, 333, 1250, 5000, 9999] {
            for minorUnits in Int64(1)...2_000 {
                let totals = try calculator.totals(
                    lines: [
                        PricedLine(unitPrice: Money(minorUnits: minorUnits, currency: .jpy), quantity: 1, taxable: true)
                    ],
                    discount: .percentage(basisPoints: basisPoints), shippingRate: nil, weightGrams: 0)
                let expected = (Double(minorUnits) * Double(basisPoints) / 10_000).rounded(.toNearestOrEven)
                if totals.discount.minorUnits != Int64(expected) {
                    XCTFail("\(minorUnits) yen at \(basisPoints) bp: got \(totals.discount.minorUnits)")
                    return
                }
                XCTAssertEqual(totals.total.minorUnits, minorUnits - totals.discount.minorUnits)
            }
        }
    }

    func testHugeAmountsDoNotTrap() throws {
        let calculator = TotalsCalculator(
            currency: .kwd, tax: TaxSettings(rateBasisPoints: 10_000, pricesIncludeTax: true))
        // 999,999,999,999.999 KWD times 9 still fits in 64 bits; the 128-bit share must not trap.
        let big = Money(minorUnits: 999_999_999_999_999, currency: .kwd)
        let totals = try calculator.totals(
            lines: [PricedLine(unitPrice: big, quantity: 9, taxable: true)], discount: .percentage(basisPoints: 3333),
            shippingRate: nil, weightGrams: 0)
        XCTAssertEqual(totals.subtotal.minorUnits, 8_999_999_999_999_991)
        XCTAssertEqual(totals.discount.minorUnits, 2_999_699_999_999_997)
        assertAppError(code: "money.overflow") {
            try calculator.totals(
                lines: [PricedLine(unitPrice: big, quantity: 10_000, taxable: true)], discount: nil, shippingRate: nil,
                weightGrams: 0)
        }
    }

    func testCurrencyMismatchIsRejected() {
        let calculator = TotalsCalculator(currency: .bdt, tax: .none)
        assertAppError(code: "money.currency_mismatch") {
            try calculator.totals(lines: [line("10.00", 1, .usd)], discount: nil, shippingRate: nil, weightGrams: 0)
        }
        assertAppError(code: "money.currency_mismatch") {
            try calculator.totals(
                lines: [line("10.00", 1)], discount: .fixed(money("1.00", .usd)), shippingRate: nil, weightGrams: 0)
        }
        assertAppError(code: "money.currency_mismatch") {
            try calculator.totals(
                lines: [line("10.00", 1)], discount: nil, shippingRate: flat("1.00", .usd), weightGrams: 0)
        }
    }
}
