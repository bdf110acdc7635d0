/// An `http://host[:port]/path?query` URL, split into what a request on a TCP socket needs.
///
/// The host is a name (letters, digits, `-`, `.` and `_`, as docker compose service names use),
/// an IPv4 address, or an IPv6 address in brackets. User information, other schemes and bytes
/// outside printable ASCII are rejected, so that the request line and `Host` header built from
/// the URL cannot carry a space or a line break.
struct HTTPURL: Equatable {
    /// The name or address to resolve, in lower case and without the brackets of an IPv6 literal.
    var host: String
    var port: Int
    /// The path and query for the request line: `/` when the URL has none, never the fragment.
    var target: String
    /// The `Host` header's value: the host as written (in lower case), and `:port` unless it is 80.
    var hostHeader: String
    /// The host as written and the port, always given, which name the keep-alive connections
    /// that can serve this URL.
    var authority: String

    static let defaultPort = 80
    private static let scheme = Array("http://".utf8)

    /// Returns true when `url` starts with `http://`, in any letter case.
    static func hasHTTPScheme(_ url: String) -> Bool {
        let prefix = url.utf8.prefix(scheme.count)
        return prefix.count == scheme.count && zip(prefix, scheme).allSatisfy { lowercasedASCII($0) == $1 }
    }

    /// Parses `text`; returns nil when it is not an `http://` URL of the form described above.
    init?(_ text: String) {
        guard Self.hasHTTPScheme(text), text.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        let rest = text.utf8.dropFirst(Self.scheme.count)
        let authorityEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
        let authorityText = Substring(rest[..<(authorityEnd ?? rest.endIndex)])
        guard let (host, written, port) = Self.parseAuthority(authorityText) else { return nil }

        var target = Substring(rest[(authorityEnd ?? rest.endIndex)...])
        if let fragment = target.firstIndex(of: "#") { target = target[..<fragment] }
        self.host = host
        self.port = port
        self.target = target.hasPrefix("/") ? String(target) : "/" + target
        hostHeader = port == Self.defaultPort ? written : "\(written):\(port)"
        authority = "\(written):\(port)"
    }

    /// Splits `host[:port]` or `[address][:port]` into the host to resolve, the host as written
    /// and the port. An empty port after the colon means the default one.
    private static func parseAuthority(_ authority: Substring) -> (host: String, written: String, port: Int)? {
        let host: Substring
        let written: Substring
        let portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            written = authority[...close]
            let after = authority[authority.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { return nil }
            portText = after.isEmpty ? nil : after.dropFirst()
            guard !host.isEmpty, host.utf8.allSatisfy(isIPv6LiteralByte) else { return nil }
        } else {
            let colon = authority.firstIndex(of: ":")
            host = authority[..<(colon ?? authority.endIndex)]
            written = host
            portText = colon.map { authority[authority.index(after: $0)...] }
            guard !host.isEmpty, host.utf8.allSatisfy(isHostNameByte) else { return nil }
        }
        guard let port = parsePort(portText) else { return nil }
        return (host.lowercased(), written.lowercased(), port)
    }

    private static func parsePort(_ text: Substring?) -> Int? {
        guard let text, !text.isEmpty else { return defaultPort }
        guard text.utf8.count <= 5, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let port = Int(text),
            (1...65535).contains(port)
        else { return nil }
        return port
    }

    private static func isHostNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    private static func isIPv6LiteralByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: ":"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }

    private static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
