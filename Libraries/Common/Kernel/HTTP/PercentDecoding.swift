extension String {
    /// The string with its percent escapes decoded: nil when a `%` is not followed by two hex
    /// digits, the decoded bytes are not UTF-8, or an escape decodes to NUL. A `+` stays a `+`.
    ///
    /// NUL is refused because no text the platform handles may hold it: PostgreSQL's text
    /// cannot, and libpq reads each parameter only up to its first NUL, so `handle%00suffix`
    /// would find the product `handle`.
    public var percentDecoded: String? {
        guard utf8.contains(UInt8(ascii: "%")) else { return self }
        let source = Array(utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var index = 0
        while index < source.count {
            guard source[index] == UInt8(ascii: "%") else {
                bytes.append(source[index])
                index += 1
                continue
            }
            guard index + 2 < source.count, let high = HexDigit.value(source[index + 1]),
                let low = HexDigit.value(source[index + 2]), high | low != 0
            else { return nil }
            bytes.append(high << 4 | low)
            index += 3
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The string with every byte outside RFC 3986's unreserved set (letters, digits, `-`, `.`,
    /// `_` and `~`) written as `%XX`, so it can stand as a query value whatever it holds.
    public var percentEncodedQueryValue: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes.append(UInt8(ascii: "%"))
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
