/// A strict RFC 8259 reader for request bodies.
///
/// Unlike Foundation's decoder it rejects an object that names one member twice, because the
/// handler would otherwise see only one of the two values. It also rejects invalid UTF-8, lone
/// surrogate escapes, numbers outside the range of a `Double` and nesting deeper than
/// `maximumDepth`. Each error reports the byte offset where reading stopped.
public struct JSONParser {
    public static let maximumDepth = 64

    let bytes: [UInt8]
    var index = 0
    private var path: [String] = []
    private var depth = 0

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses `bytes` as one JSON value with nothing but white space around it.
    /// Throws `JSONParseError` for anything else.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhiteSpace()
        let value = try parser.parseValue()
        parser.skipWhiteSpace()
        if parser.index < bytes.count { throw parser.failure("unexpected text after the JSON value") }
        return value
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard let byte = peek() else { throw failure("the document ends where a value should be") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("unexpected character '\(Self.printable(byte))'")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterNesting()
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhiteSpace()
        if peek() == UInt8(ascii: "}") { index += 1; return leaveNesting(.object(members)) }
        while true {
            skipWhiteSpace()
            guard peek() == UInt8(ascii: "\"") else { throw failure("expected a member name in double quotes") }
            let key = try parseString()
            path.append(key)
            if members[key] != nil { throw JSONParseError(reason: .duplicateKey, offset: index, path: fieldPath) }
            skipWhiteSpace()
            try expect(UInt8(ascii: ":"), "expected ':' after a member name")
            skipWhiteSpace()
            members[key] = try parseValue()
            path.removeLast()
            skipWhiteSpace()
            if try closes(UInt8(ascii: "}")) { return leaveNesting(.object(members)) }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterNesting()
        index += 1
        var elements: [JSONValue] = []
        skipWhiteSpace()
        if peek() == UInt8(ascii: "]") { index += 1; return leaveNesting(.array(elements)) }
        while true {
            skipWhiteSpace()
            path.append("[\(elements.count)]")
            elements.append(try parseValue())
            path.removeLast()
            skipWhiteSpace()
            if try closes(UInt8(ascii: "]")) { return leaveNesting(.array(elements)) }
        }
    }

    /// Consumes a ',' (returning false) or the closing byte (returning true).
    private mutating func closes(_ closing: UInt8) throws(JSONParseError) -> Bool {
        if peek() == UInt8(ascii: ",") { index += 1; return false }
        if peek() == closing { index += 1; return true }
        throw failure("expected ',' or '\(Self.printable(closing))'")
    }

    private mutating func enterNesting() throws(JSONParseError) {
        if depth >= Self.maximumDepth { throw failure("nested deeper than \(Self.maximumDepth) levels") }
        depth += 1
        path.append("")
    }

    private mutating func leaveNesting(_ value: JSONValue) -> JSONValue {
        depth -= 1
        path.removeLast()
        return value
    }

    mutating func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func next() -> UInt8? {
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        return bytes[index]
    }

    private mutating func skipWhiteSpace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ message: String) throws(JSONParseError) {
        guard peek() == byte else { throw failure(message) }
        index += 1
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        let matches = index + count <= bytes.count && word.withUTF8Buffer { expected in
            expected.indices.allSatisfy { bytes[index + $0] == expected[$0] }
        }
        guard matches else { throw failure("unexpected text; expected \(word)") }
        index += count
    }

    /// The dotted path of the member being read, such as `shipping_address.city` or `lines[2].sku`.
    var fieldPath: String {
        path.filter { !$0.isEmpty }.reduce(into: "") { result, part in
            result += part.hasPrefix("[") || result.isEmpty ? part : ".\(part)"
        }
    }

    func failure(_ message: String) -> JSONParseError {
        JSONParseError(reason: .syntax(message), offset: index, path: fieldPath)
    }

    static func printable(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "byte 0x" + String(byte, radix: 16)
    }
}

/// The reason and position of a document that `JSONParser` rejected.
public struct JSONParseError: Error, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        case syntax(String)
        case duplicateKey
    }

    public var reason: Reason
    /// The zero-based byte offset at which reading stopped.
    public var offset: Int
    /// The path of the member being read, such as `a.b[2].c`, or empty at the top level.
    public var path: String

    public var message: String {
        switch reason {
        case .syntax(let text): "\(text) at byte \(offset)"
        case .duplicateKey: "the member \(path) appears more than once in its object"
        }
    }
}
