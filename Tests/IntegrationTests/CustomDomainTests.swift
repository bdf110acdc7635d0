import CommonKernel
import Foundation
import XCTest

final class CustomDomainTests: XCTestCase {
    private func ask(_ platform: PlatformHarness, _ domain: String) throws -> Int {
        let base = try platform.variable("COMMERCE_TEST_SERVICE_URL_TENANT_SVC")
        return try platform.send(.get, "/internal/tls/ask?domain=\(domain)", host: "127.0.0.1", base: base).status
    }

    func testVerifiedDomainServesTheShopAndGetsCertificates() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "custom")
        let hostname = "www.\(shop.subdomain)-store.example"

        let added = try platform.send(.post, "/api/v1/domains", host: shop.host, token: shop.ownerToken, json: ["hostname": hostname.uppercased()])
        XCTAssertEqual(added.status, 201, added.text)
        XCTAssertEqual(added.json["hostname"] as? String, hostname)
        XCTAssertEqual(added.json["status"] as? String, "pending")
        let verification = added.json["verification"] as? [String: String] ?? [:]
        let id = try XCTUnwrap(added.json["id"] as? String)

        XCTAssertEqual(try ask(platform, hostname), 404, "pending domains get no certificate")
        XCTAssertEqual(try platform.send(.get, "/api/v1/tenants/current", host: hostname).status, 404)

        let early = try platform.send(.post, "/api/v1/domains/\(id)/verify", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(early.status, 409)
        XCTAssertEqual(early.problemCode, "domain.verification_failed")

        try platform.publishTXT(try XCTUnwrap(verification["name"]), [try XCTUnwrap(verification["value"])])
        let verified = try platform.send(.post, "/api/v1/domains/\(id)/verify", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(verified.status, 200, verified.text)
        XCTAssertEqual(verified.json["status"] as? String, "active")

        XCTAssertEqual(try ask(platform, hostname), 200)
        let served = try platform.send(.get, "/api/v1/tenants/current", host: hostname)
        XCTAssertEqual(served.json["subdomain"] as? String, shop.subdomain, served.text)
    }

    func testCertificateCheckForSubdomainsAndStrangers() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "tls")
        XCTAssertEqual(try ask(platform, shop.host), 200)
        XCTAssertEqual(try ask(platform, platform.host("demo")), 200)
        XCTAssertEqual(try ask(platform, platform.host("ghost-\(UUID().uuidString.prefix(6).lowercased())")), 404)
        XCTAssertEqual(try ask(platform, "random-\(UUID().uuidString.prefix(6).lowercased()).example.org"), 404)
        XCTAssertEqual(try ask(platform, ""), 422)
    }

    func testIDNDomainIsStoredAsPunycode() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "idn")
        let added = try platform.send(.post, "/api/v1/domains", host: shop.host, token: shop.ownerToken, json: ["hostname": "Bücher.example"])
        XCTAssertEqual(added.status, 201, added.text)
        XCTAssertEqual(added.json["hostname"] as? String, "xn--bcher-kva.example")
    }

    /// Caddy itself asks tenant-svc during the TLS handshake: a served name gets a certificate
    /// from Caddy's local CA, a stranger's name gets no certificate and the handshake fails.
    func testProxyIssuesCertificatesOnlyForServedNames() throws {
        let platform = try PlatformHarness.load()
        let port = try platform.variable("COMMERCE_TEST_HTTPS_PORT")
        let shop = try platform.createShop(prefix: "https")
        let served = try curlHTTPS(host: shop.host, port: port)
        XCTAssertEqual(served.exitCode, 0, served.output)
        XCTAssertTrue(served.output.contains(shop.subdomain), served.output)

        let stranger = try curlHTTPS(host: "stranger-\(UUID().uuidString.prefix(6).lowercased()).example.org", port: port)
        XCTAssertNotEqual(stranger.exitCode, 0, "a stranger's name must not get a certificate: \(stranger.output)")
    }

    private func curlHTTPS(host: String, port: String) throws -> (exitCode: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sk", "--max-time", "20", "--resolve", "\(host):\(port):127.0.0.1",
                             "https://\(host):\(port)/api/v1/tenants/current"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    func testStaffCannotAddDomainsAndStrangersCannotList() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "dom-auth")
        XCTAssertEqual(try platform.send(.get, "/api/v1/domains", host: shop.host).status, 401)
        XCTAssertEqual(try platform.send(.post, "/api/v1/domains", host: shop.host, json: ["hostname": "x.example.com"]).status, 401)
    }
}
