/// One of a product's up to three options, such as Size with the values S, M and L.
public struct ProductOption: Sendable, Equatable, Codable {
    public var name: String
    /// The allowed values in display order; each variant picks one of them.
    public var values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    /// The option Shopify gives a product without real options: "Title" with "Default Title".
    public static let defaultTitle = ProductOption(name: "Title", values: [defaultTitleValue])

    /// The value of the single variant of a product without real options.
    public static let defaultTitleValue = "Default Title"
}
