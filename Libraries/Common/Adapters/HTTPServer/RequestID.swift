import FoundationEssentials

/// Request ids: the client's `X-Request-ID` when it is safe to log and echo, else a fresh UUID.
enum RequestID {
    static let maxLength = 128

    /// Returns `header` when it has 1 to 128 characters from `[A-Za-z0-9._-]`, else a new
    /// lower-case UUID, so that a client cannot put arbitrary text into logs and responses.
    static func accept(_ header: String?) -> String {
        if let header, isValid(header) { return header }
        return UUID().lowercasedString
    }

    static func isValid(_ candidate: String) -> Bool {
        let bytes = candidate.utf8
        guard (1...maxLength).contains(bytes.count) else { return false }
        return bytes.allSatisfy(isAllowed)
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
