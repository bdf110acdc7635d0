import CommonKernel
import OrderCore
import XCTest

final class AddressValidationTests: XCTestCase {
    private func dhakaAddress() -> PostalAddress {
        PostalAddress(
            name: " Nusrat Jahan ", line1: "House 12, Road 5", line2: "  ", city: "Dhaka", district: "dhaka",
            postcode: "1207", country: "bd", phone: "017-1234 5678")
    }

    private func validate(_ address: PostalAddress) -> (PostalAddress?, [FieldError]) {
        var errors: [FieldError] = []
        let result = PostalAddress.validate(address, field: "shipping_address", errors: &errors)
        return (result, errors)
    }

    func testBangladeshAddressIsNormalized() throws {
        let (address, errors) = validate(dhakaAddress())
        XCTAssertEqual(errors, [])
        let valid = try XCTUnwrap(address)
        XCTAssertEqual(valid.name, "Nusrat Jahan")
        XCTAssertNil(valid.line2)
        XCTAssertEqual(valid.country, "BD")
        XCTAssertEqual(valid.district, "Dhaka")
        XCTAssertEqual(valid.phone, "+8801712345678")
    }

    func testBangladeshFormerDistrictSpellings() {
        let spellings = [
            "Chittagong": "Chattogram", "COMILLA": "Cumilla", "Bogra": "Bogura", "jessore": "Jashore",
            "Coxs Bazar": "Cox's Bazar", "chapai nawabganj": "Chapainawabganj", "Barisal": "Barishal",
        ]
        for (typed, official) in spellings {
            var address = dhakaAddress()
            address.district = typed
            XCTAssertEqual(validate(address).0?.district, official, typed)
        }
    }

    func testSixtyFourDistinctDistricts() {
        XCTAssertEqual(BangladeshDistrict.names.count, 64)
        XCTAssertEqual(Set(BangladeshDistrict.names).count, 64)
        for name in BangladeshDistrict.names {
            XCTAssertEqual(BangladeshDistrict.canonicalName(name.uppercased()), name)
        }
        XCTAssertNil(BangladeshDistrict.canonicalName("Kolkata"))
        XCTAssertNil(BangladeshDistrict.canonicalName(""))
    }

    func testBangladeshRulesNameEachField() {
        var address = dhakaAddress()
        address.district = nil
        address.postcode = "12070"
        address.phone = "0121234567"
        let (result, errors) = validate(address)
        XCTAssertNil(result)
        XCTAssertEqual(
            errors.map(\.field),
            ["shipping_address.district", "shipping_address.postcode", "shipping_address.phone"])
        XCTAssertEqual(errors.map(\.code), ["missing", "invalid_postcode", "invalid_phone"])

        address = dhakaAddress()
        address.district = "Gotham"
        address.postcode = nil
        XCTAssertEqual(
            validate(address).1.map(\.field), ["shipping_address.district", "shipping_address.postcode"])
    }

    func testBangladeshMobileNumberForms() {
        let accepted = ["01712345678", "+8801712345678", "8801912345678", "+880 1312-345678", "(017) 1234.5678"]
        for phone in accepted {
            var address = dhakaAddress()
            address.phone = phone
            XCTAssertNotNil(validate(address).0, phone)
        }
        let rejected = [
            "01212345678", "0171234567", "017123456789", "+01712345678", "01712a45678", "", "+44 20 7946 0958",
        ]
        for phone in rejected {
            var address = dhakaAddress()
            address.phone = phone
            XCTAssertEqual(validate(address).1.map(\.field), ["shipping_address.phone"], phone)
        }
    }

    func testRequiredFieldsAndLengths() {
        let address = PostalAddress(
            name: "", line1: " ", line2: String(repeating: "x", count: 201), city: "", district: "Dhaka",
            postcode: "1207", country: "BD", phone: "01712345678")
        let (result, errors) = validate(address)
        XCTAssertNil(result)
        XCTAssertEqual(
            errors.map(\.field),
            ["shipping_address.name", "shipping_address.line1", "shipping_address.line2", "shipping_address.city"])
        XCTAssertEqual(errors.map(\.code), ["missing", "missing", "too_long", "missing"])
    }

    func testInternationalAddresses() {
        let london = PostalAddress(
            name: "Ayesha Rahman", line1: "10 Downing Street", city: "London", postcode: "SW1A 2AA", country: "gb",
            phone: "+44 20 7946 0958")
        XCTAssertEqual(validate(london).0?.phone, "+442079460958")
        XCTAssertEqual(validate(london).0?.country, "GB")

        var noPostcode = london
        noPostcode.postcode = nil
        XCTAssertEqual(validate(noPostcode).1.map(\.code), ["missing"])

        var dubai = london
        dubai.country = "AE"
        dubai.postcode = nil
        dubai.phone = "+971 4 123 4567"
        XCTAssertEqual(validate(dubai).1, [])

        var unknownCountry = london
        unknownCountry.country = "UK"
        XCTAssertEqual(validate(unknownCountry).1.map(\.field), ["shipping_address.country"])

        var badPostcode = london
        badPostcode.postcode = "SW1A_2AA"
        XCTAssertEqual(validate(badPostcode).1.map(\.code), ["invalid_postcode"])

        var shortPhone = london
        shortPhone.phone = "12345"
        XCTAssertEqual(validate(shortPhone).1.map(\.code), ["invalid_phone"])
    }

    func testCountryTableHasEveryAssignedCode() {
        XCTAssertEqual(CountryCode.assigned.count, 249)
        XCTAssertTrue(CountryCode.assigned.isSuperset(of: CountryCode.withoutPostcodes))
        XCTAssertTrue(CountryCode.requiresPostcode("BD"))
        XCTAssertFalse(CountryCode.requiresPostcode("HK"))
    }
}
