import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// A catalog-svc process of a test's own, on a free port, against the platform's database and
/// tenant-svc and a Redis server of the test's choice.
final class CatalogInstance {
    let port: Int
    let logPath: String
    private let process: Process

    /// Starts `serve` and waits up to 30 seconds for `/health`. The platform's catalog-svc has
    /// already migrated the database.
    init(platform: PlatformHarness, redisURL: String) throws {
        let binary = "\(try platform.variable("COMMERCE_TEST_BIN_DIR"))/catalog-svc"
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw XCTSkip("no catalog-svc at \(binary)") }
        port = try ServiceProcessSupport.freePort()
        logPath = "\(try platform.variable("COMMERCE_TEST_RUN_DIR"))/logs/catalog-extra-\(port).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)

        var environment: [String: String] = [
            "APP_ENV": "test", "SERVICE_HOST": "127.0.0.1", "PORT": String(port),
            "DATABASE_URL": try platform.variable("COMMERCE_TEST_DATABASE_URL"),
            "MIGRATION_DATABASE_URL": try platform.variable("COMMERCE_TEST_OWNER_DATABASE_URL"),
            "DATABASE_APP_ROLE": "commerce_app", "REDIS_URL": redisURL, "DOMAIN": platform.domain,
            "TENANT_SERVICE_URL": try platform.variable("COMMERCE_TEST_SERVICE_URL_TENANT_SVC"),
            "CATALOG_SERVICE_URL": "http://127.0.0.1:\(port)", "LOG_LEVEL": "info",
        ]
        // The platform's services and these tests share the signing secret, when one is set.
        if let secret = platform.environment["JWT_SECRET"] { environment["JWT_SECRET"] = secret }

        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve"]
        process.environment = environment
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try waitForHealth(seconds: 30)
    }

    deinit {
        stop()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Stops the process with SIGTERM and waits for it. Tests call it in a `defer`, which also
    /// keeps the process running until the test ends.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
    }

    /// Returns the value of the metric line that starts with `series`, such as
    /// `catalog_version_channel_events_total{event="subscribed"}`, or 0 when there is none.
    func metric(_ series: String) throws -> Double {
        let response = try PlatformHarness.client.send(method: .get, url: baseURL + "/metrics")
        let text = String(decoding: response.body, as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1)) ?? 0
        }
        return 0
    }

    /// Waits up to `seconds` until the version channel has been subscribed `count` times.
    func waitForSubscriptions(_ count: Double, seconds: Double = 20) throws {
        let series = "catalog_version_channel_events_total{event=\"subscribed\"}"
        let deadline = Date().addingTimeInterval(seconds)
        while try metric(series) < count {
            guard Date() < deadline else {
                throw HarnessError("catalog-svc on port \(port) did not subscribe \(count) times; see \(logPath)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    private func waitForHealth(seconds: Double) throws {
        try ServiceProcessSupport.waitForHealth(
            of: process, service: "catalog-svc", baseURL: baseURL, logPath: logPath, seconds: seconds)
    }
}
