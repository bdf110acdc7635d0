import CommonKernel
import FoundationEssentials

extension CheckoutRequest {
    /// Parses the body of `POST /api/v1/checkout`: `cart_id`, `email`, `shipping_address`,
    /// `billing_address`, `shipping_method` and `discount_code`.
    ///
    /// Checks only JSON types and unknown fields, and throws one `invalidInput` error that lists
    /// them all. `PlaceOrder` validates the content of each field, so every rule lives in one place.
    public init(json bytes: [UInt8]) throws {
        var body = try JSONBody(bytes: bytes)
        let cartID = body.uuid("cart_id", required: true)
        let email = body.string("email", required: true, maxLength: 1_000)
        let shipping = Self.address("shipping_address", in: &body)
        let billing = Self.address("billing_address", in: &body)
        let method = body.string("shipping_method", maxLength: 100)
        let discountCode = body.string("discount_code", maxLength: 100)
        try body.finish()

        self.init(
            cartID: cartID!, email: email!, shippingAddress: shipping, billingAddress: billing, shippingMethod: method,
            discountCode: discountCode)
    }

    /// Reads an address object whose members are all strings; absent members become empty,
    /// so that `PostalAddress.validate` reports them by name.
    private static func address(_ key: String, in body: inout JSONBody) -> PostalAddress? {
        guard var nested = body.object(key) else { return nil }
        let text = { (member: String, nested: inout JSONBody) in nested.string(member, maxLength: 1_000) }
        let address = PostalAddress(
            name: text("name", &nested) ?? "", line1: text("line1", &nested) ?? "", line2: text("line2", &nested),
            city: text("city", &nested) ?? "", district: text("district", &nested),
            postcode: text("postcode", &nested), country: text("country", &nested) ?? "",
            phone: text("phone", &nested) ?? "")
        body.merge(nested)
        return address
    }
}

/// The body of `POST /api/v1/carts/{id}/lines` and of a quantity change.
public struct CartLineRequest: Sendable, Equatable {
    public var variantID: UUID
    public var quantity: Int

    /// Parses `{"variant_id": "...", "quantity": 2}`; throws one `invalidInput` error naming
    /// every bad field, including a quantity outside 1...999.
    public init(json bytes: [UInt8]) throws {
        var body = try JSONBody(bytes: bytes)
        let variantID = body.uuid("variant_id", required: true)
        let quantity = body.int("quantity", required: true, range: CartLine.quantityRange)
        try body.finish()
        self.variantID = variantID!
        self.quantity = quantity!
    }
}
