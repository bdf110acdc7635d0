import CHiredis

/// A reply from Redis in RESP2, the protocol that hiredis 0.14 speaks.
public enum RedisReply: Sendable, Equatable {
    /// A bulk string, binary-safe.
    case string([UInt8])
    /// A simple status such as `OK` or `PONG`.
    case status(String)
    case integer(Int64)
    case array([RedisReply])
    /// A nil bulk string or nil array, such as `GET` of a missing key.
    case null
    /// An error reply. `RedisClient.command` throws these at the top level, so they appear only
    /// inside arrays, such as the results of `EXEC`.
    case error(String)

    /// The UTF-8 text of a bulk string or status, or nil for other replies and invalid UTF-8.
    public var text: String? {
        switch self {
        case .string(let bytes): String(validating: bytes, as: UTF8.self)
        case .status(let status): status
        default: nil
        }
    }

    /// The elements of an array reply, or nil for other replies.
    public var array: [RedisReply]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// Copies a hiredis reply object, which the caller still owns and must free.
    init(_ reply: UnsafePointer<redisReply>) {
        let value = reply.pointee
        switch value.type {
        case REDIS_REPLY_STRING:
            self = .string(Self.bytes(value.str, value.len))
        case REDIS_REPLY_STATUS:
            self = .status(String(decoding: Self.bytes(value.str, value.len), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            self = .error(String(decoding: Self.bytes(value.str, value.len), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            self = .integer(value.integer)
        case REDIS_REPLY_ARRAY:
            self = .array((0..<value.elements).map { index in RedisReply(value.element[index]!) })
        default:
            self = .null
        }
    }

    private static func bytes(_ start: UnsafeMutablePointer<CChar>?, _ count: Int) -> [UInt8] {
        guard let start, count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: start, count: count))
    }
}
