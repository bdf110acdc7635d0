import CommonKernel
import FoundationEssentials

/// A domain a shop owner brings, served once its DNS TXT record proves ownership.
public struct CustomDomain: Sendable, Equatable {
    public enum Status: String, Sendable {
        case pending
        case active
    }

    public var id: UUID
    public var tenantID: UUID
    /// The ASCII (punycode) form of the host name.
    public var hostname: String
    public var status: Status
    public var verificationToken: String
    public var createdAt: Date
    public var verifiedAt: Date?

    public init(
        id: UUID, tenantID: UUID, hostname: String, status: Status, verificationToken: String,
        createdAt: Date, verifiedAt: Date?
    ) {
        self.id = id
        self.tenantID = tenantID
        self.hostname = hostname
        self.status = status
        self.verificationToken = verificationToken
        self.createdAt = createdAt
        self.verifiedAt = verifiedAt
    }

    /// The DNS name that must carry the TXT record.
    public var verificationRecordName: String { "_commerce-verify.\(hostname)" }
    /// The TXT record value that proves ownership.
    public var verificationRecordValue: String { "commerce-verify=\(verificationToken)" }
}
