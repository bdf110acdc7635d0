import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Catalog requests through Caddy and to catalog-svc's internal address, for the catalog tests.
extension PlatformHarness {
    /// Creates a product as the shop's owner and returns its JSON; fails the test on any status but 201.
    @discardableResult
    func createProduct(
        in shop: Shop, _ fields: [String: Any], file: StaticString = #filePath, line: UInt = #line
    ) throws -> [String: Any] {
        let reply = try send(.post, "/api/v1/products", host: shop.host, token: shop.ownerToken, json: fields)
        XCTAssertEqual(reply.status, 201, reply.text, file: file, line: line)
        return reply.json
    }

    /// Returns a product body with one option "Size" and a variant per size, each with `stock` units.
    static func productFields(
        title: String, price: String = "100.00", sizes: [String] = ["M"], stock: Int = 10, extra: [String: Any] = [:]
    ) -> [String: Any] {
        var fields: [String: Any] = [
            "title": title, "vendor": "Karigor", "product_type": "Textile", "tags": "handmade, test",
            "options": [["name": "Size", "values": sizes]],
            "variants": sizes.map { size in
                ["option1": size, "price": price, "sku": "\(title.prefix(8))-\(size)", "inventory_quantity": stock]
            },
        ]
        fields.merge(extra) { _, new in new }
        return fields
    }

    /// Uploads CSV text to `POST /api/v1/imports` as the shop's owner.
    func uploadCSV(_ text: String, to shop: Shop, fileName: String = "products.csv") throws -> Reply {
        let name = fileName.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? fileName
        return try send(
            .post, "/api/v1/imports?file_name=\(name)", host: shop.host, token: shop.ownerToken,
            headers: [("Content-Type", "text/csv")], body: Array(text.utf8))
    }

    /// Uploads CSV text and polls the job until it finishes, for at most `timeout` seconds.
    func importCSV(_ text: String, to shop: Shop, fileName: String = "products.csv", timeout: Double = 120) throws
        -> [String: Any]
    {
        let upload = try uploadCSV(text, to: shop, fileName: fileName)
        guard upload.status == 202, let id = upload.json["id"] as? String else {
            throw HarnessError("upload of \(fileName) failed with \(upload.status): \(upload.text)")
        }
        return try waitForImport(id, in: shop, timeout: timeout)
    }

    func waitForImport(_ id: String, in shop: Shop, timeout: Double = 120) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let reply = try send(.get, "/api/v1/imports/\(id)", host: shop.host, token: shop.ownerToken)
            let status = reply.json["status"] as? String
            if status == "succeeded" || status == "failed" { return reply.json }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw HarnessError("import \(id) did not finish within \(timeout) seconds")
    }

    /// Reads every page of a product listing and returns the products in order.
    func allProducts(in shop: Shop, token: String? = nil, query: String = "") throws -> [[String: Any]] {
        var products: [[String: Any]] = []
        var cursor: String?
        repeat {
            var path = "/api/v1/products?limit=250" + (query.isEmpty ? "" : "&\(query)")
            if let cursor { path += "&cursor=\(cursor)" }
            let reply = try send(.get, path, host: shop.host, token: token)
            guard reply.status == 200 else { throw HarnessError("listing failed with \(reply.status): \(reply.text)") }
            products += reply.json["data"] as? [[String: Any]] ?? []
            cursor = reply.json["next_cursor"] as? String
        } while cursor != nil
        return products
    }

    /// Sends a request straight to catalog-svc's internal API with a platform admin token and
    /// the shop's id in `X-Tenant-ID`, as order-svc does.
    func internalCatalog(
        _ method: HTTPMethod, _ path: String, tenantID: UUID?, token: String?, json: [String: Any]? = nil
    ) throws -> Reply {
        var headers: [(String, String)] = [("Host", "127.0.0.1")]
        if let tenantID { headers.append(("X-Tenant-ID", tenantID.uuidString.lowercased())) }
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if json != nil { headers.append(("Content-Type", "application/json")) }
        let body = try json.map { Array(try JSONSerialization.data(withJSONObject: $0)) } ?? []
        let response = try Self.client.send(
            method: method, url: try variable("COMMERCE_TEST_SERVICE_URL_CATALOG_SVC") + path,
            headers: HTTPHeaders(headers), body: body)
        return Reply(status: response.status, headers: response.headers, body: response.body)
    }

    /// Returns the Shopify CSV files of the test data, sorted by name, and skips when there are none.
    func shopifyFiles() throws -> [URL] {
        let folder = URL(fileURLWithPath: try variable("COMMERCE_DATA_DIR")).appendingPathComponent("shopify")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "csv" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        if files.isEmpty { throw XCTSkip("no CSV files in \(folder.path)") }
        return files
    }
}

/// Runs `body` on `count` threads of their own at once and waits for all of them, so that the
/// requests really overlap; `DispatchQueue.concurrentPerform` would use one thread per core.
func runConcurrently(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    let start = DispatchSemaphore(value: 0)
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            start.wait()
            body(index)
            group.leave()
        }
        thread.stackSize = 512 * 1024
        thread.start()
    }
    for _ in 0..<count { start.signal() }
    group.wait()
}
