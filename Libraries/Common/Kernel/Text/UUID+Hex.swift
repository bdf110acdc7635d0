import FoundationEssentials

// Foundation on Linux formats `uuidString` with `snprintf` and parses `UUID(uuidString:)` with
// `sscanf`. An uncached page of 24 products converted several hundred ids, and in perf profiles
// of it those two calls took about a fifth of catalog-svc's time, so these conversions work on
// the 16 bytes directly. Ids bound as PostgreSQL parameters and read with `PostgresRow.uuid`
// use them too.

extension UUID {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The lower-case form that the API and PostgreSQL print, such as
    /// `0190d6a4-5f6e-7c3b-9a2d-4e1f0b8c7a65`.
    public var lowercasedString: String {
        String(unsafeUninitializedCapacity: 36) { text in writeLowercased(into: text) }
    }

    /// Appends the 36 bytes of `lowercasedString` to `bytes`.
    public func appendLowercased(to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 36))
        bytes.withUnsafeMutableBufferPointer { buffer in
            _ = writeLowercased(into: UnsafeMutableBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// Writes the lower-case form into the first 36 bytes of `text` and returns 36.
    private func writeLowercased(into text: UnsafeMutableBufferPointer<UInt8>) -> Int {
        withUnsafeBytes(of: uuid) { bytes in
            var offset = 0
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    text[offset] = UInt8(ascii: "-")
                    offset += 1
                }
                text[offset] = Self.hexDigits[Int(byte >> 4)]
                text[offset + 1] = Self.hexDigits[Int(byte & 0x0f)]
                offset += 2
            }
            return offset
        }
    }

    /// Parses the canonical 8-4-4-4-12 hex form in either case, as PostgreSQL prints a `uuid`.
    /// Returns nil for any other text, like `UUID(uuidString:)`.
    public init?(hexText text: String) {
        var text = text
        let parsed: uuid_t? = text.withUTF8 { utf8 in
            guard utf8.count == 36 else { return nil }
            var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let complete = withUnsafeMutableBytes(of: &bytes) { output -> Bool in
                var offset = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        guard utf8[offset] == UInt8(ascii: "-") else { return false }
                        offset += 1
                    }
                    guard let high = HexDigit.value(utf8[offset]), let low = HexDigit.value(utf8[offset + 1]) else {
                        return false
                    }
                    output[index] = high << 4 | low
                    offset += 2
                }
                return true
            }
            return complete ? bytes : nil
        }
        guard let parsed else { return nil }
        self.init(uuid: parsed)
    }
}
