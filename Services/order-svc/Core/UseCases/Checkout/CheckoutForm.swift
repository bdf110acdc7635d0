import CommonKernel
import FoundationEssentials

/// The customer-entered parts of a checkout after validation.
struct CheckoutForm: Sendable {
    var email: EmailAddress
    var shippingAddress: PostalAddress?
    var billingAddress: PostalAddress
    var shippingRate: ShippingRate?

    /// Validates every field, appends each problem to `errors` and returns the form, or nil when
    /// any field is invalid. It checks the email, the shipping address (required when
    /// `needsShipping`), the billing address (the shipping address when absent) and the
    /// shipping method (one of the tenant's rates). The discount code is checked by the caller.
    static func validate(
        _ request: CheckoutRequest, needsShipping: Bool, settings: OrderSettings, errors: inout [FieldError]
    ) -> CheckoutForm? {
        let errorCountBefore = errors.count
        let email = EmailAddress.validate(request.email, field: "email", errors: &errors)

        var shippingAddress: PostalAddress?
        var shippingRate: ShippingRate?
        if needsShipping {
            if let address = request.shippingAddress {
                shippingAddress = PostalAddress.validate(address, field: "shipping_address", errors: &errors)
            } else {
                errors.append(FieldError(field: "shipping_address", message: "is required", code: "missing"))
            }
            shippingRate = rate(request.shippingMethod, settings: settings, errors: &errors)
        }

        var billingAddress: PostalAddress?
        if let billing = request.billingAddress {
            billingAddress = PostalAddress.validate(billing, field: "billing_address", errors: &errors)
        } else if let shippingAddress {
            billingAddress = shippingAddress
        } else if !needsShipping {
            errors.append(FieldError(field: "billing_address", message: "is required", code: "missing"))
        }

        guard errors.count == errorCountBefore, let email, let billingAddress else { return nil }
        return CheckoutForm(
            email: email, shippingAddress: shippingAddress, billingAddress: billingAddress, shippingRate: shippingRate)
    }

    private static func rate(_ code: String?, settings: OrderSettings, errors: inout [FieldError]) -> ShippingRate? {
        let offered = settings.shippingRates.map(\.code).joined(separator: ", ")
        guard let code = code?.trimmingWhitespace(), !code.isEmpty else {
            errors.append(
                FieldError(field: "shipping_method", message: "is required; choose one of: \(offered)", code: "missing")
            )
            return nil
        }
        guard let rate = settings.shippingRate(code: code) else {
            let choice = offered.isEmpty ? "this shop has no shipping methods set up" : "choose one of: \(offered)"
            errors.append(
                FieldError(field: "shipping_method", message: "'\(code)' is not offered; \(choice)", code: "unknown"))
            return nil
        }
        return rate
    }
}
