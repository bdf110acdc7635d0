/// Counts attempts per key in fixed time windows shared by every instance of a service.
public protocol RateLimiter: Sendable {
    /// Records one attempt for `key` and throws `tooManyRequests` (429, with `retry_after`) when
    /// the key has had more than `limit` attempts in the current window of `windowSeconds`.
    func recordAttempt(key: String, limit: Int, windowSeconds: Int) throws
}
