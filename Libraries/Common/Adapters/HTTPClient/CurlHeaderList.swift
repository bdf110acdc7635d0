import CCurl
import CCurlShim
import CommonKernel

/// Request headers as the `curl_slist` that CURLOPT_HTTPHEADER takes, freed with this value.
final class CurlHeaderList {
    private var list: UnsafeMutablePointer<curl_slist>?

    /// Adds `Expect:` to skip the `100 Continue` round trip, because upstreams of the platform read
    /// bodies at once, and when a body has no `Content-Type`, removes the form type libcurl would
    /// add. Throws `internal` for a name or value with a line break, which could forge headers.
    init(_ headers: HTTPHeaders, hasBody: Bool) throws {
        for (name, value) in headers {
            guard !Self.containsLineBreak(name), !Self.containsLineBreak(value) else {
                throw AppError(.internal, code: "upstream.invalid_header", detail: "The request header \(name) contains a line break.")
            }
            // libcurl sends `Name;` as an empty header, while `Name:` would remove it.
            append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        if headers["Expect"] == nil { append("Expect:") }
        if hasBody, headers["Content-Type"] == nil { append("Content-Type:") }
    }

    deinit {
        ccurl_slist_free_all(list)
    }

    /// Runs `body` with the list; it stays valid until this value is released.
    func withList<Result>(_ body: (UnsafeMutablePointer<curl_slist>?) throws -> Result) rethrows -> Result {
        try body(list)
    }

    private func append(_ line: String) {
        list = ccurl_slist_append(list, line)
    }

    private static func containsLineBreak(_ text: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
    }
}
