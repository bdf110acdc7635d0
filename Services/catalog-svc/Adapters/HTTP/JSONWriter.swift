import FoundationEssentials

/// Writes JSON straight into bytes in the order the caller gives, for the hot read paths,
/// where a `JSONEncoder` or a dictionary per request would slow every answer down.
///
/// The caller nests `object` and `array` calls; commas are placed by the writer.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the innermost open container already has a member, so the next needs a comma.
    private var hasMember: [Bool] = []

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes an object whose members `body` writes with the `member` functions.
    mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        open(UInt8(ascii: "{"))
        try body(&self)
        close(UInt8(ascii: "}"))
    }

    /// Writes an array with one element per item of `items`.
    mutating func array<Items: Sequence>(_ items: Items, _ element: (inout JSONWriter, Items.Element) -> Void) {
        open(UInt8(ascii: "["))
        for item in items {
            separate()
            element(&self, item)
        }
        close(UInt8(ascii: "]"))
    }

    /// Writes an array whose elements `body` adds one at a time with `rawElement`, for elements
    /// that arrive one by one rather than as a collection.
    mutating func array(_ body: (inout JSONWriter) throws -> Void) rethrows {
        open(UInt8(ascii: "["))
        try body(&self)
        close(UInt8(ascii: "]"))
    }

    /// Adds an element of already encoded JSON text, which `body` appends, to the array being written.
    mutating func rawElement(_ body: (inout [UInt8]) -> Void) {
        separate()
        body(&bytes)
    }

    /// Writes the key of the next object member; the value follows with a value function.
    mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func member(_ name: String, _ value: String) {
        key(name)
        writeString(value)
    }

    mutating func member(_ name: String, _ value: String?) {
        key(name)
        if let value { writeString(value) } else { bytes.append(contentsOf: "null".utf8) }
    }

    mutating func member(_ name: String, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func member(_ name: String, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Writes a number given as its JSON text, such as a decimal weight.
    mutating func member(_ name: String, number text: String) {
        key(name)
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes bytes that are already a JSON value, such as a stored document, without checking them.
    mutating func member(_ name: String, raw value: [UInt8]) {
        key(name)
        bytes.append(contentsOf: value)
    }

    /// Lets `body` append JSON text that is already encoded, such as a stored document, where a
    /// value belongs. Inside `array`, the comma before the element is already written.
    mutating func appendRaw(_ body: (inout [UInt8]) -> Void) {
        body(&bytes)
    }

    /// Writes an id in its lower-case form, or null.
    mutating func member(_ name: String, id: UUID?) {
        key(name)
        if let id { string(id: id) } else { null() }
    }

    /// Writes an id in its lower-case form as a string element, without making a `String` first.
    mutating func string(id: UUID) {
        bytes.append(UInt8(ascii: "\""))
        id.appendLowercased(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func string(_ value: String) {
        writeString(value)
    }

    mutating func null() {
        bytes.append(contentsOf: "null".utf8)
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        hasMember.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        hasMember.removeLast()
    }

    private mutating func separate() {
        guard let last = hasMember.indices.last else { return }
        if hasMember[last] { bytes.append(UInt8(ascii: ",")) }
        hasMember[last] = true
    }

    /// Writes a string with the escapes JSON requires: quote, backslash and control characters.
    /// Runs of bytes that need no escape are copied in one piece.
    private mutating func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = value
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                writeEscape(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
        case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
        case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
        case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
        case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
        default: bytes += Array("\\u00".utf8) + Self.hexDigits(byte)
        }
    }

    private static func hexDigits(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]]
    }
}
