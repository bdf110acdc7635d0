import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// An order-svc process of a fault drill: the platform's executable on a port of its own,
/// pointed at the drill's servers and at the platform's tenant-svc and catalog-svc.
final class OrderDrillInstance {
    let port: Int
    let logPath: String
    private let process: Process

    /// Migrates the drill's database, then starts `serve` with `settings` added to the
    /// environment and waits up to 30 seconds for `/health`.
    init(platform: PlatformHarness, servers: OrderDrillServers, settings: [String: String] = [:]) throws {
        let binary = try Self.binary(platform)
        port = try ServiceProcessSupport.freePort()
        logPath = "\(try platform.variable("COMMERCE_TEST_RUN_DIR"))/logs/order-drill-\(port).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        var environment = try Self.environment(platform, servers: servers, port: port)
        environment.merge(settings) { _, new in new }

        let migrate = try Self.launch(binary, ["migrate"], environment: environment, logPath: logPath)
        migrate.waitUntilExit()
        guard migrate.terminationStatus == 0 else { throw HarnessError("order-svc migrate failed; see \(logPath)") }
        process = try Self.launch(binary, ["serve"], environment: environment, logPath: logPath)
        try waitForHealth(seconds: 30)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Stops the process with SIGTERM and waits for it. Tests call it in a `defer`, which also
    /// keeps the process running until the test ends.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
    }

    /// Ends the process with SIGKILL, so that nothing after the signal runs, and waits for it.
    func killHard() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Returns the lines of the instance's log that contain `text`.
    func logLines(containing text: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter { $0.contains(text) }
    }

    /// The instance's log so far, with any byte that is not UTF-8 replaced rather than the whole
    /// text lost.
    var log: String {
        guard let data = FileManager.default.contents(atPath: logPath) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Returns the last `count` lines of the log, for failure messages.
    func logTail(_ count: Int = 30) -> String {
        log.split(separator: "\n").suffix(count).joined(separator: "\n")
    }

    private func waitForHealth(seconds: Double) throws {
        try ServiceProcessSupport.waitForHealth(
            of: process, service: "order-svc", baseURL: baseURL, logPath: logPath, seconds: seconds)
    }

    private static func binary(_ platform: PlatformHarness) throws -> String {
        let path = "\(try platform.variable("COMMERCE_TEST_BIN_DIR"))/order-svc"
        guard FileManager.default.isExecutableFile(atPath: path) else { throw XCTSkip("no order-svc at \(path)") }
        return path
    }

    private static func environment(
        _ platform: PlatformHarness, servers: OrderDrillServers, port: Int
    ) throws -> [String: String] {
        var environment: [String: String] = [
            "APP_ENV": "test", "SERVICE_HOST": "127.0.0.1", "PORT": String(port),
            "DATABASE_URL": servers.appURL, "MIGRATION_DATABASE_URL": servers.ownerURL,
            "DATABASE_APP_ROLE": "commerce_app", "REDIS_URL": servers.redisURL, "DOMAIN": platform.domain,
            "TENANT_SERVICE_URL": try platform.variable("COMMERCE_TEST_SERVICE_URL_TENANT_SVC"),
            "CATALOG_SERVICE_URL": try platform.variable("COMMERCE_TEST_SERVICE_URL_CATALOG_SVC"),
            "ORDER_MAINTENANCE_INTERVAL_MS": "200",
        ]
        // The platform's services and these tests share the signing secret, when one is set.
        if let secret = platform.environment["JWT_SECRET"] { environment["JWT_SECRET"] = secret }
        return environment
    }

    private static func launch(
        _ binary: String, _ arguments: [String], environment: [String: String], logPath: String
    ) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }
}
