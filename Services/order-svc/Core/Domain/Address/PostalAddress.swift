import CommonKernel
import FoundationEssentials

/// A shipping or billing address as an order keeps it.
///
/// Build one from customer input with `PostalAddress.validate`, which trims every field,
/// upper-cases the country, writes Bangladeshi districts and phone numbers in one canonical form,
/// and rejects what a courier could not deliver to.
public struct PostalAddress: Sendable, Equatable, Codable {
    public var name: String
    public var line1: String
    public var line2: String?
    public var city: String
    /// The district (zila); required for Bangladesh and stored by its official name.
    public var district: String?
    /// Nil only for countries in `CountryCode.withoutPostcodes`.
    public var postcode: String?
    /// The ISO 3166-1 alpha-2 code, upper case.
    public var country: String
    public var phone: String

    public init(
        name: String, line1: String, line2: String? = nil, city: String, district: String? = nil,
        postcode: String?, country: String, phone: String
    ) {
        self.name = name
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.district = district
        self.postcode = postcode
        self.country = country
        self.phone = phone
    }

    /// The maximum length of a name, city, district or postcode, in characters.
    public static let maximumShortFieldLength = 100
    /// The maximum length of a street line, in characters.
    public static let maximumLineLength = 200
}
