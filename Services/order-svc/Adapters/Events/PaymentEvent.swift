import CommonKernel
import FoundationEssentials
import OrderCore

/// A payment-svc event as order-svc reads it.
///
/// The `data` of the envelope carries:
/// - `payment.succeeded`: `order_id`, `payment_id`, `amount` as `{amount, currency}`;
/// - `payment.failed`: `order_id`, `payment_id` and an optional `reason`;
/// - `payment.refunded`: `order_id`, `refund_id`, `amount` as `{amount, currency}`.
/// `amount` may also be a decimal string with the code in a sibling `currency`.
enum PaymentEvent: Equatable {
    case succeeded(orderID: UUID, paymentID: String, amount: Money)
    case failed(orderID: UUID, paymentID: String, reason: String)
    case refunded(orderID: UUID, refundID: String, amount: Money)

    static let types: Set<String> = ["payment.succeeded", "payment.failed", "payment.refunded"]

    /// Reads the event; throws `AppError(.invalidInput)` naming each missing or malformed field.
    init(_ envelope: EventEnvelope) throws {
        guard case .object(let members) = envelope.data else {
            throw AppError.invalidField("data", "must be an object", code: "wrong_type")
        }
        var body = JSONBody(members: members, prefix: "data")
        let orderID = body.uuid("order_id", required: true)
        switch envelope.type {
        case "payment.succeeded":
            let paymentID = body.nonEmptyString("payment_id", required: true, maxLength: 200)
            let amount = Self.amount(&body)
            try Self.check(body)
            self = .succeeded(orderID: orderID!, paymentID: paymentID!, amount: amount!)
        case "payment.failed":
            let paymentID = body.nonEmptyString("payment_id", required: true, maxLength: 200)
            let reason = body.string("reason", maxLength: 10_000) ?? "no reason given"
            try Self.check(body)
            self = .failed(orderID: orderID!, paymentID: paymentID!, reason: reason)
        case "payment.refunded":
            let refundID = body.nonEmptyString("refund_id", required: true, maxLength: 200)
            let amount = Self.amount(&body)
            try Self.check(body)
            self = .refunded(orderID: orderID!, refundID: refundID!, amount: amount!)
        default:
            throw AppError.invalidField("type", "\(envelope.type) is not a payment event", code: "invalid")
        }
    }

    var orderID: UUID {
        switch self {
        case .succeeded(let id, _, _), .failed(let id, _, _), .refunded(let id, _, _): id
        }
    }

    /// Reads `amount` in either accepted form, recording a field error when it is neither.
    private static func amount(_ body: inout JSONBody) -> Money? {
        let value = body.value("amount", required: true)
        var amountText: String?
        var currencyText: String?
        switch value {
        case .object(let members)?:
            if case .string(let text)? = members["amount"] { amountText = text }
            if case .string(let code)? = members["currency"] { currencyText = code }
        case .string(let text)?:
            amountText = text
            currencyText = body.string("currency", required: true, maxLength: 3)
        default:
            break
        }
        guard let amountText, let currencyText, let currency = try? Currency(code: currencyText),
            let money = try? Money.parse(amountText, currency: currency, field: "amount")
        else {
            if value != nil {
                body.fail("amount", "must be {amount, currency} with a decimal string amount", code: "invalid")
            }
            return nil
        }
        return money
    }

    /// Throws the collected field errors. Unknown fields are allowed, so that payment-svc can
    /// add fields without breaking this consumer.
    private static func check(_ body: JSONBody) throws {
        if !body.errors.isEmpty { throw AppError.invalid(body.errors) }
    }
}
