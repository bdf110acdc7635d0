import CatalogCore
import CommonKernel
import FoundationEssentials

/// Staff import routes. `POST /api/v1/imports` with a Shopify product CSV as the body
/// (`Content-Type: text/csv`, optional `?file_name=`) queues a job and returns 202 with it.
/// `GET /api/v1/imports` lists recent jobs and `GET /api/v1/imports/{id}` shows one.
///
/// A file that cannot be imported at all (not UTF-8, no Handle column, empty) is rejected
/// with 422 before a job exists. Row problems are reported in the job's `errors` and `warnings`.
struct ImportRoutes {
    let jobs: PostgresImportJobRepository
    let worker: ImportWorker
    let clock: @Sendable () -> Date

    func install(into router: inout Router) {
        router.post("/api/v1/imports", body: .checkedByRoute) { request, context in
            let tenant = try context.tenant()
            try CatalogAccess.requireStaff(context, tenant: tenant)
            try Self.requireCSV(request)
            let fileName = try ImportShopifyCSV.checkFileName(request.query["file_name"] ?? "products.csv")
            try ImportShopifyCSV.checkFile(request.body)

            let now = clock()
            let job = ImportJob(tenantID: tenant.id, fileName: fileName, createdAt: now, updatedAt: now)
            try jobs.create(job, file: request.body, tenantID: tenant.id)
            worker.wake()
            context.logger.info("import queued", ["import.id": job.id.lowercasedString, "bytes": String(request.body.count)])
            var response = try HTTPResponse.json(ImportJobBody(job), status: 202)
            response.headers["Location"] = "/api/v1/imports/\(job.id.lowercasedString)"
            return response
        }
        router.get("/api/v1/imports") { _, context in
            let tenant = try context.tenant()
            try CatalogAccess.requireStaff(context, tenant: tenant)
            return try .json(ImportJobListBody(data: try jobs.list(tenantID: tenant.id, limit: 50).map(ImportJobBody.init)))
        }
        router.get("/api/v1/imports/{id}") { request, context in
            let tenant = try context.tenant()
            try CatalogAccess.requireStaff(context, tenant: tenant)
            let id = try request.uuidParameter("id", resource: "Import")
            guard let job = try jobs.find(id: id, tenantID: tenant.id) else {
                throw AppError.notFound("Import \(id.lowercasedString)", code: "import.not_found")
            }
            return try .json(ImportJobBody(job))
        }
    }

    private static func requireCSV(_ request: HTTPRequest) throws {
        let type = request.headers["Content-Type"]?.split(separator: ";").first?
            .trimmingWhitespace().lowercased()
        guard type == "text/csv" else {
            throw AppError(
                .unsupportedMediaType, code: "import.not_csv",
                detail: "Send the Shopify product file as the request body with Content-Type: text/csv.")
        }
    }

}

/// An import job as the API shows it: its state, counts and the listed problems, each
/// `{row, column, message}`.
struct ImportJobBody: Encodable {
    var id: String
    var status: String
    var format: String
    var fileName: String
    var rowsTotal: Int
    var rowsDone: Int
    var productsCreated: Int
    var productsUpdated: Int
    var variantsCreated: Int
    var variantsUpdated: Int
    var errorCount: Int
    var warningCount: Int
    var errors: [ImportIssue]
    var warnings: [ImportIssue]
    var failureMessage: String?
    var createdAt: Date
    var updatedAt: Date
    var finishedAt: Date?

    init(_ job: ImportJob) {
        id = job.id.lowercasedString
        status = job.status.rawValue
        format = job.format
        fileName = job.fileName
        rowsTotal = job.report.rowsTotal
        rowsDone = job.report.rowsDone
        productsCreated = job.report.productsCreated
        productsUpdated = job.report.productsUpdated
        variantsCreated = job.report.variantsCreated
        variantsUpdated = job.report.variantsUpdated
        errorCount = job.report.errorCount
        warningCount = job.report.warningCount
        errors = job.report.errors
        warnings = job.report.warnings
        failureMessage = job.failureMessage
        createdAt = job.createdAt
        updatedAt = job.updatedAt
        finishedAt = job.finishedAt
    }
}

struct ImportJobListBody: Encodable {
    var data: [ImportJobBody]
}
