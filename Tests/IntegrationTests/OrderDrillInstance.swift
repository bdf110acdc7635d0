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
        port = try Self.freePort()
        logPath = "\(try platform.variable("COMMERCE_TEST_RUN_DIR"))/logs/order-drill-\(port).log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
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
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return log.split(separator: "\n").map(String.init).filter { $0.contains(text) }
    }

    private func waitForHealth(seconds: Double) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard process.isRunning else { throw HarnessError("order-svc exited at start; see \(logPath)") }
            let health = try? PlatformHarness.client.send(method: .get, url: baseURL + "/health")
            if health?.status == 200 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw HarnessError("order-svc was not healthy within \(seconds) s; see \(logPath)")
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

    /// Returns a loopback port that was free a moment ago, by binding port 0 and reading it.
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw HarnessError("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw HarnessError("binding a free port failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
