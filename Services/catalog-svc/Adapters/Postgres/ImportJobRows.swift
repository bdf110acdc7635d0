import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

/// Reads and writes import job rows and their issues inside the caller's transaction.
enum ImportJobRows {
    static func insert(_ job: ImportJob, on connection: PostgresConnection) throws {
        let report = job.report
        try connection.execute(
            """
            INSERT INTO catalog.import_jobs (
                id, tenant_id, format, file_name, status, rows_total, rows_done, products_created,
                products_updated, variants_created, variants_updated, error_count, warning_count,
                failure_message, created_at, updated_at, finished_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            """,
            [job.id, job.tenantID, job.format, job.fileName, job.status.rawValue, report.rowsTotal,
             report.rowsDone, report.productsCreated, report.productsUpdated, report.variantsCreated,
             report.variantsUpdated, report.errorCount, report.warningCount, job.failureMessage,
             job.createdAt.truncatedToMilliseconds, job.updatedAt.truncatedToMilliseconds,
             job.finishedAt?.truncatedToMilliseconds])
    }

    /// Overwrites the job's row and returns the number of rows changed. A running job's lease
    /// runs `leaseSeconds` from now; other states hold none.
    static func update(_ job: ImportJob, leaseSeconds: Int, on connection: PostgresConnection) throws -> Int {
        let report = job.report
        return try connection.execute(
            """
            UPDATE catalog.import_jobs SET
                format = $3, file_name = $4, status = $5, rows_total = $6, rows_done = $7,
                products_created = $8, products_updated = $9, variants_created = $10, variants_updated = $11,
                error_count = $12, warning_count = $13, failure_message = $14, updated_at = $15,
                finished_at = $16,
                lease_expires_at = CASE WHEN $5 = 'running' THEN now() + $17::integer * interval '1 second' END
            WHERE tenant_id = $1 AND id = $2
            """,
            [job.tenantID, job.id, job.format, job.fileName, job.status.rawValue, report.rowsTotal,
             report.rowsDone, report.productsCreated, report.productsUpdated, report.variantsCreated,
             report.variantsUpdated, report.errorCount, report.warningCount, job.failureMessage,
             job.updatedAt.truncatedToMilliseconds, job.finishedAt?.truncatedToMilliseconds, leaseSeconds])
    }

    /// Makes the stored issues equal to the job's lists, inserting only the new tail when the
    /// stored ones are a prefix, as they are while an import appends to its report.
    static func syncIssues(of job: ImportJob, on connection: PostgresConnection) throws {
        let counts = try connection.query(
            "SELECT kind, count(*) AS stored FROM catalog.import_job_issues WHERE tenant_id = $1 AND job_id = $2 GROUP BY kind",
            [job.tenantID, job.id])
        var stored: [String: Int] = [:]
        for row in counts { stored[try row.string("kind")] = try row.int("stored") }

        for (kind, issues) in [("error", job.report.errors), ("warning", job.report.warnings)] {
            var start = stored[kind] ?? 0
            if start > issues.count {
                try connection.execute(
                    "DELETE FROM catalog.import_job_issues WHERE tenant_id = $1 AND job_id = $2 AND kind = $3",
                    [job.tenantID, job.id, kind])
                start = 0
            }
            try connection.insertRows(
                into: "catalog.import_job_issues",
                columns: ["tenant_id", "job_id", "kind", "position", "row_number", "column_name", "message"],
                rows: issues.enumerated().dropFirst(start).map { index, issue in
                    [job.tenantID, job.id, kind, index + 1, issue.row, issue.column, issue.message]
                })
        }
    }

    /// Selects the jobs matching `clause`, which follows `WHERE`, with their issues.
    static func select(
        _ clause: String, _ parameters: [any PostgresEncodable], on connection: PostgresConnection
    ) throws -> [ImportJob] {
        let rows = try connection.query(
            """
            SELECT *, catalog.epoch_ms(created_at) AS created_ms, catalog.epoch_ms(updated_at) AS updated_ms,
                   catalog.epoch_ms(finished_at) AS finished_ms
            FROM catalog.import_jobs WHERE \(clause)
            """, parameters)
        return try rows.map { row in
            var job = try job(row)
            let issues = try connection.query(
                """
                SELECT kind, row_number, column_name, message FROM catalog.import_job_issues
                WHERE tenant_id = $1 AND job_id = $2 ORDER BY kind, position
                """, [job.tenantID, job.id])
            for issue in issues {
                let value = ImportIssue(
                    row: try issue.int("row_number"), column: try issue.string("column_name"),
                    message: try issue.string("message"))
                if try issue.string("kind") == "error" { job.report.errors.append(value) } else {
                    job.report.warnings.append(value)
                }
            }
            return job
        }
    }

    private static func job(_ row: PostgresRow) throws -> ImportJob {
        var report = ImportReport()
        report.rowsTotal = try row.int("rows_total")
        report.rowsDone = try row.int("rows_done")
        report.productsCreated = try row.int("products_created")
        report.productsUpdated = try row.int("products_updated")
        report.variantsCreated = try row.int("variants_created")
        report.variantsUpdated = try row.int("variants_updated")
        report.errorCount = try row.int("error_count")
        report.warningCount = try row.int("warning_count")
        return ImportJob(
            id: try row.uuid("id"), tenantID: try row.uuid("tenant_id"), format: try row.string("format"),
            fileName: try row.string("file_name"), status: try ProductRows.enumeration(row, "status"),
            report: report, failureMessage: try row.optionalString("failure_message"),
            createdAt: try row.milliseconds("created_ms"), updatedAt: try row.milliseconds("updated_ms"),
            finishedAt: try row.optionalMilliseconds("finished_ms"))
    }
}
