import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

/// Access to the platform that the test script started: Caddy's address, direct service
/// addresses, the databases and the credentials, all from `COMMERCE_TEST_*` variables.
struct PlatformHarness {
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
        var problemCode: String? { json["code"] as? String }
        var fieldNames: [String] { (json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String } }
    }

    static let client = CurlHTTPClient(timeoutSeconds: 10, logger: Logger(label: "integration-tests", level: .error))
    private static let dnsLock = Mutex(())
    /// One admin token for the whole run: logins are rate limited per e-mail address.
    private static let cachedAdminToken = Mutex<String?>(nil)

    let api: String
    let domain: String
    let environment: [String: String]

    /// Returns the harness, or skips with the missing variable's name. `scripts/test` always sets them.
    static func load() throws -> PlatformHarness {
        let environment = ProcessInfo.processInfo.environment
        guard let api = environment["COMMERCE_TEST_API"] else {
            throw XCTSkip("COMMERCE_TEST_API is not set: run these tests through scripts/test, which starts the platform")
        }
        return PlatformHarness(api: api, domain: environment["COMMERCE_TEST_DOMAIN"] ?? "localhost", environment: environment)
    }

    func variable(_ name: String) throws -> String {
        guard let value = environment[name], !value.isEmpty else { throw XCTSkip("\(name) is not set") }
        return value
    }

    func host(_ subdomain: String) -> String { "\(subdomain).\(domain)" }
    var adminHost: String { "admin.\(domain)" }

    /// Sends a request through Caddy with the given Host header.
    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, host: String, token: String? = nil,
              headers extra: [(String, String)] = [], body: [UInt8] = [], base: String? = nil) throws -> Reply {
        var headers = HTTPHeaders(extra)
        headers["Host"] = host
        if let token { headers["Authorization"] = "Bearer \(token)" }
        if !body.isEmpty, headers["Content-Type"] == nil { headers["Content-Type"] = "application/json" }
        let response = try Self.client.send(method: method, url: (base ?? api) + path, headers: headers, body: body)
        return Reply(status: response.status, headers: response.headers, body: response.body)
    }

    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, host: String, token: String? = nil, json: [String: Any]) throws -> Reply {
        try send(method, path, host: host, token: token, body: Array(try JSONSerialization.data(withJSONObject: json)))
    }

    func adminToken() throws -> String {
        try Self.cachedAdminToken.withLock { cached in
            if let cached { return cached }
            let token = try freshAdminToken()
            cached = token
            return token
        }
    }

    private func freshAdminToken() throws -> String {
        let reply = try send(.post, "/api/v1/auth/login", host: adminHost, json: [
            "email": try variable("COMMERCE_TEST_ADMIN_EMAIL"), "password": try variable("COMMERCE_TEST_ADMIN_PASSWORD"),
        ])
        guard reply.status == 200, let token = reply.json["access_token"] as? String else {
            throw HarnessError("admin login failed with \(reply.status): \(reply.text)")
        }
        return token
    }

    /// Creates a shop with a unique subdomain and logs its owner in.
    func createShop(prefix: String = "shop", plan: String = "starter") throws -> Shop {
        let subdomain = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        let email = "owner@\(subdomain).example.com"
        let created = try send(.post, "/api/v1/admin/tenants", host: adminHost, token: try adminToken(), json: [
            "name": "Shop \(subdomain)", "subdomain": subdomain, "plan": plan, "admin_email": email,
        ])
        guard created.status == 201,
              let tenant = created.json["tenant"] as? [String: Any], let id = tenant["id"] as? String,
              let owner = created.json["owner"] as? [String: Any], let password = owner["one_time_password"] as? String
        else { throw HarnessError("creating \(subdomain) failed with \(created.status): \(created.text)") }

        let token = try ownerToken(subdomain: subdomain, email: email, oneTimePassword: password)
        return Shop(id: UUID(uuidString: id)!, subdomain: subdomain, host: host(subdomain), ownerEmail: email, ownerToken: token)
    }

    /// Logs the owner in with the generated password, replaces it as the platform demands before
    /// any other use of the token, and returns the token of a second login.
    func ownerToken(subdomain: String, email: String, oneTimePassword: String) throws -> String {
        func logIn(_ password: String) throws -> String {
            let login = try send(.post, "/api/v1/auth/login", host: host(subdomain), json: ["email": email, "password": password])
            guard let token = login.json["access_token"] as? String else {
                throw HarnessError("owner login on \(subdomain) failed with \(login.status): \(login.text)")
            }
            return token
        }
        let chosen = "owner passphrase \(UUID().uuidString)"
        let changed = try send(.post, "/api/v1/auth/password", host: host(subdomain), token: try logIn(oneTimePassword),
                               json: ["current_password": oneTimePassword, "new_password": chosen])
        guard changed.status == 204 else {
            throw HarnessError("owner password change on \(subdomain) failed with \(changed.status): \(changed.text)")
        }
        return try logIn(chosen)
    }

    /// Publishes TXT records in the fake resolver's file that tenant-svc reads on each lookup.
    func publishTXT(_ name: String, _ values: [String]) throws {
        let path = try variable("COMMERCE_TEST_DNS_FILE")
        try Self.dnsLock.withLock { _ in
            var records = (FileManager.default.contents(atPath: path))
                .flatMap { try? JSONDecoder().decode([String: [String]].self, from: $0) } ?? [:]
            records[name] = values
            try JSONEncoder().encode(records).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }
}

struct Shop {
    var id: UUID
    var subdomain: String
    var host: String
    var ownerEmail: String
    var ownerToken: String
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
