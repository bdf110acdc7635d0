import CommonKernel

/// Reads one response from a connection: it skips interim 1xx responses and returns the final
/// one with its whole body.
struct HTTPResponseReader {
    /// The limit for the status line and header fields of one response, interim responses
    /// included, and again for the trailer fields of a chunked body.
    static let maxHeaderBytes = 64 << 10
    /// The limit for one chunk-size line with its extensions. Extensions carry no meaning here,
    /// so a longer line is more likely garbage than a real extension.
    static let maxChunkLineBytes = 4 << 10

    let maxBodyBytes: Int

    /// Returns the final response to `method` and whether the connection can carry another
    /// request: a complete response delimited by length or chunks, from an HTTP/1.1 upstream
    /// that did not say `Connection: close`, and nothing received after it.
    func read(
        from connection: TCPConnection, method: HTTPMethod, deadline: ContinuousClock.Instant
    ) throws -> (response: HTTPClientResponse, reusable: Bool) {
        var headerBudget = Self.maxHeaderBytes
        var head = try readHead(from: connection, budget: &headerBudget, deadline: deadline)
        while head.status < 200 {
            // The client never asks for an upgrade, so a switch of protocols cannot be followed.
            guard head.status != 101 else { throw HTTPTransportError.invalidResponse("unexpected 101 Switching Protocols") }
            head = try readHead(from: connection, budget: &headerBudget, deadline: deadline)
        }

        let framing = try head.framing(for: method)
        var body: [UInt8] = []
        switch framing {
        case .none:
            break
        case .length(let count):
            guard count <= maxBodyBytes else { throw HTTPTransportError.bodyTooLarge(limit: maxBodyBytes) }
            try connection.read(count: count, into: &body, deadline: deadline)
        case .chunked:
            try readChunks(from: connection, into: &body, deadline: deadline)
            var trailerBudget = Self.maxHeaderBytes
            try skipTrailers(from: connection, budget: &trailerBudget, deadline: deadline)
        case .untilClose:
            try connection.readToEnd(into: &body, maxBytes: maxBodyBytes, deadline: deadline)
        }

        let reusable = framing != .untilClose && head.keepsConnectionOpen && !head.hasConflictingFraming
            && connection.hasNoUnreadBytes
        return (HTTPClientResponse(status: head.status, headers: head.headers, body: body), reusable)
    }

    private func readHead(
        from connection: TCPConnection, budget: inout Int, deadline: ContinuousClock.Instant
    ) throws -> HTTPResponseHead {
        var head = try HTTPResponseHead(statusLine: try readHeadLine(from: connection, budget: &budget, deadline: deadline))
        while true {
            let line = try readHeadLine(from: connection, budget: &budget, deadline: deadline)
            if line.isEmpty { return head }
            let field = try HTTPResponseHead.parseField(line)
            head.headers.add(field.name, field.value)
        }
    }

    /// Reads a line of the head, charging it with its CRLF to `budget`.
    private func readHeadLine(
        from connection: TCPConnection, budget: inout Int, deadline: ContinuousClock.Instant
    ) throws -> ArraySlice<UInt8> {
        guard let line = try connection.readLine(maxBytes: budget, deadline: deadline) else {
            throw HTTPTransportError.headersTooLarge(limit: Self.maxHeaderBytes)
        }
        budget -= line.count + 2
        return line
    }

    /// Appends the data of every chunk up to the last, empty one.
    private func readChunks(from connection: TCPConnection, into body: inout [UInt8], deadline: ContinuousClock.Instant) throws {
        while true {
            guard let line = try connection.readLine(maxBytes: Self.maxChunkLineBytes, deadline: deadline) else {
                throw HTTPTransportError.invalidResponse("chunk size line too long")
            }
            guard let size = Self.chunkSize(line) else { throw HTTPTransportError.invalidResponse("invalid chunk size") }
            if size == 0 { return }
            guard size <= maxBodyBytes - body.count else { throw HTTPTransportError.bodyTooLarge(limit: maxBodyBytes) }
            try connection.read(count: size, into: &body, deadline: deadline)
            guard let end = try connection.readLine(maxBytes: 2, deadline: deadline), end.isEmpty else {
                throw HTTPTransportError.invalidResponse("chunk data not followed by CRLF")
            }
        }
    }

    /// Reads the trailer fields after the last chunk, checks their syntax and drops them. HTTP
    /// (RFC 9110) allows merging a trailer into the header fields only where the field's
    /// definition permits it, and no caller reads trailers.
    private func skipTrailers(from connection: TCPConnection, budget: inout Int, deadline: ContinuousClock.Instant) throws {
        while true {
            let line = try readHeadLine(from: connection, budget: &budget, deadline: deadline)
            if line.isEmpty { return }
            _ = try HTTPResponseHead.parseField(line)
        }
    }

    /// Parses `1*HEXDIG [BWS ";" extensions]`; returns nil for anything else or more than 15
    /// digits, which could overflow.
    static func chunkSize(_ line: ArraySlice<UInt8>) -> Int? {
        var digits = line[..<(line.firstIndex(of: UInt8(ascii: ";")) ?? line.endIndex)]
        while let last = digits.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { digits.removeLast() }
        guard !digits.isEmpty, digits.count <= 15 else { return nil }
        var size = 0
        for byte in digits {
            guard let value = HexDigit.value(byte) else { return nil }
            size = size * 16 + Int(value)
        }
        return size
    }
}
