import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// A PostgreSQL cluster and a Redis server of a fault drill's own, started with the scripts in
/// Tests/Support, so that stopping them or the order-svc on them disturbs no other test.
final class OrderDrillServers {
    let environment: [String: String]
    private let stateDirectory: String

    private static let supportDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Support")

    /// Starts both servers. Skips unless this runs as root, which starting PostgreSQL needs.
    init() throws {
        guard getuid() == 0 else { throw XCTSkip("starting PostgreSQL as the postgres user needs root") }
        stateDirectory = "/tmp/odb.\(UUID().uuidString.prefix(8).lowercased())"
        let output = try Self.script("start-test-databases.sh", [stateDirectory])
        var variables: [String: String] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count)
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            let value = assignment[assignment.index(after: equals)...]
            variables[String(assignment[..<equals])] = value.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        environment = variables
    }

    deinit {
        stop()
    }

    /// Stops both servers and deletes their files; later calls do nothing. Tests call it in a
    /// `defer`, which also keeps the servers alive until the test ends.
    func stop() {
        guard FileManager.default.fileExists(atPath: stateDirectory) else { return }
        _ = try? Self.script("stop-test-databases.sh", [stateDirectory])
    }

    var appURL: String { environment["COMMERCE_TEST_DATABASE_URL"] ?? "" }
    var ownerURL: String { environment["COMMERCE_TEST_OWNER_DATABASE_URL"] ?? "" }
    var redisURL: String { environment["COMMERCE_TEST_REDIS_URL"] ?? "" }

    /// Runs `action` (stop, start or restart) on `server` (postgres or redis).
    func control(_ server: String, _ action: String) throws {
        try Self.script("control-test-database.sh", [stateDirectory, server, action])
    }

    /// Makes Redis write an append-only file and record that in its configuration file, so that
    /// a restart through `control` loads the stream again.
    func persistRedis() throws {
        let redis = RedisClient(url: redisURL, logger: OrderDatabase.logger)
        defer { redis.close() }
        try redis.command(["CONFIG", "SET", "appendonly", "yes"])
        try redis.command(["CONFIG", "REWRITE"])
    }

    // system(3) rather than Foundation's Process, because the servers that the script starts
    // would inherit the pipe through which Process learns that the script ended.
    @discardableResult
    private static func script(_ name: String, _ arguments: [String]) throws -> String {
        let outputPath = NSTemporaryDirectory() + "order-drill-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let words = [supportDirectory.appendingPathComponent(name).path] + arguments
        let status = system("/bin/bash " + words.map { "'\($0)'" }.joined(separator: " ") + " > '\(outputPath)'")
        guard status == 0 else { throw HarnessError("\(name) \(arguments.joined(separator: " ")) failed with \(status)") }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }
}
