import CommonKernel
import FoundationEssentials

/// Validates a checkout request against its cart, the tenant's settings and the catalog, and
/// prices it. It reads but never writes, so a rejected checkout changes nothing.
struct CheckoutPlanner: Sendable {
    let store: any OrderStore
    let catalog: any CatalogGateway
    var logger = Logger(label: "order-svc")

    /// The rows a plan is built from.
    struct Inputs: Sendable {
        var cart: Cart
        var settings: OrderSettings
        var discount: Discount?
        /// The request's discount code, normalized, when the shop has no such code. `plan`
        /// reports it with the other field errors.
        var unknownDiscountCode: String?
    }

    /// The starting point of a checkout: the earlier attempt under its key, or the plan's inputs.
    enum Start: Sendable {
        case earlier(CheckoutAttempt)
        case fresh(Inputs)
    }

    /// Looks up the attempt under `key` and, when there is none, reads the plan's inputs, all in
    /// one read-only transaction. Throws, in this order, `cart.not_found`, `cart.checked_out`
    /// and `cart.empty`, but only when no attempt exists.
    func start(
        _ request: CheckoutRequest, key: String, access: CartAccess, tenant: TenantRecord
    ) throws -> Start {
        do {
            return try store.transaction(tenantID: tenant.id) { transaction in
                if let earlier = try transaction.checkoutAttempts.find(key: key, tenantID: tenant.id) {
                    return .earlier(earlier)
                }
                return .fresh(try Self.read(request, access: access, tenant: tenant, in: transaction))
            }
        } catch let error as AppError where error.code == OrderError.cartCheckedOut(request.cartID).code {
            // A request with the same key may have placed the order between this one's key lookup
            // and its cart read. The order marks the cart and completes the key in one commit, so
            // a second lookup finds the key whenever that is what happened.
            let earlier = try store.transaction(tenantID: tenant.id) { transaction in
                try transaction.checkoutAttempts.find(key: key, tenantID: tenant.id)
            }
            guard let earlier else { throw error }
            return .earlier(earlier)
        }
    }

    /// Returns the plan for `inputs` from `start`, or throws the first failing check in this
    /// order: `invalidInput` listing every bad field, then, after asking the catalog,
    /// `cart.variants_unavailable` and `cart.prices_changed`, then the discount's other
    /// eligibility errors and `shipping.too_heavy`.
    ///
    /// The bad fields are the email, the addresses and the shipping method, and the discount
    /// code when it is unknown, inactive, not valid yet or expired. When another field is bad,
    /// the list also names a code that cannot apply for another reason: a fixed amount in
    /// another currency, a minimum subtotal the cart does not reach, or a usage limit already
    /// reached. A discount code that is the only problem is thrown with its own error code.
    func plan(
        _ request: CheckoutRequest, inputs: Inputs, access: CartAccess, tenant: TenantRecord, at time: Date
    ) throws -> CheckoutPlan {
        let cart = inputs.cart
        let needsShipping = cart.lines.contains(where: \.requiresShipping)
        var fieldErrors: [FieldError] = []
        let checkedForm = CheckoutForm.validate(
            request, needsShipping: needsShipping, settings: inputs.settings, errors: &fieldErrors)
        let validityRejection =
            inputs.unknownDiscountCode.map(OrderError.discountNotFound) ?? inputs.discount?.validityRejection(at: time)
        guard let form = checkedForm else {
            var discountRejection = validityRejection
            if discountRejection == nil, let discount = inputs.discount {
                discountRejection = try eligibilityRejection(
                    of: discount, cart: cart, settings: inputs.settings, tenant: tenant, at: time)
            }
            throw AppError.invalid(fieldErrors + (discountRejection?.fieldErrors ?? []))
        }
        if let validityRejection { throw validityRejection }

        let snapshots = try catalog.variants(cart.lines.map(\.variantID), tenant: tenant)
        try CartPriceCheck(cart: cart, snapshots: snapshots).requireUnchanged()

        let lines = try cart.lines.map { line in
            try OrderLine(
                variantID: line.variantID, productID: line.productID, title: line.title,
                variantTitle: line.variantTitle, sku: line.sku, unitPrice: line.unitPrice, quantity: line.quantity,
                weightGrams: line.weightGrams, requiresShipping: line.requiresShipping, taxable: line.taxable)
        }
        let totals = try price(
            lines, currency: cart.currency, discount: inputs.discount, form: form, settings: inputs.settings, at: time)
        let shipping = form.shippingRate.map {
            ShippingSelection(code: $0.code, name: $0.name, charge: totals.shipping)
        }
        var customerID: UUID?
        if case .customer(let id) = access { customerID = id }
        return CheckoutPlan(
            cart: cart, customerID: customerID, email: form.email, lines: lines,
            shippingAddress: form.shippingAddress, billingAddress: form.billingAddress, shipping: shipping,
            discountCode: inputs.discount?.code, totals: totals, paymentHoldSeconds: inputs.settings.paymentHoldSeconds)
    }

