import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

extension CatalogService {
    /// The demo catalog's path relative to the repository root, where the scripts run.
    static let demoCatalogPath = "Services/catalog-svc/Seed/demo-catalog.csv"

    /// `seed --demo [--file PATH] [--again]`: imports the demo catalog into the `demo` shop,
    /// which tenant-svc's seed creates, looking its id up through tenant-svc.
    ///
    /// The import runs once per shop and file name, so the shop's own edits survive the next
    /// start of the platform. `--again` imports it once more, which updates the products by
    /// handle, restores deleted ones and resets their stock.
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

        let components = try Components(runtime)
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        if !arguments.contains("--again"),
           let earlier = try components.importJobs.list(tenantID: tenant.id, limit: 100).first(where: { $0.fileName == fileName }) {
            ServiceRunner.output(
                "catalog-svc: \(fileName) was imported into demo before (import \(earlier.id.lowercasedString)); "
                    + "keeping the shop as it is. Run `catalog-svc seed --demo --again`, or start scripts/run with "
                    + "DEMO_CATALOG_AGAIN=1, to import it over the shop's edits.")
            return
        }
        let job = try components.importer.execute(csv: [UInt8](bytes), fileName: fileName, tenant: tenant)
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
