import FoundationEssentials

/// The current time cut to whole milliseconds, the default clock of the order use cases, so
/// that times survive a round trip through PostgreSQL and JSON unchanged.
public let orderClock: @Sendable () -> Date = {
    let milliseconds = (Date().timeIntervalSince1970 * 1000).rounded(.down)
    return Date(timeIntervalSince1970: milliseconds / 1000)
}
