import CommonKernel
import FoundationEssentials

/// A validated, priced checkout: everything needed to store the order except its id and number.
struct CheckoutPlan: Sendable {
    /// The cart as read; the order is stored only if its revision is still current.
    var cart: Cart
    var customerID: UUID?
    var email: EmailAddress
    var lines: [OrderLine]
    var shippingAddress: PostalAddress?
    var billingAddress: PostalAddress
    var shipping: ShippingSelection?
    var discountCode: String?
    var totals: OrderTotals
    var paymentHoldSeconds: Int

    /// The lines in the form a stock reservation takes.
    var stockLines: [StockLine] {
        lines.map { StockLine(variantID: $0.variantID, quantity: $0.quantity) }
    }

    /// Makes the order in `pending_payment` with its first history entry.
    func makeOrder(id: UUID, number: Int, tenantID: UUID, accessToken: String, at time: Date) -> Order {
        let placed = OrderHistoryEntry(
            kind: .placed, actor: .customer, occurredAt: time, toStatus: .pendingPayment,
            message: discountCode.map { "discount code \($0)" })
        return Order(
            id: id, tenantID: tenantID, number: number, status: .pendingPayment, email: email,
            customerID: customerID, cartID: cart.id, lines: lines, shippingAddress: shippingAddress,
            billingAddress: billingAddress, shippingMethod: shipping, discountCode: discountCode, totals: totals,
            accessToken: accessToken, stock: .reserved,
            holdExpiresAt: time.addingTimeInterval(TimeInterval(paymentHoldSeconds)), history: [placed],
            placedAt: time, updatedAt: time, version: 1)
    }
}
