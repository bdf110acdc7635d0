import CommonKernel
import FoundationEssentials

enum CollectionAndImportJobChecks {
    static let all: [CatalogRepositoryContract.Check] = [
        .init(name: "collections stored with unique handles per kind", run: collections),
        .init(name: "import jobs stored and listed newest first", run: importJobs),
    ]

    static func collections(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        let time = CatalogFixtures.epoch
        let textiles = Collection(
            tenantID: tenant, kind: .category, handle: "textiles", title: "Textiles", createdAt: time, updatedAt: time)
        let sameHandleOtherKind = Collection(
            tenantID: tenant, kind: .collection, handle: "textiles", title: "Textile picks", createdAt: time,
            updatedAt: time)
        try repositories.collections.create(textiles, tenantID: tenant)
        try repositories.collections.create(sameHandleOtherKind, tenantID: tenant)
        try Expect.throwsError(code: "collection.handle_taken", "repeated handle within a kind") {
            try repositories.collections.create(
                Collection(
                    tenantID: tenant, kind: .category, handle: "textiles", title: "Again", createdAt: time,
                    updatedAt: time), tenantID: tenant)
        }

        var edited = textiles
        edited.productIDs = [UUID(), UUID()]
        try repositories.collections.update(edited, tenantID: tenant)
        try Expect.equal(try repositories.collections.find(id: textiles.id, tenantID: tenant), edited, "after update")
        try Expect.equal(
            try repositories.collections.find(handle: "textiles", kind: .collection, tenantID: tenant)?.id,
            sameHandleOtherKind.id, "find by handle and kind")
        try Expect.equal(
            try repositories.collections.list(kind: .category, tenantID: tenant).map(\.id), [textiles.id], "categories")
        try Expect.that(
            try repositories.collections.find(id: textiles.id, tenantID: UUID()) == nil, "found from another tenant")

        try repositories.collections.delete(id: textiles.id, tenantID: tenant)
        try Expect.that(
            try repositories.collections.find(id: textiles.id, tenantID: tenant) == nil, "found after delete")
        try Expect.throwsError(code: "collection.not_found", "second delete") {
            try repositories.collections.delete(id: textiles.id, tenantID: tenant)
        }
    }

    static func importJobs(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        let older = ImportJob(
            tenantID: tenant, fileName: "a.csv", createdAt: CatalogFixtures.epoch, updatedAt: CatalogFixtures.epoch)
        let newer = ImportJob(
            tenantID: tenant, fileName: "b.csv", createdAt: CatalogFixtures.epoch + 60,
            updatedAt: CatalogFixtures.epoch + 60)
        try repositories.importJobs.create(older, tenantID: tenant)
        try repositories.importJobs.create(newer, tenantID: tenant)

        var finished = older
        finished.status = .succeeded
        finished.report.rowsTotal = 12
        finished.report.addError(ImportIssue(row: 3, column: "Variant Price", message: "bad"))
        try repositories.importJobs.update(finished, tenantID: tenant)

        try Expect.equal(try repositories.importJobs.find(id: older.id, tenantID: tenant), finished, "after update")
        try Expect.equal(
            try repositories.importJobs.list(tenantID: tenant, limit: 10).map(\.id), [newer.id, older.id],
            "newest first")
        try Expect.equal(
            try repositories.importJobs.list(tenantID: tenant, limit: 1).map(\.id), [newer.id], "limited list")
        try Expect.that(
            try repositories.importJobs.find(id: older.id, tenantID: UUID()) == nil, "found from another tenant")
        try Expect.throwsError(code: "import.not_found", "update of an unknown job") {
            try repositories.importJobs.update(
                ImportJob(tenantID: tenant, createdAt: CatalogFixtures.epoch, updatedAt: CatalogFixtures.epoch),
                tenantID: tenant)
        }
    }
}
