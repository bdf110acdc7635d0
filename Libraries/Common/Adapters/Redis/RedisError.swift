/// A failure of a Redis command or connection.
///
/// `description` names only the kind and the error code, such as `redis error WRONGTYPE`, so it
/// can reach a log line or response without keys or values. `debugDescription` has the full
/// message, for logs only.
public struct RedisError: Error, CustomStringConvertible, CustomDebugStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server replied with an error.
        case reply
        /// The connection could not be opened, timed out, or broke.
        case connection
        /// The server sent a reply of a type that the command cannot return.
        case unexpectedReply
        /// The URL or the command was invalid before anything reached the server.
        case invalidRequest
    }

    public var kind: Kind
    /// The server's error message, such as `BUSYGROUP Consumer Group name already exists`, or
    /// the client's description of the failure.
    public var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The first word of an error reply, such as `WRONGTYPE` or `BUSYGROUP`, or nil for other kinds.
    public var errorCode: String? {
        guard kind == .reply else { return nil }
        return message.split(separator: " ", maxSplits: 1).first.map(String.init)
    }

    public var isConnectionFailure: Bool { kind == .connection }

    public var description: String {
        switch kind {
        case .reply: "redis error \(errorCode ?? "")"
        case .connection: "redis connection failed"
        case .unexpectedReply: "redis reply of unexpected type"
        case .invalidRequest: "invalid redis request"
        }
    }

    public var debugDescription: String { "\(description): \(message)" }
}
