@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// The servers that Tests/Support/start-test-databases.sh starts, found through its variables.
enum TestDatabases {
    static let logger = Logger(label: "adapter-tests", level: .error)

    /// Returns the variable's value, or skips the test with a message naming the variable.
    static func environment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw XCTSkip("\(name) is not set: run eval \"$(Tests/Support/start-test-databases.sh)\" first")
        }
        return value
    }

    /// Returns the application role's URL. That role owns nothing and is subject to row-level security.
    static func appURL() throws -> String { try environment("COMMERCE_TEST_DATABASE_URL") }

    /// Returns the owner role's URL, for migrations and clean-up.
    static func ownerURL() throws -> String { try environment("COMMERCE_TEST_OWNER_DATABASE_URL") }

    static func redisURL() throws -> String { try environment("COMMERCE_TEST_REDIS_URL") }

    /// Returns a schema name that no other test or run uses.
    static func uniqueSchema(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Drops `schema` and everything in it, as the owner.
    static func dropSchema(_ schema: String) {
        guard let url = try? ownerURL(), let connection = try? PostgresConnection(url: url, logger: logger) else { return }
        _ = try? connection.execute("DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE")
    }

    /// Migrates a fresh schema as the owner and grants the application role access to it.
    static func migrateSchema(_ prefix: String, _ sql: String) throws -> String {
        let schema = uniqueSchema(prefix)
        let migrator = PostgresMigrator(url: try ownerURL(), schema: schema, appRole: "commerce_app", logger: logger)
        _ = try migrator.migrate([Migration(version: 1, name: "create tables", sql: sql)])
        return schema
    }
}

/// A PostgreSQL cluster and Redis server of a test's own, for tests that stop and restart them
/// and so must not disturb tests that share the common servers.
final class ThrowawayDatabases {
    let environment: [String: String]
    private let stateDirectory: String

    private static let supportDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Support")

    /// Starts both servers. Skips unless the shared servers are configured and this runs as root.
    init() throws {
        _ = try TestDatabases.appURL()
        guard getuid() == 0 else { throw XCTSkip("starting PostgreSQL as the postgres user needs root") }

        stateDirectory = "/tmp/cdb.\(UUID().uuidString.prefix(8))"
        let output = try Self.run("start-test-databases.sh", [stateDirectory])
        environment = Self.parseExports(output)
    }

    deinit {
        _ = try? Self.run("stop-test-databases.sh", [stateDirectory])
    }

    var appURL: String { environment["COMMERCE_TEST_DATABASE_URL"] ?? "" }
    var redisURL: String { environment["COMMERCE_TEST_REDIS_URL"] ?? "" }

    /// Runs `action` (stop, start or restart) on `server` (postgres or redis).
    func control(_ server: String, _ action: String) throws {
        _ = try Self.run("control-test-database.sh", [stateDirectory, server, action])
    }

    // system(3) rather than Foundation's Process: Process learns of the script's exit through a
    // socket that the servers started by the script would inherit and keep open.
    @discardableResult
    private static func run(_ script: String, _ arguments: [String]) throws -> String {
        let outputPath = NSTemporaryDirectory() + "test-databases-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let words = [supportDirectory.appendingPathComponent(script).path] + arguments
        let command = "/bin/bash " + words.map { "'\($0)'" }.joined(separator: " ") + " > '\(outputPath)'"

        let status = system(command)
        guard status == 0 else { throw ScriptError(script: script, status: status) }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    struct ScriptError: Error, CustomStringConvertible {
        var script: String
        var status: Int32
        var description: String { "\(script) failed with exit status \(status), and its messages are on standard error" }
    }

    private static func parseExports(_ output: String) -> [String: String] {
        var variables: [String: String] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count)
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            variables[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
                .trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        return variables
    }
}
