/// Finds the rules of IANA time zones by name, such as `Asia/Dhaka`.
public protocol TimeZoneDirectory: Sendable {
    /// Returns the rules of the zone named `identifier`, or nil when there is no such zone.
    func rules(for identifier: String) -> ZoneRules?
}

/// A directory of rules given in code, for tests and for zones with a fixed offset.
public struct FixedTimeZoneDirectory: TimeZoneDirectory {
    private let zones: [String: ZoneRules]

    public init(_ zones: [ZoneRules]) {
        self.zones = Dictionary(zones.map { ($0.identifier, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func rules(for identifier: String) -> ZoneRules? { zones[identifier] }
}
