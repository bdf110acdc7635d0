import CommonKernel

/// The framing of a response's body: where it ends (RFC 9112, section 6.3).
enum HTTPResponseFraming: Equatable {
    /// No body: a response to HEAD, 1xx, 204 or 304.
    case none
    case length(Int)
    case chunked
    /// The body ends when the upstream closes the connection.
    case untilClose
}

/// The status line and header fields of one response.
struct HTTPResponseHead {
    /// The `x` of `HTTP/1.x`.
    var minorVersion: Int
    var status: Int
    var headers = HTTPHeaders()

    /// Parses `HTTP/1.x SP 3DIGIT [SP reason]`; the reason phrase is ignored.
    init(statusLine line: ArraySlice<UInt8>) throws {
        let bytes = Array(line)
        let prefix = Array("HTTP/1.".utf8)
        guard bytes.count >= 12, bytes.starts(with: prefix), Self.isDigit(bytes[7]), bytes[8] == UInt8(ascii: " "),
            bytes[9...11].allSatisfy(Self.isDigit), bytes[9] != UInt8(ascii: "0"),
            bytes.count == 12 || bytes[12] == UInt8(ascii: " ")
        else {
            throw HTTPTransportError.invalidResponse("malformed status line")
        }
        minorVersion = Int(bytes[7] - UInt8(ascii: "0"))
        status = bytes[9...11].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// Parses one `name: value` line, trimming spaces and tabs around the value. Throws
    /// `invalidResponse` for an obsolete folded line, which starts with a space or tab, a line
    /// without a colon, and a name that is not a token, which includes whitespace before the colon.
    static func parseField(_ line: ArraySlice<UInt8>) throws -> (name: String, value: String) {
        if let first = line.first, isBlank(first) { throw HTTPTransportError.invalidResponse("folded header line") }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw HTTPTransportError.invalidResponse("header line without a colon")
        }
        let name = String(decoding: line[..<colon], as: UTF8.self)
        guard HTTPRequestHead.isToken(name) else { throw HTTPTransportError.invalidResponse("invalid header name") }
        let value = line[(colon + 1)...].drop { isBlank($0) }
        let end = value.lastIndex { !isBlank($0) }.map { $0 + 1 } ?? value.startIndex
        return (name, String(decoding: value[..<end], as: UTF8.self))
    }

    /// Returns true when the upstream keeps the connection open after this response: HTTP/1.1
    /// without `Connection: close`. HTTP/1.0 connections are not reused.
    var keepsConnectionOpen: Bool {
        minorVersion >= 1 && !headers.contains { Self.isSameName($0.name, "Connection") && Self.listContains($0.value, "close") }
    }

    /// Returns true when the response has both `Transfer-Encoding` and `Content-Length`. The
    /// first decides the framing, and the connection is not reused, because RFC 9112 section 6.3
    /// treats such a message as a possible request smuggling attempt.
    var hasConflictingFraming: Bool {
        headers["Transfer-Encoding"] != nil && headers["Content-Length"] != nil
    }

    /// Decides how the body is delimited. Throws `invalidResponse` for a transfer coding other
    /// than `chunked` alone, and for a `Content-Length` that is not a plain decimal number or
    /// whose values disagree, whether they come in several fields or as a list in one.
    func framing(for method: HTTPMethod) throws -> HTTPResponseFraming {
        if method == .head || status < 200 || status == 204 || status == 304 { return .none }

        let codings = values(of: "Transfer-Encoding").map { $0.lowercased() }
        if !codings.isEmpty {
            guard codings == ["chunked"] else {
                throw HTTPTransportError.invalidResponse("unsupported Transfer-Encoding \(codings.joined(separator: ", "))")
            }
            return .chunked
        }

        let lengths = values(of: "Content-Length")
        if lengths.isEmpty { return .untilClose }
        guard lengths.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(Self.isDigit) }) else {
            throw HTTPTransportError.invalidResponse("Content-Length is not a number")
        }
        let numbers = lengths.map(Self.decimalValue)
        guard numbers.allSatisfy({ $0 == numbers[0] }) else {
            throw HTTPTransportError.invalidResponse("Content-Length values disagree")
        }
        return .length(numbers[0])
    }

    /// Returns the comma-separated elements of every field named `name`, trimmed, in order.
    private func values(of name: String) -> [String] {
        headers.filter { Self.isSameName($0.name, name) }.flatMap { field in
            field.value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
        }
    }

    /// Returns true when the comma-separated list `value` contains `token`, in any letter case.
    static func listContains(_ value: String, _ token: String) -> Bool {
        value.split(separator: ",").contains { isSameName($0.trimmingWhitespace(), token) }
    }

    /// Compares field names with ASCII letters folded to lower case, as HTTP names are
    /// case-insensitive.
    static func isSameName(_ left: String, _ right: String) -> Bool {
        left.utf8.count == right.utf8.count && zip(left.utf8, right.utf8).allSatisfy { lowercased($0) == lowercased($1) }
    }

    /// Returns the value of a string of ASCII digits, saturating at `Int.max` so that an absurd
    /// length fails the body limit instead of overflowing.
    private static func decimalValue(_ digits: String) -> Int {
        var value = 0
        for digit in digits.utf8 {
            let (shifted, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (sum, carried) = shifted.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            if overflowed || carried { return Int.max }
            value = sum
        }
        return value
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}
