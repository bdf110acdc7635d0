import CommonKernel

/// An upstream's response: its status, headers and whole body, whatever the status.
public struct HTTPClientResponse: Sendable {
    public var status: Int
    /// The headers of the final response, after any `100 Continue`.
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
