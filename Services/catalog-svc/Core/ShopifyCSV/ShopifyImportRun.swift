import CommonKernel
import FoundationEssentials

/// The state of one import while it walks the file: the report and the SKUs seen so far.
struct ShopifyImportRun {
    let header: ShopifyHeader
    let mapper: ShopifyProductMapper
    let tenant: TenantRecord
    let products: any ProductRepository
    let inventory: any InventoryRepository
    let clock: @Sendable () -> Date
    /// The row where each SKU was first imported, for duplicate warnings across the file.
    // NOTE: SKUs are compared within the file only; a SKU that a product outside the file
    // already uses raises no warning here, unlike CreateProduct.
    var skuRows: [String: Int] = [:]

    init(
        header: ShopifyHeader, mapper: ShopifyProductMapper, tenant: TenantRecord, products: any ProductRepository,
        inventory: any InventoryRepository, clock: @escaping @Sendable () -> Date
    ) {
        self.header = header
        self.mapper = mapper
        self.tenant = tenant
        self.products = products
        self.inventory = inventory
        self.clock = clock
    }

    /// Imports every product of `records`, saving progress through `save` now and then.
    mutating func importRecords(
        _ records: ArraySlice<CSVRecord>, into job: inout ImportJob, save: (ImportJob) throws -> Void
    ) throws {
        warnAboutIgnoredColumns(records, report: &job.report)
        let (groups, withoutHandle) = ShopifyProductRows.group(Array(records), header: header)
        for record in withoutHandle {
            job.report.addError(
                ImportIssue(
                    row: record.row, column: ShopifyColumn.handle.rawValue,
                    message: "is empty; every row needs the handle of its product"))
            job.report.rowsDone += 1
        }
        for (index, group) in groups.enumerated() {
            try importProduct(group, report: &job.report)
            job.report.rowsDone += group.records.count
            if index % ImportShopifyCSV.progressInterval == ImportShopifyCSV.progressInterval - 1 {
                job.updatedAt = clock()
                try save(job)
            }
        }
    }

    private func warnAboutIgnoredColumns(_ records: ArraySlice<CSVRecord>, report: inout ImportReport) {
        let ignored = ShopifyColumn.allCases.filter(\.isIgnored)
        var columns = ignored.compactMap { column in header.index(of: column).map { (column.rawValue, $0) } }
        columns += header.unknownColumns.map { ($0.name, $0.index) }
        for (name, index) in columns.sorted(by: { $0.1 < $1.1 }) where records.contains(where: { !$0[index].isEmpty }) {
            report.addWarning(ImportIssue(row: 1, column: name, message: "is not imported; its values were ignored"))
        }
    }
}
