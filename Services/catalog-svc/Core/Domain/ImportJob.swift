import FoundationEssentials

/// One run of a catalog import and its report, which clients poll while it runs.
public struct ImportJob: Sendable, Equatable, Codable, Identifiable {
    public enum Status: String, Sendable, Codable {
        case queued
        case running
        /// Every row was processed; rows with errors were skipped and are listed in the report.
        case succeeded
        /// The file as a whole was rejected or the import stopped early; see `failureMessage`.
        case failed
    }

    public var id: UUID
    public var tenantID: UUID
    /// The file format, such as `shopify_csv`.
    public var format: String
    public var fileName: String
    public var status: Status
    public var report: ImportReport
    public var failureMessage: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?

    public init(
        id: UUID = UUID(), tenantID: UUID, format: String = "shopify_csv", fileName: String = "",
        status: Status = .queued, report: ImportReport = ImportReport(), failureMessage: String? = nil,
        createdAt: Date, updatedAt: Date, finishedAt: Date? = nil
    ) {
        self.id = id
        self.tenantID = tenantID
        self.format = format
        self.fileName = fileName
        self.status = status
        self.report = report
        self.failureMessage = failureMessage
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
    }
}
