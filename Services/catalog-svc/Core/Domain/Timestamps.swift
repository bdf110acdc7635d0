import FoundationEssentials

extension Date {
    /// The time cut to whole milliseconds, the precision of the API and of stored timestamps,
    /// so that a value read back from any store compares equal to the one written.
    ///
    /// Applying it twice gives the same date, because `millisecondsSince1970` snaps values that
    /// floating point left a hair below a whole millisecond.
    public var truncatedToMilliseconds: Date {
        Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000)
    }

    /// The whole milliseconds since 1970, as cursors encode them.
    var millisecondsSince1970: Int64 {
        let scaled = timeIntervalSince1970 * 1000
        let nearest = scaled.rounded()
        return Int64(abs(scaled - nearest) < 0.001 ? nearest : scaled.rounded(.down))
    }
}
