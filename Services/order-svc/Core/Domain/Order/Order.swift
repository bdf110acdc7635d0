import CommonKernel
import FoundationEssentials

/// A placed order: what was bought, at which totals, where it goes and what happened since.
///
/// Every change goes through the mutating methods in `Order+Changes.swift`, which check the
/// transition table of `OrderStatus` and append an `OrderHistoryEntry`. Repositories store
/// the whole value and compare `version` to detect concurrent writers.
public struct Order: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var tenantID: UUID
    /// The per-tenant number customers see, from 1001 upwards without gaps.
    public var number: Int
    public var status: OrderStatus
    public var email: EmailAddress
    /// The signed-in customer who placed the order; nil for guest checkouts.
    public var customerID: UUID?
    public var cartID: UUID
    public var lines: [OrderLine]
    /// Nil only when no line requires shipping.
    public var shippingAddress: PostalAddress?
    public var billingAddress: PostalAddress
    public var shippingMethod: ShippingSelection?
    public var discountCode: String?
    public var totals: OrderTotals
    /// The bearer secret of the order's status link; see `FindCustomerOrder`. It is stored as
    /// issued because an idempotent replay of the checkout must return it again, and it guards
    /// only this order's own row.
    public var accessToken: String
    public var stock: StockState
    /// The moment an unpaid order is cancelled and its stock released.
    public var holdExpiresAt: Date
    public var payments: [PaymentRecord]
    public var fulfillment: Fulfillment?
    public var history: [OrderHistoryEntry]
    public var placedAt: Date
    public var updatedAt: Date
    /// Increases by one with every stored change.
    public var version: Int

    /// Makes an order from stored or freshly computed parts; it checks nothing.
    public init(
        id: UUID, tenantID: UUID, number: Int, status: OrderStatus, email: EmailAddress, customerID: UUID?,
        cartID: UUID, lines: [OrderLine], shippingAddress: PostalAddress?, billingAddress: PostalAddress,
        shippingMethod: ShippingSelection?, discountCode: String?, totals: OrderTotals, accessToken: String,
        stock: StockState, holdExpiresAt: Date, payments: [PaymentRecord] = [], fulfillment: Fulfillment? = nil,
        history: [OrderHistoryEntry], placedAt: Date, updatedAt: Date, version: Int
    ) {
        self.id = id
        self.tenantID = tenantID
        self.number = number
        self.status = status
        self.email = email
        self.customerID = customerID
        self.cartID = cartID
        self.lines = lines
        self.shippingAddress = shippingAddress
        self.billingAddress = billingAddress
        self.shippingMethod = shippingMethod
        self.discountCode = discountCode
        self.totals = totals
        self.accessToken = accessToken
        self.stock = stock
        self.holdExpiresAt = holdExpiresAt
        self.payments = payments
        self.fulfillment = fulfillment
        self.history = history
        self.placedAt = placedAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// Every number an order can have. Numbers are stored as 32-bit signed integers, so a larger
    /// number names no order.
    public static let numberRange = 1...Int(Int32.max)

    public var currency: Currency { totals.currency }

    /// The sum of the successful payments.
    public var paidAmount: Money {
        sum(of: .payment)
    }

    /// The sum of the recorded refunds.
    public var refundedAmount: Money {
        sum(of: .refund)
    }

    private func sum(of kind: PaymentRecord.Kind) -> Money {
        let units = payments.filter { $0.kind == kind }.reduce(Int64(0)) { $0 + ($1.amount?.minorUnits ?? 0) }
        return Money(minorUnits: units, currency: currency)
    }

    /// The order number as customers see it, such as `#1001`.
    public var displayNumber: String { "#\(number)" }
}

/// The stage of the catalog stock reserved for an order.
public enum StockState: String, Sendable, Codable {
    /// Held for the order and still returnable.
    case reserved
    /// Sold for good, because the order was paid.
    case committed
    /// Given back, because the order was cancelled before payment.
    case released
}

/// The shipping method chosen at checkout and what it cost then.
public struct ShippingSelection: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var charge: Money

    public init(code: String, name: String, charge: Money) {
        self.code = code
        self.name = name
        self.charge = charge
    }
}

/// The hand-over of an order to a carrier.
public struct Fulfillment: Sendable, Equatable, Codable {
    public var trackingNumber: String
    public var carrier: String
    public var fulfilledAt: Date

    public init(trackingNumber: String, carrier: String, fulfilledAt: Date) {
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.fulfilledAt = fulfilledAt
    }
}

/// A payment-side event recorded once per provider id, which makes redelivered events harmless.
public struct PaymentRecord: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case payment
        case failure
        case refund
    }

    public var kind: Kind
    /// The payment or refund id of payment-svc.
    public var reference: String
    /// The amount moved; nil for failures.
    public var amount: Money?
    public var occurredAt: Date

    public init(kind: Kind, reference: String, amount: Money?, occurredAt: Date) {
        self.kind = kind
        self.reference = reference
        self.amount = amount
        self.occurredAt = occurredAt
    }
}
