import CommonKernel
import Foundation
import XCTest

/// `catalog-svc seed --demo` runs at every start of the platform, so a second run must leave the
/// demo shop's own edits alone.
final class DemoSeedTests: XCTestCase {
    func testSecondSeedKeepsTheShopsEdits() throws {
        let platform = try PlatformHarness.load()
        let host = platform.host("demo")
        let token = try platform.ownerToken(
            subdomain: "demo", email: try platform.variable("COMMERCE_TEST_DEMO_OWNER_EMAIL"),
            oneTimePassword: try platform.variable("COMMERCE_TEST_DEMO_OWNER_PASSWORD"))
        let product = try platform.send(.get, "/api/v1/products/by-handle/jute-tote-bag", host: host)
        let id = try XCTUnwrap(product.json["id"] as? String, product.text)
        let edited = try platform.send(.patch, "/api/v1/products/\(id)", host: host, token: token,
                                       json: ["title": "Jute Tote Bag, edited by the owner"])
        XCTAssertEqual(edited.status, 200, edited.text)

        let output = try runSeed(platform)
        XCTAssertTrue(output.contains("keeping the shop as it is"), output)
        let after = try platform.send(.get, "/api/v1/products/by-handle/jute-tote-bag", host: host)
        XCTAssertEqual(after.json["title"] as? String, "Jute Tote Bag, edited by the owner")
    }

    private func runSeed(_ platform: PlatformHarness) throws -> String {
        let binary = "\(try platform.variable("COMMERCE_TEST_BIN_DIR"))/catalog-svc"
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw XCTSkip("no catalog-svc at \(binary)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["seed", "--demo", "--file", try demoCatalogPath()]
        var environment = [
            "APP_ENV": "test", "DOMAIN": platform.domain,
            "DATABASE_URL": try platform.variable("COMMERCE_TEST_DATABASE_URL"),
            "REDIS_URL": try platform.variable("COMMERCE_TEST_REDIS_URL"),
            "TENANT_SERVICE_URL": try platform.variable("COMMERCE_TEST_SERVICE_URL_TENANT_SVC"),
        ]
        if let secret = platform.environment["JWT_SECRET"] { environment["JWT_SECRET"] = secret }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, output)
        return output
    }

    /// Returns the path of the repository's demo CSV, searching upward from this file's folder.
    private func demoCatalogPath() throws -> String {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("Services/catalog-svc/Seed/demo-catalog.csv")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
            folder.deleteLastPathComponent()
        }
        throw HarnessError("Services/catalog-svc/Seed/demo-catalog.csv was not found above \(#filePath)")
    }
}
