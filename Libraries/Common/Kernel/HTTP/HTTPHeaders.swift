/// HTTP header fields with case-insensitive names, keeping insertion order for output.
public struct HTTPHeaders: Sendable, Sequence {
    private var fields: [(name: String, value: String)] = []

    public init() {}

    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { add(name, value) }
    }

    /// The first value of `name`, or nil.
    public subscript(name: String) -> String? {
        get { fields.first { Self.isSameName($0.name, name) }?.value }
        set {
            remove(name)
            if let newValue { add(name, newValue) }
        }
    }

    /// Returns the number of fields called `name`.
    public func count(of name: String) -> Int {
        fields.reduce(0) { $0 + (Self.isSameName($1.name, name) ? 1 : 0) }
    }

    public mutating func add(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { Self.isSameName($0.name, name) }
    }

    /// Compares two field names with ASCII letters folded to lower case, because HTTP field names
    /// are case-insensitive tokens of ASCII characters. Unlike `lowercased()` it allocates
    /// nothing, which matters as every request looks up several headers. Non-ASCII bytes must
    /// match exactly.
    static func isSameName(_ left: String, _ right: String) -> Bool {
        let leftBytes = left.utf8
        let rightBytes = right.utf8
        guard leftBytes.count == rightBytes.count else { return false }
        return zip(leftBytes, rightBytes).allSatisfy { lowercasedASCII($0) == lowercasedASCII($1) }
    }

    private static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }
}
