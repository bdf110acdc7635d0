/// The UTC offsets of one IANA time zone over time, read from its compiled TZif file (RFC 8536).
///
/// FoundationEssentials, which the services link instead of Foundation, has no time zone
/// database: without Foundation's ICU layer, `TimeZone(identifier:)` returns nil for every name. These rules answer the two questions the services ask: whether a name is a time zone,
/// and which offset applies at an instant.
public struct ZoneRules: Sendable, Equatable {
    public let identifier: String
    /// Transition instants in seconds since 1970 UTC, ascending.
    let transitions: [Int64]
    /// The offset from UTC, in seconds, that starts at the transition of the same index.
    let offsets: [Int]
    /// The offset before the first transition.
    let initialOffset: Int

    /// Creates rules from an offset before any change and the changes: each transition gives the
    /// instant and the offset that applies from then on.
    public init(identifier: String, initialOffset: Int, transitions: [(at: Int64, offset: Int)] = []) {
        self.identifier = identifier
        self.initialOffset = initialOffset
        let sorted = transitions.sorted { $0.at < $1.at }
        self.transitions = sorted.map(\.at)
        offsets = sorted.map(\.offset)
    }

    /// Returns the offset from UTC in seconds at `instant` (seconds since 1970 UTC).
    ///
    /// NOTE: after the file's last transition, the offset of that transition applies. Debian 12's
    /// tzdata files list transitions up to 2037, so zones with daylight saving time are exact
    /// until then. The POSIX rule at the end of the file, which covers later years, is not read.
    public func secondsFromGMT(at instant: Int64) -> Int {
        var low = 0
        var high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle] <= instant { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? initialOffset : offsets[low - 1]
    }

    /// Returns the instant at which the wall clock of this zone shows `local`, given as seconds
    /// since 1970 as if the wall clock were UTC. A wall-clock time skipped by a forward change
    /// maps to an instant within the change's length of it.
    public func instant(atLocal local: Int64) -> Int64 {
        let first = local - Int64(secondsFromGMT(at: local))
        return local - Int64(secondsFromGMT(at: first))
    }
}
