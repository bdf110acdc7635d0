@testable import CommonAdapters
import XCTest

final class HTTPURLTests: XCTestCase {
    func testValidURLsParsed() throws {
        let cases: [(url: String, host: String, port: Int, target: String, hostHeader: String)] = [
            ("http://tenant-svc:8101/internal/tenants/resolve?subdomain=demo", "tenant-svc", 8101, "/internal/tenants/resolve?subdomain=demo", "tenant-svc:8101"),
            ("http://127.0.0.1:8102", "127.0.0.1", 8102, "/", "127.0.0.1:8102"),
            ("HTTP://LocalHost/health", "localhost", 80, "/health", "localhost"),
            ("http://localhost:80/a", "localhost", 80, "/a", "localhost"),
            ("http://[::1]:8103/x#part", "::1", 8103, "/x", "[::1]:8103"),
            ("http://[::1]/", "::1", 80, "/", "[::1]"),
            ("http://catalog_svc?q=1", "catalog_svc", 80, "/?q=1", "catalog_svc"),
            ("http://host:/p", "host", 80, "/p", "host"),
        ]
        for entry in cases {
            let url = try XCTUnwrap(HTTPURL(entry.url), entry.url)
            XCTAssertEqual(url.host, entry.host, entry.url)
            XCTAssertEqual(url.port, entry.port, entry.url)
            XCTAssertEqual(url.target, entry.target, entry.url)
            XCTAssertEqual(url.hostHeader, entry.hostHeader, entry.url)
        }
    }

    func testAuthorityAlwaysNamesPort() {
        XCTAssertEqual(HTTPURL("http://tenant-svc/x")?.authority, "tenant-svc:80")
        XCTAssertEqual(HTTPURL("http://[::1]:81/x")?.authority, "[::1]:81")
    }

    func testInvalidURLsRejected() {
        let invalid = [
            "https://tenant-svc/", "ftp://host/", "http:/host", "http://", "http:///path", "http://user:secret@host/",
            "http://host:0/", "http://host:65536/", "http://host:8o/", "http://host:123456/", "http://[::1/", "http://[]/",
            "http://[::1]x/", "http://[g::1]/", "http://ho st/", "http://host/a b", "http://host/a\r\nX: y", "http://hôst/",
            "http://host%2f/", "tenant-svc:8101/x",
        ]
        for url in invalid {
            XCTAssertNil(HTTPURL(url), url)
        }
    }

    func testSchemeCheckIgnoresCase() {
        XCTAssertTrue(HTTPURL.hasHTTPScheme("http://a"))
        XCTAssertTrue(HTTPURL.hasHTTPScheme("HtTp://a"))
        XCTAssertFalse(HTTPURL.hasHTTPScheme("https://a"))
        XCTAssertFalse(HTTPURL.hasHTTPScheme("http:"))
    }
}
