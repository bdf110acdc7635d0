import CommonKernel
import Foundation
import OrderCore
import XCTest

final class ShippingAndDiscountTests: XCTestCase {
    private let bands = ShippingRate(
        code: "courier", name: "Courier",
        pricing: .weightBands([
            WeightBand(maximumGrams: 2000, price: money("120.00")),
            WeightBand(maximumGrams: 500, price: money("60.00")),
        ]),
        freeAboveSubtotal: money("3000.00"))

    func testWeightBandsPickFirstCoveringBand() throws {
        XCTAssertEqual(try bands.charge(weightGrams: 0, discountedSubtotal: money("100.00")), money("60.00"))
        XCTAssertEqual(try bands.charge(weightGrams: 500, discountedSubtotal: money("100.00")), money("60.00"))
        XCTAssertEqual(try bands.charge(weightGrams: 501, discountedSubtotal: money("100.00")), money("120.00"))
        XCTAssertEqual(try bands.charge(weightGrams: 2000, discountedSubtotal: money("100.00")), money("120.00"))
    }

    func testShopWithoutRatesShipsStandardFree() throws {
        let shop = Shop()
        let placed = try shop.checkout([shop.addVariant(price: "450.00")]).order
        XCTAssertEqual(placed.shippingMethod?.code, "standard")
        XCTAssertEqual(placed.totals.shipping, money("0.00"))
        XCTAssertEqual(placed.totals.total, money("450.00"))

        let (cart, access) = try shop.guestCart([shop.addVariant()])
        var request = shop.request(for: cart)
        request.shippingMethod = "express"
        let error = assertAppError(code: "request.invalid_fields") {
            try shop.placeOrder.execute(request, idempotencyKey: "fallback-express", access: access, tenant: shop.tenant)
        }
        XCTAssertEqual(error?.fieldErrors.map(\.field), ["shipping_method"])
    }

    func testTooHeavyParcelNamesShippingMethod() {
        let error = assertAppError(code: "shipping.too_heavy") {
            try bands.charge(weightGrams: 2001, discountedSubtotal: money("100.00"))
        }
        XCTAssertEqual(error?.fieldErrors.map(\.field), ["shipping_method"])
    }

    func testFreeShippingFromThresholdInclusive() throws {
        XCTAssertEqual(try bands.charge(weightGrams: 9999, discountedSubtotal: money("3000.00")), money("0.00"))
        XCTAssertEqual(try bands.charge(weightGrams: 100, discountedSubtotal: money("2999.99")), money("60.00"))
    }

    func testFreeShippingUsesDiscountedSubtotal() throws {
        let calculator = TotalsCalculator(currency: .bdt, tax: .none)
        let lines = [PricedLine(unitPrice: money("3100.00"), quantity: 1, taxable: true)]
        let full = try calculator.totals(lines: lines, discount: nil, shippingRate: bands, weightGrams: 100)
        XCTAssertEqual(full.shipping, money("0.00"))
        let discounted = try calculator.totals(
            lines: lines, discount: .fixed(money("200.00")), shippingRate: bands, weightGrams: 100)
        XCTAssertEqual(discounted.shipping, money("60.00"))
        XCTAssertEqual(discounted.total, money("2960.00"))
    }

    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    func testDiscountEligibilityRules() {
        let code = Discount(code: " eid10 ", value: .percentage(basisPoints: 1000))
        XCTAssertEqual(code.code, "EID10")
        XCTAssertNoThrow(try code.checkEligibility(subtotal: money("10.00"), at: now))

        var inactive = code
        inactive.isActive = false
        assertAppError(code: "discount.inactive") { try inactive.checkEligibility(subtotal: money("10.00"), at: now) }

        var future = code
        future.startsAt = now.addingTimeInterval(1)
        assertAppError(code: "discount.not_started") { try future.checkEligibility(subtotal: money("10.00"), at: now) }

        var ended = code
        ended.endsAt = now
        assertAppError(code: "discount.expired") { try ended.checkEligibility(subtotal: money("10.00"), at: now) }
        ended.endsAt = now.addingTimeInterval(1)
        XCTAssertNoThrow(try ended.checkEligibility(subtotal: money("10.00"), at: now))

        var minimum = code
        minimum.minimumSubtotal = money("500.00")
        let error = assertAppError(code: "discount.minimum_not_met") {
            try minimum.checkEligibility(subtotal: money("499.99"), at: now)
        }
        XCTAssertEqual(error?.fieldErrors.map(\.field), ["discount_code"])
        XCTAssertEqual(error?.extensions["minimum_subtotal"], money("500.00").jsonValue)
        XCTAssertNoThrow(try minimum.checkEligibility(subtotal: money("500.00"), at: now))

        var used = code
        used.usageLimit = 5
        used.usageCount = 5
        XCTAssertEqual(
            assertAppError(code: "discount.exhausted") { try used.checkEligibility(subtotal: money("10.00"), at: now) }?
                .kind, .conflict)

        let dollars = Discount(code: "USD5", value: .fixed(money("5.00", .usd)))
        assertAppError(code: "discount.currency_mismatch") {
            try dollars.checkEligibility(subtotal: money("10.00"), at: now)
        }
    }

    func testTaxRateRangeIsValidated() {
        XCTAssertNoThrow(try TaxSettings(rateBasisPoints: 10_000, pricesIncludeTax: true).validate())
        let error = assertAppError(code: "request.invalid_fields") {
            try TaxSettings(rateBasisPoints: 10_001, pricesIncludeTax: false).validate()
        }
        XCTAssertEqual(error?.fieldErrors.map(\.field), ["tax.rate_basis_points"])
        assertAppError(code: "request.invalid_fields") {
            try TaxSettings(rateBasisPoints: -1, pricesIncludeTax: false).validate()
        }
    }
}
