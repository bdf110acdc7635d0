import CommonKernel
import FoundationEssentials

/// A fixed-window rate limiter on Redis: `INCR` of a key named after the window, which expires
/// with it. When Redis cannot be reached the attempt is allowed and a warning logged, so that a
/// cache outage never locks everybody out.
public struct RedisRateLimiter: RateLimiter {
    let redis: RedisClient
    let logger: Logger

    public init(redis: RedisClient, logger: Logger) {
        self.redis = redis
        self.logger = logger
    }

    public func recordAttempt(key: String, limit: Int, windowSeconds: Int) throws {
        let now = Int(Date().timeIntervalSince1970)
        let window = now / windowSeconds
        let redisKey = "ratelimit:v1:\(key):\(window)"
        let count: Int64
        do {
            guard case .integer(let value) = try redis.command(["INCR", redisKey]) else { return }
            if value == 1 { try redis.command(["EXPIRE", redisKey, String(windowSeconds)]) }
            count = value
        } catch {
            logger.warning("rate limit check skipped", ["key": key, "error": "\(error)"])
            return
        }
        guard count > limit else { return }
        let retryAfter = (window + 1) * windowSeconds - now
        throw AppError(.tooManyRequests, code: "rate_limit.exceeded",
                       detail: "Too many attempts; try again in \(retryAfter) seconds.",
                       extensions: ["retry_after": .number(Double(retryAfter)), "limit": .number(Double(limit))])
    }
}
