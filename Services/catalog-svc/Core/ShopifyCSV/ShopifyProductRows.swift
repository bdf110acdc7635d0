/// The records of one product in a Shopify file: every record with the same Handle, in file order.
struct ShopifyProductRows: Sendable {
    let handle: String
    var records: [CSVRecord]

    /// Groups records by their Handle in order of first appearance, the way Shopify reads a file:
    /// rows of one product need not be adjacent. Records with an empty Handle are returned apart.
    static func group(
        _ records: [CSVRecord], header: ShopifyHeader
    ) -> (products: [ShopifyProductRows], withoutHandle: [CSVRecord]) {
        var products: [ShopifyProductRows] = []
        var indexByHandle: [String: Int] = [:]
        var withoutHandle: [CSVRecord] = []
        for record in records {
            let handle = header.text(.handle, in: record)
            if handle.isEmpty {
                withoutHandle.append(record)
            } else if let index = indexByHandle[handle] {
                products[index].records.append(record)
            } else {
                indexByHandle[handle] = products.count
                products.append(ShopifyProductRows(handle: handle, records: [record]))
            }
        }
        return (products, withoutHandle)
    }
}
