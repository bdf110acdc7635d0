import CommonAdapters
import CommonKernel
import FoundationEssentials
import Synchronization

/// Sends requests to catalog-svc's internal API as order-svc: a platform token signed with the
/// shared secret, and the shop's id in `X-Tenant-ID`, which catalog-svc accepts only together.
///
/// A request that fails in transport (no connection, timeout) is sent again up to twice, after
/// 50 and 250 ms. That is safe only for the internal API's calls, which are idempotent per order
/// id or read-only. Any response, whatever its status, is returned to the caller.
public final class CatalogServiceClient: Sendable {
    /// The platform identity order-svc signs its catalog requests with.
    static let serviceUserID = UUID(uuidString: "00000000-0000-4000-8000-000000008103")!
    static let tokenLifetime: TimeInterval = 3600
    static let retryDelays: [Double] = [0.05, 0.25]

    let baseURL: String
    private let http: any HTTPClient
    private let tokens: any TokenService
    private let logger: Logger
    private let token = Mutex<(value: String, renewAfter: Date)?>(nil)

    /// `baseURL` is catalog-svc's own address, such as `http://127.0.0.1:8102`, never Caddy's.
    public init(baseURL: String, tokens: any TokenService, logger: Logger, timeoutSeconds: Double = 3) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.http = UpstreamHTTPClient(timeoutSeconds: timeoutSeconds, logger: logger)
        self.tokens = tokens
        self.logger = logger
    }

    /// Sends `body` as JSON (or nothing when empty) to `path` for the shop `tenantID`.
    ///
    /// Throws `AppError(.unavailable, code: "catalog.unreachable")` when every attempt failed
    /// in transport.
    func send(_ method: HTTPMethod, _ path: String, tenantID: UUID, body: [UInt8] = []) throws -> HTTPClientResponse {
        var headers = HTTPHeaders()
        headers["Authorization"] = "Bearer \(try currentToken())"
        headers["X-Tenant-ID"] = tenantID.lowercasedString
        if !body.isEmpty { headers["Content-Type"] = "application/json" }

        var attempt = 0
        while true {
            do {
                return try http.send(method: method, url: baseURL + path, headers: headers, body: body)
            } catch let error as AppError where error.code == "upstream.unreachable" {
                guard attempt < Self.retryDelays.count else {
                    logger.error(
                        "catalog request failed after retries",
                        ["path": path, "tenant.id": tenantID.lowercasedString, "error": error.detail])
                    throw AppError(
                        .unavailable, code: "catalog.unreachable",
                        detail: "The catalog could not be reached; retry in a moment.")
                }
                WorkerThread.sleep(seconds: Self.retryDelays[attempt])
                attempt += 1
            }
        }
    }

    /// Returns the error for a status the caller does not expect, logging the response's code.
    func unexpected(_ response: HTTPClientResponse, path: String) -> AppError {
        logger.error(
            "catalog request returned an unexpected status",
            ["path": path, "status": String(response.status), "code": CatalogProblem(response).code ?? ""])
        return AppError(
            .unavailable, code: "catalog.unavailable",
            detail: "The catalog could not complete the request; retry in a moment.")
    }

    private func currentToken() throws -> String {
        let now = Date()
        if let cached = token.withLock({ $0 }), cached.renewAfter > now { return cached.value }
        let principal = Principal(
            userID: Self.serviceUserID, role: .platformAdmin, tenantID: nil, email: "order-svc@service.invalid",
            expiresAt: now.addingTimeInterval(Self.tokenLifetime))
        let value = try tokens.issue(principal)
        token.withLock { $0 = (value, now.addingTimeInterval(Self.tokenLifetime / 2)) }
        return value
    }
}

/// The parts of a catalog problem document that order-svc reads.
struct CatalogProblem {
    var code: String?
    var members: [String: JSONValue]

    init(_ response: HTTPClientResponse) {
        let value = try? JSONParser.parse(response.body)
        if case .object(let members)? = value {
            self.members = members
        } else {
            self.members = [:]
        }
        if case .string(let code)? = members["code"] { self.code = code }
    }
}
