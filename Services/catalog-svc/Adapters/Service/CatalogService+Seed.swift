import CatalogCore
import CommonAdapters
import CommonKernel
import Foundation

extension CatalogService {
    /// The demo catalog's path relative to the repository root, where the scripts run.
    static let demoCatalogPath = "Services/catalog-svc/Seed/demo-catalog.csv"

    /// `seed --demo [--file PATH]`: imports the demo catalog into the `demo` shop, which
    /// tenant-svc's seed creates, looking its id up through tenant-svc. Running it again
    /// updates the products by handle instead of adding copies.
    static func seed(_ runtime: ServiceRuntime, arguments: [String]) throws {
        guard arguments.contains("--demo") else {
            ServiceRunner.output("catalog-svc: nothing to seed; run `catalog-svc seed --demo` for the demo catalog")
            return
        }
        let path = try seedFilePath(arguments)
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw AppError.invalidField("--file", "\(path) cannot be read; pass the demo CSV with --file PATH")
        }
        let directory = HTTPTenantDirectory(baseURL: runtime.configuration.tenantServiceURL, client: runtime.httpClient)
        guard let tenant = try directory.tenant(subdomain: "demo") else {
            throw AppError.notFound("The demo shop (run `tenant-svc seed --demo` first)", code: "tenant.not_found")
        }

        let job = try Components(runtime).importer.execute(
            csv: [UInt8](bytes), fileName: (path as NSString).lastPathComponent, tenant: tenant)
        let report = job.report
        ServiceRunner.output(
            "catalog-svc: demo catalog imported into demo: \(report.productsCreated) products created, "
                + "\(report.productsUpdated) updated, \(report.errorCount) errors")
        guard report.errorCount == 0 else {
            throw AppError(
                .invalidInput, code: "seed.import_errors",
                detail: "The demo catalog import reported \(report.errorCount) errors; see import \(job.id.lowercasedString).")
        }
    }

    private static func seedFilePath(_ arguments: [String]) throws -> String {
        guard let index = arguments.firstIndex(of: "--file") else { return demoCatalogPath }
        guard index + 1 < arguments.count else {
            throw AppError.invalidField("--file", "needs a path to a Shopify product CSV", code: "missing")
        }
        return arguments[index + 1]
    }
}
