import CMicroHTTPD
import CommonKernel

/// Reads requests from and writes responses to a libmicrohttpd connection.
enum MHDConnection {
    /// Builds the request without its body from the connection's headers and query arguments.
    ///
    /// The daemon leaves escapes in place (see `mhdKeepEscapes`), so `path` stays raw for the
    /// router and the query arguments are percent-decoded here, once. libmicrohttpd has already
    /// turned `+` into a space in them. Every argument is passed on, so that the kernel can detect a
    /// repeated name, and an argument that does not decode is noted for the router to reject.
    static func request(on connection: OpaquePointer, method: String, path: String) -> HTTPRequest {
        let headers = HTTPHeaders(values(of: .HEADER_KIND, on: connection))
        var malformed: [String] = []
        let arguments = values(of: .GET_ARGUMENT_KIND, on: connection).map { name, value in
            let decodedName = name.percentDecoded
            let decodedValue = value.percentDecoded
            if (decodedName == nil || decodedValue == nil), !malformed.contains(name) { malformed.append(name) }
            return (name: decodedName ?? name, value: decodedValue ?? value)
        }
        var request = HTTPRequest(method: HTTPMethod(rawValue: method), path: path, queryArguments: arguments, headers: headers)
        request.malformedQueryNames = malformed
        return request
    }

    /// Queues `response` with its headers, leaving `Content-Length` to libmicrohttpd, which also
    /// drops the body of a response to HEAD.
    static func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
        // MUST_COPY lets libmicrohttpd keep the bytes after the Swift array is gone.
        let created = response.body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
        }
        guard let mhdResponse = created else { return .NO }
        defer { MHD_destroy_response(mhdResponse) }

        for (name, value) in response.headers where name.lowercased() != "content-length" {
            // A header that libmicrohttpd rejects, such as one with a line break, is left out.
            _ = MHD_add_response_header(mhdResponse, name, value)
        }
        return MHD_queue_response(connection, UInt32(response.status), mhdResponse)
    }

    private static func values(of kind: MHD_ValueKind, on connection: OpaquePointer) -> [(String, String)] {
        let collector = KeyValueCollector()
        withExtendedLifetime(collector) {
            _ = MHD_get_connection_values(connection, kind, mhdCollectValue, Unmanaged.passUnretained(collector).toOpaque())
        }
        return collector.pairs
    }
}

/// The target of `mhdCollectValue` while one `MHD_get_connection_values` call runs.
final class KeyValueCollector {
    var pairs: [(String, String)] = []
}
