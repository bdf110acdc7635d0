import FoundationEssentials

extension JSONBody {
    /// Reads an amount written as a decimal string in major units of `currency`, recording a
    /// field error (and returning nil) for a JSON number or any form that `Money.parse` rejects.
    public mutating func money(
        _ key: String, currency: Currency, required: Bool = false, allowsNegative: Bool = false
    ) -> Money? {
        guard let value = value(key, required: required) else { return nil }
        guard case .string(let text) = value else {
            let form = Money.expectedForm(currency, allowsNegative: allowsNegative)
            fail(key, "must be a string, not \(value.typeName); expected \(form)", code: "wrong_type")
            return nil
        }
        do {
            return try Money.parse(text, currency: currency, field: key, allowsNegative: allowsNegative)
        } catch let error as AppError {
            for fieldError in error.fieldErrors { fail(key, fieldError.message, code: fieldError.code) }
            return nil
        } catch {
            fail(key, "is not a valid amount", code: "invalid_amount")
            return nil
        }
    }
}
