import CommonKernel
import FoundationEssentials

extension ShopifyImportRun {
    /// Imports one product's rows, recording what went in and what was skipped.
    ///
    /// A product with a forbidden control character in any of its cells is skipped whole, with
    /// an error for each such cell, so that no product is stored with a value cut short.
    /// Rejections of the product by the store (plan limit, concurrent edits) become row errors.
    /// Other failures, such as an unreachable database, are rethrown and end the import.
    mutating func importProduct(_ rows: ShopifyProductRows, report: inout ImportReport) throws {
        let controlCharacterErrors = rows.controlCharacterIssues(header: header)
        guard controlCharacterErrors.isEmpty else {
            controlCharacterErrors.forEach { report.addError($0) }
            return
        }
        let existing = try products.find(handle: rows.handle, tenantID: tenant.id)
        let mapped: MappedProduct
        switch mapper.map(rows, existing: existing) {
        case .failure(let failure):
            failure.errors.forEach { report.addError($0) }
            return
        case .success(let success):
            mapped = success
        }
        mapped.errors.forEach { report.addError($0) }
        mapped.warnings.forEach { report.addWarning($0) }

        let product = mapped.draft.makeProduct(
            tenantID: tenant.id, currency: mapper.currency, existing: existing, now: clock())
        let validation = ProductValidator(currency: mapper.currency).validate(product)
        guard validation.isValid else {
            validation.errors.forEach { report.addError(mapped.issue(for: $0)) }
            return
        }
        do {
            try store(product, existing: existing, mapped: mapped, report: &report)
        } catch let error as AppError
            where [.invalidInput, .conflict, .paymentRequired, .forbidden].contains(error.kind)
        {
            report.addError(ImportIssue(row: mapped.firstRecord.row, column: "", message: error.detail))
            return
        }
        validation.warnings.filter { $0.code != "duplicate_sku" }.forEach { report.addWarning(mapped.issue(for: $0)) }
        warnAboutRepeatedSKUs(product, mapped: mapped, report: &report)
    }

    private func store(_ product: Product, existing: Product?, mapped: MappedProduct, report: inout ImportReport) throws
    {
        guard let existing else {
            let event = CatalogEvent.product("created", product, at: product.updatedAt)
            try products.create(product, tenantID: tenant.id, productLimit: tenant.plan.maxProducts, event: event)
            report.productsCreated += 1
            report.variantsCreated += product.variants.count
            return
        }
        var announced = product
        announced.revision += 1
        let stored = try products.update(
            product, tenantID: tenant.id, event: .product("updated", announced, at: product.updatedAt))
        report.productsUpdated += 1
        for (index, variant) in stored.variants.enumerated() {
            guard existing.variant(id: variant.id) != nil else {
                report.variantsCreated += 1
                continue
            }
            report.variantsUpdated += 1
            if mapped.quantities.indices.contains(index), let quantity = mapped.quantities[index],
                quantity != variant.inventoryQuantity
            {
                _ = try inventory.setQuantity(
                    variantID: variant.id, to: quantity, reason: "import", tenantID: tenant.id, at: clock())
            }
        }
    }

    private mutating func warnAboutRepeatedSKUs(_ product: Product, mapped: MappedProduct, report: inout ImportReport) {
        for (index, variant) in product.variants.enumerated() where !variant.sku.isEmpty {
            let row =
                mapped.variantRecords.indices.contains(index)
                ? mapped.variantRecords[index].row : mapped.firstRecord.row
            if let first = skuRows[variant.sku] {
                report.addWarning(
                    ImportIssue(
                        row: row, column: ShopifyColumn.variantSKU.rawValue,
                        message: "\"\(variant.sku)\" repeats the SKU of row \(first); both variants were imported"))
            } else {
                skuRows[variant.sku] = row
            }
        }
    }
}
