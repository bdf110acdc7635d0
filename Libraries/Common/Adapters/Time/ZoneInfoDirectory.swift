import CommonKernel
import FoundationEssentials
import Synchronization

/// Time zone rules read from the system's compiled tz database: Debian's tzdata package installs
/// one TZif file per zone under /usr/share/zoneinfo. The environment variable `TZDIR` names another
/// folder, as it does for glibc. Each zone is read once per process and kept.
public final class ZoneInfoDirectory: TimeZoneDirectory {
    public static let defaultFolder = "/usr/share/zoneinfo"

    private let folder: String
    private let known = Mutex<[String: ZoneRules]>([:])

    public init(folder: String? = nil) {
        self.folder = folder ?? ProcessInfo.processInfo.environment["TZDIR"] ?? Self.defaultFolder
    }

    public func rules(for identifier: String) -> ZoneRules? {
        guard Self.isWellFormed(identifier) else { return nil }
        if let cached = known.withLock({ $0[identifier] }) { return cached }
        let rules = FileManager.default.contents(atPath: "\(folder)/\(identifier)")
            .flatMap { ZoneRules(identifier: identifier, tzif: Array($0)) }
        // Unknown names are not kept, so that a flood of made-up names cannot grow the table.
        if let rules { known.withLock { $0[identifier] = rules } }
        return rules
    }

    /// Accepts names made of the characters IANA uses (letters, digits, `_`, `-`, `+`) in parts
    /// separated by `/`, which keeps a name from leaving the folder (`..`, a leading `/`).
    static func isWellFormed(_ identifier: String) -> Bool {
        guard (1...64).contains(identifier.utf8.count) else { return false }
        let parts = identifier.split(separator: "/", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            guard let first = part.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-") else {
                return false
            }
            return part.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"):
                    true
                default: false
                }
            }
        }
    }
}
