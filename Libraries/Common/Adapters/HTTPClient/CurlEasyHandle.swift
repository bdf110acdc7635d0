import CCurl
import CCurlShim
import CommonKernel
import FoundationEssentials

/// A failed libcurl call: its result code and libcurl's message, which may name the host and
/// port but never the request's body.
struct CurlError: Error {
    var code: CURLcode
    var message: String
}

/// One libcurl easy handle. It keeps its connections open between transfers, so reusing the
/// handle for the same upstream reuses the connection.
///
/// `@unchecked Sendable` is safe because a handle serves one transfer at a time: it sits either in
/// `CurlHTTPClient`'s idle list, under that client's mutex, or with the one `send` that took it.
final class CurlEasyHandle: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init?() {
        guard let handle = ccurl_easy_init() else { return nil }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
    }

    deinit {
        ccurl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Runs one transfer and returns the upstream's response, whatever its status.
    /// Throws `CurlError` when libcurl fails to connect, send or receive, or the response body
    /// exceeds `maxResponseBytes`.
    func perform(
        method: HTTPMethod, url: String, headers: HTTPHeaders, body: [UInt8], timeoutMilliseconds: Int,
        maxResponseBytes: Int
    ) throws -> HTTPClientResponse {
        // A reset clears the previous transfer's options but keeps its open connections.
        ccurl_easy_reset(handle)
        errorBuffer[0] = 0
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try set(CURLOPT_URL, url)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        // Threads must not receive SIGALRM from libcurl's DNS timeouts.
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_TIMEOUT_MS, timeoutMilliseconds)
        try setMethod(method, body: body)

        let headerList = try CurlHeaderList(headers, hasBody: !body.isEmpty)
        try headerList.withList { try check(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, $0)) }

        let collector = CurlResponseCollector(maxBodyBytes: maxResponseBytes)
        return try withExtendedLifetime((collector, headerList)) {
            try receive(into: collector)
            try check(ccurl_easy_perform(handle))
            return HTTPClientResponse(status: try responseCode(), headers: collector.headers, body: collector.body)
        }
    }

    private func setMethod(_ method: HTTPMethod, body: [UInt8]) throws {
        switch method {
        case .get where body.isEmpty:
            try set(CURLOPT_HTTPGET, 1)
        case .head:
            try set(CURLOPT_NOBODY, 1)
        case .post, .put, .patch:
            try setBody(body)
        default:
            if !body.isEmpty { try setBody(body) }
        }
        if method != .get, method != .head, method != .post {
            try set(CURLOPT_CUSTOMREQUEST, method.rawValue)
        }
    }

    // COPYPOSTFIELDS copies the bytes, so the array need not outlive this call. The size goes
    // first because the body may contain zero bytes.
    private func setBody(_ body: [UInt8]) throws {
        try check(ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
        guard !body.isEmpty else { return try set(CURLOPT_COPYPOSTFIELDS, "") }
        try body.withUnsafeBytes { bytes in
            let start = bytes.baseAddress!.assumingMemoryBound(to: CChar.self)
            try check(ccurl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, start))
        }
    }

    private func receive(into collector: CurlResponseCollector) throws {
        let address = Unmanaged.passUnretained(collector).toOpaque()
        try check(ccurl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteBody))
        try set(CURLOPT_WRITEDATA, pointer: address)
        try check(ccurl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, curlReceiveHeader))
        try set(CURLOPT_HEADERDATA, pointer: address)
    }

    private func responseCode() throws -> Int {
        var code = 0
        try check(ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code))
        return code
    }

    private func set(_ option: CURLoption, _ value: Int) throws {
        try check(ccurl_setopt_long(handle, option, value))
    }

    private func set(_ option: CURLoption, _ value: String) throws {
        try check(ccurl_setopt_string(handle, option, value))
    }

    private func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer) throws {
        try check(ccurl_setopt_pointer(handle, option, pointer))
    }

    private func check(_ code: CURLcode) throws {
        guard code != CURLE_OK else { return }
        let detail = errorBuffer[0] == 0 ? String(cString: ccurl_easy_strerror(code)) : String(cString: errorBuffer)
        throw CurlError(code: code, message: detail)
    }
}
