import CResolvShim
import CommonKernel
import FoundationEssentials
import TenantCore

/// Reads TXT records through the C library's resolver (`res_nquery`), as configured in
/// /etc/resolv.conf. Each call blocks its thread for up to the resolver's timeout.
public struct SystemDNSResolver: DNSResolver {
    public init() {}

    public func txtRecords(_ name: String) throws -> [String] {
        var buffer = [CChar](repeating: 0, count: 16_384)
        let count = cresolv_txt_records(name, &buffer, buffer.count)
        if count < 0 {
            throw AppError(.unavailable, code: "dns.lookup_failed",
                           detail: "The DNS lookup of \(name) failed; try the verification again in a minute.")
        }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.split(separator: "\n").map(String.init)
    }
}

/// Reads TXT records from a JSON file `{"name": ["value", ...]}` on every lookup, so that a test
/// can publish a record by rewriting the file while the service runs.
public struct FileDNSResolver: DNSResolver {
    let path: String

    public init(path: String) {
        self.path = path
    }

    public func txtRecords(_ name: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        guard let records = try? JSONDecoder().decode([String: [String]].self, from: data) else {
            throw AppError(.unavailable, code: "dns.lookup_failed", detail: "The DNS record file is not valid JSON.")
        }
        return records[name.lowercased()] ?? []
    }
}
