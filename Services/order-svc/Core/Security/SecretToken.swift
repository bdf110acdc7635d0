/// Random bearer secrets for guest carts and order links.
public enum SecretToken {
    /// The number of random bytes in a token: 256 bits, beyond guessing.
    public static let byteCount = 32

    /// Makes a token of `byteCount` bytes from the system's secure random source, written as
    /// unpadded base64url, so 43 characters safe in URLs and headers.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return base64URL(bytes)
    }

    /// Returns `bytes` as unpadded base64url (RFC 4648, section 5).
    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var bits: UInt32 = 0
            for (offset, byte) in chunk.enumerated() { bits |= UInt32(byte) << UInt32(16 - offset * 8) }
            for position in 0...chunk.count {
                output.append(alphabet[Int((bits >> UInt32(18 - position * 6)) & 0x3f)])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
