import CCurlShim
import FoundationEssentials
import CommonKernel

// libcurl's data callbacks, as file-scope constants because a C function pointer cannot capture
// context. Each reaches its `CurlResponseCollector` through the user data pointer.

/// Appends a chunk of the response body. Once the body would pass the limit it returns 0, so
/// libcurl aborts the transfer with CURLE_WRITE_ERROR.
let curlWriteBody: ccurl_data_callback = { data, size, count, collector in
    guard let collector else { return 0 }
    let target = Unmanaged<CurlResponseCollector>.fromOpaque(collector).takeUnretainedValue()
    let chunk = UnsafeRawBufferPointer(start: data, count: size * count)
    return target.appendBody(chunk) ? chunk.count : 0
}

/// Receives one header line, including the status line and the blank line that ends the headers.
let curlReceiveHeader: ccurl_data_callback = { data, size, count, collector in
    guard let collector else { return 0 }
    let target = Unmanaged<CurlResponseCollector>.fromOpaque(collector).takeUnretainedValue()
    let line = UnsafeRawBufferPointer(start: data, count: size * count)
    target.receiveHeaderLine(String(decoding: line, as: UTF8.self))
    return line.count
}

/// The response of one transfer as libcurl delivers it.
final class CurlResponseCollector {
    private(set) var headers = HTTPHeaders()
    private(set) var body: [UInt8] = []
    private(set) var bodyTooLarge = false
    private let maxBodyBytes: Int

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    /// Returns false, keeping nothing of the chunk, when it would take the body past the limit.
    func appendBody(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard body.count + chunk.count <= maxBodyBytes else {
            bodyTooLarge = true
            return false
        }
        body.append(contentsOf: chunk)
        return true
    }

    func receiveHeaderLine(_ line: String) {
        // Each status line starts a new header block, for example after `100 Continue`.
        if line.hasPrefix("HTTP/") {
            headers = HTTPHeaders()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = Self.trimmed(line[..<colon])
        let value = Self.trimmed(line[line.index(after: colon)...])
        if !name.isEmpty { headers.add(name, value) }
    }

    /// Removes spaces, tabs and line breaks at both ends. Unlike Foundation's
    /// `trimmingCharacters`, it does not bridge to `NSString`, which showed up in profiles of
    /// services that call other services on every request.
    static func trimmed(_ text: Substring) -> String {
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !isBlank($0) })!
        return String(text[first...last])
    }
}
