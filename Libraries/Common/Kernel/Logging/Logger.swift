import FoundationEssentials
import Glibc
import Synchronization

/// A structured logger in swift-log's shape that writes one JSON object per line.
///
/// Messages are constant text; values go into metadata. Never put secrets, passwords,
/// tokens or Authorization headers into either.
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case trace, debug, info, warning, error, critical

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        public var name: String {
            switch self {
            case .trace: "trace"
            case .debug: "debug"
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            case .critical: "critical"
            }
        }

        public init?(name: String) {
            guard let level = Level.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
            self = level
        }
    }

    public let label: String
    public var logLevel: Level
    public var metadata: [String: String] = [:]
    private let sink: LogSink

    public init(label: String, level: Level = .info, sink: LogSink = .standardError) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> String? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(_ level: Level, _ message: String, _ extra: [String: String] = [:]) {
        guard level >= logLevel else { return }
        var fields: [String: JSONValue] = [:]
        for (key, value) in metadata { fields[key] = .string(value) }
        for (key, value) in extra { fields[key] = .string(value) }
        fields["time"] = .string(RFC3339.string(from: Date()))
        fields["level"] = .string(level.name)
        fields["service"] = .string(label)
        fields["message"] = .string(message)
        sink.write(JSONValue.object(fields).serialized())
    }

    public func trace(_ message: String, _ extra: [String: String] = [:]) { log(.trace, message, extra) }
    public func debug(_ message: String, _ extra: [String: String] = [:]) { log(.debug, message, extra) }
    public func info(_ message: String, _ extra: [String: String] = [:]) { log(.info, message, extra) }
    public func warning(_ message: String, _ extra: [String: String] = [:]) { log(.warning, message, extra) }
    public func error(_ message: String, _ extra: [String: String] = [:]) { log(.error, message, extra) }
}

/// Where log lines go; writes are serialized so that lines from many threads never interleave.
public final class LogSink: Sendable {
    private let lock = Mutex(())
    private let descriptor: Int32
    private let capturing: Bool
    private let captured = Mutex<[String]>([])

    init(descriptor: Int32, capturing: Bool) {
        self.descriptor = descriptor
        self.capturing = capturing
    }

    public static let standardError = LogSink(descriptor: 2, capturing: false)
    public static let standardOutput = LogSink(descriptor: 1, capturing: false)

    /// A sink that keeps lines in memory, for tests that check what was logged.
    public static func memory() -> LogSink { LogSink(descriptor: -1, capturing: true) }

    public var capturedLines: [String] { captured.withLock { $0 } }

    /// Writes `line` and a line break in as few `write` calls as the descriptor takes, unbuffered.
    public func write(_ line: String) {
        if capturing {
            captured.withLock { $0.append(line) }
            return
        }
        let bytes = Array((line + "\n").utf8)
        lock.withLock { _ in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }
}
