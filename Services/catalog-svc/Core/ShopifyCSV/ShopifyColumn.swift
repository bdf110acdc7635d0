/// The columns of Shopify's product CSV, named exactly as in its header row.
public enum ShopifyColumn: String, Sendable, CaseIterable {
    case handle = "Handle"
    case title = "Title"
    case bodyHTML = "Body (HTML)"
    case vendor = "Vendor"
    case productCategory = "Product Category"
    case type = "Type"
    case tags = "Tags"
    case published = "Published"
    case option1Name = "Option1 Name"
    case option1Value = "Option1 Value"
    case option1LinkedTo = "Option1 Linked To"
    case option2Name = "Option2 Name"
    case option2Value = "Option2 Value"
    case option2LinkedTo = "Option2 Linked To"
    case option3Name = "Option3 Name"
    case option3Value = "Option3 Value"
    case option3LinkedTo = "Option3 Linked To"
    case variantSKU = "Variant SKU"
    case variantGrams = "Variant Grams"
    case variantInventoryTracker = "Variant Inventory Tracker"
    case variantInventoryQuantity = "Variant Inventory Qty"
    case variantInventoryPolicy = "Variant Inventory Policy"
    case variantFulfillmentService = "Variant Fulfillment Service"
    case variantPrice = "Variant Price"
    case variantCompareAtPrice = "Variant Compare At Price"
    case variantRequiresShipping = "Variant Requires Shipping"
    case variantTaxable = "Variant Taxable"
    case variantBarcode = "Variant Barcode"
    case imageSrc = "Image Src"
    case imagePosition = "Image Position"
    case imageAltText = "Image Alt Text"
    case giftCard = "Gift Card"
    case seoTitle = "SEO Title"
    case seoDescription = "SEO Description"
    case googleProductCategory = "Google Shopping / Google Product Category"
    case googleGender = "Google Shopping / Gender"
    case googleAgeGroup = "Google Shopping / Age Group"
    case googleMPN = "Google Shopping / MPN"
    case googleCondition = "Google Shopping / Condition"
    case googleCustomProduct = "Google Shopping / Custom Product"
    case googleCustomLabel0 = "Google Shopping / Custom Label 0"
    case googleCustomLabel1 = "Google Shopping / Custom Label 1"
    case googleCustomLabel2 = "Google Shopping / Custom Label 2"
    case googleCustomLabel3 = "Google Shopping / Custom Label 3"
    case googleCustomLabel4 = "Google Shopping / Custom Label 4"
    case variantImage = "Variant Image"
    case variantWeightUnit = "Variant Weight Unit"
    case variantTaxCode = "Variant Tax Code"
    case costPerItem = "Cost per item"
    case status = "Status"

    /// The header of Shopify's product export, in its order; declaration order above matches it.
    public static let exportOrder: [ShopifyColumn] = allCases

    /// The columns a file must have; without one of them the import rejects the whole file.
    public static let required: [ShopifyColumn] = [.handle]

    /// Whether the import skips this column's values: Google Shopping fields and option links.
    var isIgnored: Bool {
        rawValue.hasPrefix("Google Shopping") || rawValue.hasSuffix("Linked To")
    }

    static let optionNames: [ShopifyColumn] = [.option1Name, .option2Name, .option3Name]
    static let optionValues: [ShopifyColumn] = [.option1Value, .option2Value, .option3Value]
}
