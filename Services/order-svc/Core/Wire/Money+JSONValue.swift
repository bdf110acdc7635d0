import CommonKernel

extension Money {
    /// The API's form of an amount, `{"amount": "1250.00", "currency": "BDT"}`, the same
    /// shape as Money's `Codable` encoding.
    public var jsonValue: JSONValue {
        .object(["amount": .string(formatted), "currency": .string(currency.code)])
    }
}
