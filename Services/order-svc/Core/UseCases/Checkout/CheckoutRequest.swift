import CommonKernel
import FoundationEssentials

/// A customer's request to turn a cart into an order, before validation.
public struct CheckoutRequest: Sendable, Equatable {
    public var cartID: UUID
    public var email: String
    /// Required when a line requires shipping; ignored otherwise.
    public var shippingAddress: PostalAddress?
    /// The shipping address is used when this is nil.
    public var billingAddress: PostalAddress?
    /// The `code` of one of the tenant's shipping rates; required when a line requires shipping.
    public var shippingMethod: String?
    public var discountCode: String?

    public init(
        cartID: UUID, email: String, shippingAddress: PostalAddress?, billingAddress: PostalAddress? = nil,
        shippingMethod: String?, discountCode: String? = nil
    ) {
        self.cartID = cartID
        self.email = email
        self.shippingAddress = shippingAddress
        self.billingAddress = billingAddress
        self.shippingMethod = shippingMethod
        self.discountCode = discountCode
    }

    /// The SHA-256 hex digest of the request's canonical JSON: keys sorted, no white space,
    /// absent members left out. Two requests with the same values have the same fingerprint,
    /// whatever the order or spacing of their original bodies.
    public var fingerprint: String {
        SHA256.hexDigest(canonicalJSON.serialized())
    }

    var canonicalJSON: JSONValue {
        var members: [String: JSONValue] = [
            "cart_id": .string(cartID.lowercasedString), "email": .string(email),
        ]
        members["shipping_address"] = shippingAddress.map(Self.canonical)
        members["billing_address"] = billingAddress.map(Self.canonical)
        members["shipping_method"] = shippingMethod.map { .string($0) }
        members["discount_code"] = discountCode.map { .string($0) }
        return .object(members)
    }

    private static func canonical(_ address: PostalAddress) -> JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(address.name), "line1": .string(address.line1), "city": .string(address.city),
            "country": .string(address.country), "phone": .string(address.phone),
        ]
        members["line2"] = address.line2.map { .string($0) }
        members["district"] = address.district.map { .string($0) }
        members["postcode"] = address.postcode.map { .string($0) }
        return .object(members)
    }
}
