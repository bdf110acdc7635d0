import FoundationEssentials

/// Reads typed settings from environment variables; the only place that touches the environment.
///
/// Every problem is collected so that start-up names all bad variables at once.
public struct EnvironmentReader: Sendable {
    public let values: [String: String]
    public private(set) var problems: [String] = []

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    public mutating func string(_ name: String, default defaultValue: String) -> String {
        guard let value = values[name], !value.isEmpty else { return defaultValue }
        return value
    }

    public mutating func optionalString(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// A value that must be set; records a problem naming the variable when it is not.
    public mutating func required(_ name: String, purpose: String) -> String {
        guard let value = values[name], !value.isEmpty else {
            problems.append("\(name) is not set: it must hold \(purpose).")
            return ""
        }
        return value
    }

    public mutating func int(_ name: String, default defaultValue: Int, range: ClosedRange<Int> = 0...Int.max) -> Int {
        guard let text = values[name], !text.isEmpty else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            problems.append("\(name)=\(text) is invalid: expected a whole number from \(range.lowerBound) to \(range.upperBound).")
            return defaultValue
        }
        return value
    }

    public mutating func bool(_ name: String, default defaultValue: Bool) -> Bool {
        guard let text = values[name]?.lowercased(), !text.isEmpty else { return defaultValue }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default:
            problems.append("\(name)=\(text) is invalid: expected true or false.")
            return defaultValue
        }
    }

    /// Records a problem found by a caller's own check of a variable.
    public mutating func reject(_ problem: String) {
        problems.append(problem)
    }

    /// Throws when any variable was missing or invalid, naming each one.
    public func validate() throws {
        if !problems.isEmpty {
            throw ConfigurationError(problems: problems)
        }
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String { "Invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n") }
}
