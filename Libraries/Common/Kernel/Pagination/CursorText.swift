/// The opaque form of a list cursor: unpadded base64url of the position's text followed by `|`
/// and a checksum of that text.
///
/// Without the checksum, a cursor cut short by a client often still decodes to a well-formed
/// position, such as a shorter title or a smaller number, and the listing quietly continues from
/// the wrong place. The checksum is 32-bit FNV-1a, which catches such accidents. It is not a
/// signature: a client can still build a cursor by hand, which only moves it within the listing
/// the query already limits to its shop.
///
/// A listing may also pass a scope, such as its shop and filters. The checksum then covers the
/// scope too, without writing it into the cursor, so that a cursor of one listing does not
/// decode in another.
public enum CursorText {
    /// Returns the cursor for `text` in `scope`.
    public static func encode(_ text: String, scope: String = "") -> String {
        Base64URL.encode(Array("\(text)|\(checksum(text, scope: scope))".utf8))
    }

    /// Returns the text that `encode` was given, or nil when `cursor` is not base64url of UTF-8
    /// text ending in the checksum of what comes before it in `scope`.
    public static func decode(_ cursor: String, scope: String = "") -> String? {
        guard let bytes = Base64URL.decode(cursor), let sealed = String(validating: bytes, as: UTF8.self),
            let separator = sealed.utf8.lastIndex(of: UInt8(ascii: "|"))
        else { return nil }
        let text = String(sealed[..<separator])
        guard sealed[sealed.index(after: separator)...] == checksum(text, scope: scope) else { return nil }
        return text
    }

    /// Returns the checksum of `text` in `scope`. A line break separates the two, and an empty
    /// scope adds nothing, so cursors without a scope keep their checksum.
    static func checksum(_ text: String, scope: String) -> String {
        checksum(scope.isEmpty ? text : scope + "\n" + text)
    }

    /// Returns 32-bit FNV-1a of the UTF-8 of `text` as eight lower-case hex digits.
    static func checksum(_ text: String) -> String {
        var hash: UInt32 = 0x811c_9dc5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
