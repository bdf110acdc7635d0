/// Base64url without padding (RFC 4648 section 5): JWT segments and the list cursors.
///
/// Works on bytes. Foundation's base64 followed by `replacingOccurrences` for the alphabet
/// went through NSString's search on every call, which showed in profiles of the product list.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let input = Array(bytes)
        var text: [UInt8] = []
        text.reserveCapacity(input.count * 4 / 3 + 3)
        var index = 0
        while index < input.count {
            let first = input[index]
            let second = index + 1 < input.count ? input[index + 1] : nil
            let third = index + 2 < input.count ? input[index + 2] : nil
            text.append(alphabet[Int(first >> 2)])
            text.append(alphabet[Int((first & 0x03) << 4 | (second ?? 0) >> 4)])
            if let second { text.append(alphabet[Int((second & 0x0F) << 2 | (third ?? 0) >> 6)]) }
            if let third { text.append(alphabet[Int(third & 0x3F)]) }
            index += 3
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Returns nil for characters outside the base64url alphabet (padding included), an
    /// impossible length, or unused low bits that are not zero, so each byte string has exactly
    /// one accepted text.
    public static func decode<Text: StringProtocol>(_ text: Text) -> [UInt8]? {
        let units = text.utf8
        guard units.count % 4 != 1 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(units.count * 3 / 4)
        var pending: UInt32 = 0
        var pendingBits = 0
        for unit in units {
            guard let value = sextet(unit) else { return nil }
            pending = (pending << 6 | UInt32(value)) & 0x3FFF
            pendingBits += 6
            if pendingBits >= 8 {
                pendingBits -= 8
                bytes.append(UInt8(truncatingIfNeeded: pending >> UInt32(pendingBits)))
                pending &= (1 << UInt32(pendingBits)) - 1
            }
        }
        return pending == 0 ? bytes : nil
    }

    private static func sextet(_ unit: UInt8) -> UInt8? {
        switch unit {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): unit - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): unit - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): unit - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
