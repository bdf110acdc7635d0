import FoundationEssentials

extension Date {
    /// Whole microseconds since 1970, the precision of a PostgreSQL `timestamptz`. Dates beyond
    /// about 292,000 years from 1970 give `Int64.max` or `Int64.min`.
    public var microsecondsSince1970: Int64 { Int64(saturating: (timeIntervalSince1970 * 1_000_000).rounded()) }

    public init(microsecondsSince1970 micros: Int64) {
        self.init(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    /// This time cut to whole microseconds, so that it survives a round trip through the database
    /// and through page cursors unchanged.
    public var truncatedToMicroseconds: Date { Date(microsecondsSince1970: microsecondsSince1970) }
}
