import CommonKernel
import FoundationEssentials
import Synchronization

/// Token revocations in Redis under `auth:v1:revoked-before:{user id}`, whose value is the
/// instant in milliseconds since 1970 and which expires once every token it revokes has expired.
///
/// Reads are cached in process for `cacheFreshness` seconds (5 by default), so a user's requests
/// cost at most one Redis read per process in that time. A revocation written by this process
/// applies here at once, but another process may accept a revoked token until its cached entry
/// ages out.
///
/// When Redis cannot be read, `revocationInstant` logs a warning and returns the last instant this
/// process read for the user, or nil if it read none. A Redis outage thus lets revoked tokens
/// through until Redis returns, at most for their remaining lifetime. Rejecting every token
/// instead would lock every signed-in user out of every service for the outage, and rate limits
/// already fail open the same way.
public final class RedisTokenRevocations: TokenRevocations {
    private let redis: RedisClient
    private let logger: Logger
    private let tokenLifetime: TimeInterval
    private let now: @Sendable () -> Date
    private let cache: Mutex<RevocationCache>
    /// When the last read failure was logged, and how many failures went unlogged since.
    private let failureLog = Mutex<(loggedAt: Date?, unlogged: Int)>((nil, 0))
    /// Seconds between two warnings about failed reads, so an outage logs a line per interval and
    /// not one per request.
    static let failureLogInterval: TimeInterval = 10

    /// Creates the store. `tokenLifetime` is the longest lifetime of an access token in seconds:
    /// a record outlives it by a minute, to allow for clock differences between hosts.
    public init(redis: RedisClient, logger: Logger, tokenLifetime: TimeInterval = 8 * 3600,
                cacheFreshness: TimeInterval = 5, now: @escaping @Sendable () -> Date = Date.init) {
        self.redis = redis
        self.logger = logger
        self.tokenLifetime = tokenLifetime
        self.now = now
        cache = Mutex(RevocationCache(freshness: cacheFreshness, capacity: 100_000))
    }

    /// Writes the instant to Redis and to this process's cache. Throws
    /// `AppError(.unavailable, code: "auth.revocation_unavailable")` when Redis rejects the write.
    public func revokeTokens(of userID: UUID, issuedBefore instant: Date) throws {
        let milliseconds = String(TokenRevocationRule.milliseconds(instant))
        let seconds = String(Int(tokenLifetime.rounded(.up)) + 60)
        do {
            try redis.command(["SET", Self.key(userID), milliseconds, "EX", seconds])
        } catch {
            logger.error("token revocation write failed", ["user.id": Self.id(userID), "error": String(reflecting: error)])
            throw AppError(.unavailable, code: "auth.revocation_unavailable", detail: "Recording the token revocation failed.")
        }
        let readAt = now()
        cache.withLock { $0.store(instant, of: userID, now: readAt) }
    }

    /// Returns the cached or stored instant. Redis errors are caught as the type's note describes,
    /// so this method does not throw.
    public func revocationInstant(of userID: UUID) throws -> Date? {
        let readAt = now()
        if let entry = cache.withLock({ $0.freshEntry(of: userID, now: readAt) }) { return entry.instant }
        do {
            let instant = try readInstant(of: userID)
            cache.withLock { $0.store(instant, of: userID, now: readAt) }
            return instant
        } catch {
            logReadFailure(error, userID: userID, at: readAt)
            return cache.withLock { $0.lastKnownInstant(of: userID) }
        }
    }

    private func logReadFailure(_ error: any Error, userID: UUID, at instant: Date) {
        let unlogged: Int? = failureLog.withLock { state in
            if let loggedAt = state.loggedAt, instant.timeIntervalSince(loggedAt) < Self.failureLogInterval {
                state.unlogged += 1
                return nil
            }
            defer { state = (instant, 0) }
            return state.unlogged
        }
        guard let unlogged else { return }
        logger.warning("token revocation read failed, so the last known value was used", [
            "user.id": Self.id(userID), "error": String(reflecting: error), "unlogged_failures": String(unlogged),
        ])
    }

    private func readInstant(of userID: UUID) throws -> Date? {
        let reply = try redis.command(["GET", Self.key(userID)])
        if reply == .null { return nil }
        guard let text = reply.text, let milliseconds = Int64(text) else {
            throw RedisError(.unexpectedReply, "GET of a token revocation returned \(reply)")
        }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    static func key(_ userID: UUID) -> String { "auth:v1:revoked-before:\(id(userID))" }

    private static func id(_ userID: UUID) -> String { userID.lowercasedString }
}
