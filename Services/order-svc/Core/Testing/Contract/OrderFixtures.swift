import CommonKernel
import FoundationEssentials

/// Sample rows for contract checks; every value is fixed except the ids.
public enum OrderFixtures {
    /// A fixed instant, 2027-01-15T08:00:00Z, with whole milliseconds so it survives storage.
    public static let epoch = Date(timeIntervalSince1970: 1_800_000_000)

    public static let address = PostalAddress(
        name: "Nusrat Jahan", line1: "House 12, Road 5", line2: "Dhanmondi", city: "Dhaka", district: "Dhaka",
        postcode: "1207", country: "BD", phone: "+8801712345678")

    /// Makes an order of tenant `tenantID` with two lines, a discount, shipping and history.
    public static func order(
        tenantID: UUID, number: Int, status: OrderStatus = .pendingPayment, email: String = "buyer@example.com",
        placedAt: Date = epoch, holdSeconds: TimeInterval = 900, stock: StockState = .reserved
    ) throws -> Order {
        let lines = [
            try OrderLine(
                variantID: UUID(), productID: UUID(), title: "Jamdani Saree", variantTitle: "Red", sku: "JS-RED",
                unitPrice: Money(minorUnits: 450_000, currency: .bdt), quantity: 2, weightGrams: 400,
                requiresShipping: true, taxable: true),
            try OrderLine(
                variantID: UUID(), productID: UUID(), title: "Embroidery Pattern", variantTitle: "", sku: "",
                unitPrice: Money(minorUnits: 30_050, currency: .bdt), quantity: 1, weightGrams: 0,
                requiresShipping: false, taxable: false),
        ]
        let totals = OrderTotals(
            subtotal: Money(minorUnits: 930_050, currency: .bdt), discount: Money(minorUnits: 93_005, currency: .bdt),
            shipping: Money(minorUnits: 6_000, currency: .bdt), tax: Money(minorUnits: 0, currency: .bdt),
            total: Money(minorUnits: 843_045, currency: .bdt), taxIncluded: false)
        let history = [
            OrderHistoryEntry(kind: .placed, actor: .customer, occurredAt: placedAt, toStatus: .pendingPayment),
            OrderHistoryEntry(
                kind: .note, actor: .user(UUID()), occurredAt: placedAt.addingTimeInterval(1), toStatus: status,
                message: "Gift wrap, please"),
        ]
        return Order(
            id: UUID(), tenantID: tenantID, number: number, status: status, email: try EmailAddress(email),
            customerID: UUID(), cartID: UUID(), lines: lines, shippingAddress: address, billingAddress: address,
            shippingMethod: ShippingSelection(
                code: "standard", name: "Standard", charge: Money(minorUnits: 6_000, currency: .bdt)),
            discountCode: "EID10", totals: totals, accessToken: SecretToken.make(), stock: stock,
            holdExpiresAt: placedAt.addingTimeInterval(holdSeconds),
            payments: [
                PaymentRecord(
                    kind: .failure, reference: "pay_0", amount: nil, occurredAt: placedAt.addingTimeInterval(2))
            ],
            history: history, placedAt: placedAt, updatedAt: placedAt, version: 1)
    }

    /// Makes an open cart of tenant `tenantID` with one line, owned by a guest unless `owner` is given.
    public static func cart(tenantID: UUID, owner: Cart.Owner? = nil) -> Cart {
        let snapshot = VariantSnapshot(
            variantID: UUID(), productID: UUID(), title: "Nakshi Kantha", variantTitle: "Blue / Queen", sku: "NK-BQ",
            price: Money(minorUnits: 250_000, currency: .bdt), weightGrams: 800, availableQuantity: 3)
        return Cart(
            tenantID: tenantID, owner: owner ?? .guest(token: SecretToken.make()), currency: .bdt,
            lines: [CartLine(snapshot: snapshot, quantity: 2)], createdAt: epoch, updatedAt: epoch)
    }

    /// Inserts `order` in its own transaction.
    static func insert(_ order: Order, into store: any OrderStore) throws {
        try store.transaction(tenantID: order.tenantID) { transaction in
            try transaction.orders.insert(order, tenantID: order.tenantID)
        }
    }
}