    private static func read(
        _ request: CheckoutRequest, access: CartAccess, tenant: TenantRecord, in transaction: OrderTransaction
    ) throws -> Inputs {
        let cart = try CartEditor.load(request.cartID, access: access, tenantID: tenant.id, in: transaction)
        try cart.requireOpen()
        guard !cart.lines.isEmpty else {
            throw AppError(
                .invalidInput, code: "cart.empty", detail: "The cart is empty. Add an item before checking out.")
        }
        var discount: Discount?
        var unknownDiscountCode: String?
        if let code = request.discountCode.map(Discount.normalizedCode), !code.isEmpty {
            discount = try transaction.discounts.find(code: code, tenantID: tenant.id)
            if discount == nil { unknownDiscountCode = code }
        }
        let settings = try transaction.settings.settings(tenantID: tenant.id)
            .withFallbackShipping(currency: cart.currency)
        return Inputs(cart: cart, settings: settings, discount: discount, unknownDiscountCode: unknownDiscountCode)
    }

    /// Returns why `discount` cannot apply to `cart`, or nil, for a checkout whose other fields
    /// are already invalid. The minimum subtotal is compared only with prices the catalog
    /// confirms. When the catalog cannot confirm them, only the usage limit is checked, and the
    /// retry reports the cart's error before the discount's.
    private func eligibilityRejection(
        of discount: Discount, cart: Cart, settings: OrderSettings, tenant: TenantRecord, at time: Date
    ) throws -> AppError? {
        let subtotal: Money
        do {
            if discount.minimumSubtotal != nil {
                let snapshots = try catalog.variants(cart.lines.map(\.variantID), tenant: tenant)
                try CartPriceCheck(cart: cart, snapshots: snapshots).requireUnchanged()
            }
            let priced = cart.lines.map {
                PricedLine(unitPrice: $0.unitPrice, quantity: $0.quantity, taxable: $0.taxable)
            }
            subtotal = try Self.subtotal(of: priced, currency: cart.currency, settings: settings)
        } catch let error as AppError {
            logger.info(
                "skipped the discount minimum check of a checkout with invalid fields: pricing the cart failed",
                ["tenant.id": tenant.id.lowercasedString, "error.code": error.code])
            return discount.hasUsesLeft ? nil : OrderError.discountExhausted(discount.code)
        }
        do {
            try discount.checkEligibility(subtotal: subtotal, at: time)
            return nil
        } catch let rejection as AppError {
            return rejection
        }
    }

    private static func subtotal(of lines: [PricedLine], currency: Currency, settings: OrderSettings) throws -> Money {
        try TotalsCalculator(currency: currency, tax: settings.tax)
            .totals(lines: lines, discount: nil, shippingRate: nil, weightGrams: 0)
            .subtotal
    }

    private func price(
        _ lines: [OrderLine], currency: Currency, discount: Discount?, form: CheckoutForm, settings: OrderSettings,
        at time: Date
    ) throws -> OrderTotals {
        let calculator = TotalsCalculator(currency: currency, tax: settings.tax)
        let priced = lines.map { PricedLine(unitPrice: $0.unitPrice, quantity: $0.quantity, taxable: $0.taxable) }
        if let discount {
            let subtotal = try Self.subtotal(of: priced, currency: currency, settings: settings)
            try discount.checkEligibility(subtotal: subtotal, at: time)
        }
        let weight = lines.filter(\.requiresShipping).reduce(0) { $0 + $1.weightGrams * $1.quantity }
        return try calculator.totals(
            lines: priced, discount: discount?.value, shippingRate: form.shippingRate, weightGrams: weight)
    }
}
