import CommonKernel
import FoundationEssentials

extension PostalAddress {
    /// Returns the address in canonical form, or nil after appending one field error per
    /// problem to `errors`, each named `field.<member>` (such as `shipping_address.postcode`).
    ///
    /// Name, line1 and city are required, and the country must be an assigned ISO 3166-1
    /// alpha-2 code. For Bangladesh (`BD`) the district must be one of the 64 districts, the
    /// postcode must be 4 digits, and the phone a mobile number `01[3-9]` plus 8 digits,
    /// optionally with `+880`. Elsewhere the postcode is required unless the country goes
    /// without postcodes, and the phone must have 7 to 15 digits with an optional leading `+`.
    public static func validate(_ input: PostalAddress, field: String, errors: inout [FieldError]) -> PostalAddress? {
        var checker = FieldChecker(prefix: field)
        let country = input.country.trimmingWhitespaceAndNewlines().uppercased()
        var address = PostalAddress(
            name: checker.required("name", input.name, maximum: maximumShortFieldLength),
            line1: checker.required("line1", input.line1, maximum: maximumLineLength),
            line2: checker.optional("line2", input.line2, maximum: maximumLineLength),
            city: checker.required("city", input.city, maximum: maximumShortFieldLength),
            district: checker.optional("district", input.district, maximum: maximumShortFieldLength),
            postcode: checker.optional("postcode", input.postcode, maximum: maximumShortFieldLength),
            country: country, phone: input.phone.trimmingWhitespaceAndNewlines())

        if !CountryCode.assigned.contains(country) {
            checker.fail("country", "must be an ISO 3166-1 alpha-2 code such as BD or US", code: "invalid_country")
        } else if country == "BD" {
            address.checkBangladeshFields(&checker)
        } else {
            address.checkInternationalFields(&checker)
        }
        errors.append(contentsOf: checker.errors)
        return checker.errors.isEmpty ? address : nil
    }

    private mutating func checkBangladeshFields(_ checker: inout FieldChecker) {
        if let district {
            if let official = BangladeshDistrict.canonicalName(district) {
                self.district = official
            } else {
                checker.fail("district", "must be one of the 64 districts of Bangladesh", code: "invalid_district")
            }
        } else {
            checker.fail("district", "is required for addresses in Bangladesh", code: "missing")
        }
        if let postcode, !(postcode.count == 4 && postcode.allSatisfy { $0.isASCII && $0.isNumber }) {
            checker.fail("postcode", "must be 4 digits in Bangladesh, such as 1207", code: "invalid_postcode")
        } else if postcode == nil {
            checker.fail("postcode", "is required for addresses in Bangladesh", code: "missing")
        }
        if let mobile = PhoneNumber.bangladeshMobile(phone) {
            phone = mobile
        } else {
            checker.fail(
                "phone", "must be a Bangladeshi mobile number such as 01712345678 or +8801712345678",
                code: "invalid_phone")
        }
    }

    private mutating func checkInternationalFields(_ checker: inout FieldChecker) {
        if postcode == nil, CountryCode.requiresPostcode(country) {
            checker.fail("postcode", "is required for addresses in \(country)", code: "missing")
        }
        let postcodeCharacter = { (character: Character) in
            character.isASCII && (character.isLetter || character.isNumber || character == " " || character == "-")
        }
        if let postcode, !postcode.allSatisfy(postcodeCharacter) {
            checker.fail("postcode", "may contain only letters, digits, spaces and hyphens", code: "invalid_postcode")
        }
        if let international = PhoneNumber.international(phone) {
            phone = international
        } else {
            checker.fail(
                "phone", "must have 7 to 15 digits, optionally starting with +, such as +44 20 7946 0958",
                code: "invalid_phone")
        }
    }
}
