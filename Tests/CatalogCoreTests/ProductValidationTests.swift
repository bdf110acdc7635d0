import CatalogCore
import CommonKernel
import XCTest

final class ProductValidationTests: XCTestCase {
    private let tenantID = UUID()

    private func build(_ draft: ProductDraft) -> Product {
        draft.makeProduct(tenantID: tenantID, currency: .bdt, existing: nil, now: CatalogFixtures.epoch)
    }

    private func sizedDraft(_ variants: [VariantDraft]) -> ProductDraft {
        ProductDraft(
            title: "Nakshi Kantha", options: [ProductOption(name: "Size", values: ["S", "M"])], variants: variants)
    }

    func testHandleDerivedLikeShopify() {
        let cases: [(String, String)] = [
            ("Taylor Swift Women's Tri-Blend Dolman", "taylor-swift-women-s-tri-blend-dolman"),
            ("  Clay Pot -- Large!! ", "clay-pot-large"),
            ("নকশী কাঁথা Quilt", "নকশী-কাঁথা-quilt"),
            ("100% Cotton", "100-cotton"),
            ("!!!", ""),
        ]
        for (title, handle) in cases {
            XCTAssertEqual(Handle.derive(from: title), handle, title)
        }
    }

    func testHandleProblems() {
        XCTAssertNil(Handle.problem(with: "jamdani-saree_2"))
        XCTAssertNil(Handle.problem(with: "নকশী-কাঁথা"))
        for bad in ["", "-lead", "trail-", "Upper", "has space", "a/b", String(repeating: "a", count: 256)] {
            XCTAssertNotNil(Handle.problem(with: bad), bad)
        }
    }

    func testValidDraftHasNoErrors() {
        let product = build(
            sizedDraft([
                VariantDraft(sku: "NK-S", optionValues: ["S"], price: taka("2500.00")),
                VariantDraft(sku: "NK-M", optionValues: ["M"], price: taka("2800"), compareAtPrice: taka("3200")),
            ]))
        let report = ProductValidator(currency: .bdt).validate(product)
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.warnings, [])
        XCTAssertEqual(product.handle, "nakshi-kantha")
        XCTAssertEqual(product.variants.map(\.position), [1, 2])
    }

    func testDraftWithoutOptionsGetsDefaultTitleVariant() {
        let product = build(ProductDraft(title: "Clay Pot"))
        XCTAssertEqual(product.options, [.defaultTitle])
        XCTAssertEqual(product.variants.count, 1)
        XCTAssertEqual(product.variants.first?.option1, "Default Title")
        XCTAssertEqual(product.variants.first?.price, .zero(.bdt))
        XCTAssertTrue(ProductValidator(currency: .bdt).validate(product).isValid)
    }

    func testEachRuleNamesItsField() {
        var draft = sizedDraft([
            VariantDraft(sku: "A", optionValues: ["S"], price: Money(minorUnits: -1, currency: .bdt)),
            VariantDraft(sku: "A", optionValues: ["XL"], price: taka("10")),
            VariantDraft(optionValues: ["S"], price: taka("10"), compareAtPrice: taka("5")),
            VariantDraft(optionValues: ["M"], price: Money(minorUnits: 100, currency: .usd)),
        ])
        draft.title = "   "
        draft.handle = "Bad Handle"
        draft.images = [ImageDraft(src: "ftp://example.com/a.jpg")]
        let report = ProductValidator(currency: .bdt).validate(build(draft))

        let expectedErrors: [(String, String)] = [
            ("title", "empty"),
            ("handle", "invalid_handle"),
            ("variants[0].price", "negative"),
            ("variants[1].option1", "unknown_option_value"),
            ("variants[2]", "duplicate_variant"),
            ("variants[3].price", "wrong_currency"),
            ("images[0].src", "invalid_url"),
        ]
        for (field, code) in expectedErrors {
            XCTAssertEqual(report.errors.first { $0.field == field }?.code, code, "\(field): \(report.errors)")
        }
        XCTAssertEqual(report.errors.count, expectedErrors.count, "\(report.errors)")
        XCTAssertEqual(
            report.warnings.first { $0.field == "variants[1].sku" }?.code, "duplicate_sku", "\(report.warnings)")
        XCTAssertTrue(report.warnings.contains { $0.field == "variants[2].compare_at_price" }, "\(report.warnings)")
    }

    func testTooManyOptionsRejected() {
        let options = ["Size", "Colour", "Fabric", "Border"].map { ProductOption(name: $0, values: ["x"]) }
        let draft = ProductDraft(
            title: "Saree", options: options,
            variants: [VariantDraft(optionValues: ["x", "x", "x", "x"], price: taka("1"))])
        let report = ProductValidator(currency: .bdt).validate(build(draft))
        XCTAssertEqual(report.errors.first { $0.field == "options" }?.code, "too_many", "\(report.errors)")
    }

    func testDraftRoundTripsThroughProduct() {
        let product = build(
            ProductDraft(
                title: "Jamdani", tags: ["silk", " silk ", ""],
                options: [ProductOption(name: "Colour", values: ["Red", "Blue"])],
                variants: [
                    VariantDraft(optionValues: ["Red"], price: taka("10"), imageSrc: "/static/demo/red.jpg"),
                    VariantDraft(optionValues: ["Blue"], price: taka("12")),
                ],
                images: [ImageDraft(src: "/static/demo/main.jpg", alt: "Main")]))
        XCTAssertEqual(product.tags, ["silk"])
        XCTAssertEqual(product.images.map(\.src), ["/static/demo/main.jpg", "/static/demo/red.jpg"])
        XCTAssertEqual(product.images[1].variantIDs, [product.variants[0].id])

        let rebuilt = ProductDraft(product).makeProduct(
            tenantID: tenantID, currency: .bdt, existing: product, now: product.updatedAt)
        XCTAssertEqual(rebuilt, product)
    }
}
