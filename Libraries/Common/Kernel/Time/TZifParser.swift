extension ZoneRules {
    /// Reads the transitions of a TZif file (RFC 8536), using the 64-bit block of version 2 and
    /// later files. Returns nil when `bytes` is not a complete TZif file.
    public init?(identifier: String, tzif bytes: [UInt8]) {
        var reader = TZifReader(bytes: bytes)
        guard let first = reader.header() else { return nil }
        var header = first
        var timeSize = 4
        if first.version >= UInt8(ascii: "2") {
            guard reader.skip(first.dataLength(timeSize: 4)), let second = reader.header() else { return nil }
            header = second
            timeSize = 8
        }
        var times: [Int64] = []
        for _ in 0..<header.transitionCount {
            guard let time = reader.signed(size: timeSize) else { return nil }
            times.append(time)
        }
        var typeIndexes: [Int] = []
        for _ in 0..<header.transitionCount {
            guard let index = reader.byte() else { return nil }
            typeIndexes.append(Int(index))
        }
        var typeOffsets: [Int] = []
        for _ in 0..<header.typeCount {
            guard let offset = reader.signed(size: 4), reader.skip(2) else { return nil }
            typeOffsets.append(Int(offset))
        }
        guard !typeOffsets.isEmpty, typeIndexes.allSatisfy({ $0 < typeOffsets.count }) else { return nil }
        self.init(
            identifier: identifier, initialOffset: typeOffsets[0],
            transitions: zip(times, typeIndexes).map { (at: $0, offset: typeOffsets[$1]) })
    }
}

/// The counts of a TZif header, in the order the file gives them.
private struct TZifHeader {
    var version: UInt8
    var utLocalCount: Int
    var standardWallCount: Int
    var leapCount: Int
    var transitionCount: Int
    var typeCount: Int
    var designationBytes: Int

    /// Returns the length of the data block after this header, for times of `timeSize` bytes.
    func dataLength(timeSize: Int) -> Int {
        transitionCount * (timeSize + 1) + typeCount * 6 + designationBytes + leapCount * (timeSize + 4)
            + standardWallCount + utLocalCount
    }
}

/// Reads big-endian fields from the bytes of a TZif file.
private struct TZifReader {
    let bytes: [UInt8]
    var position = 0

    mutating func header() -> TZifHeader? {
        guard position + 44 <= bytes.count, Array(bytes[position..<(position + 4)]) == Array("TZif".utf8) else {
            return nil
        }
        let version = bytes[position + 4]
        position += 20
        var counts: [Int] = []
        for _ in 0..<6 {
            guard let count = signed(size: 4), count >= 0 else { return nil }
            counts.append(Int(count))
        }
        return TZifHeader(
            version: version, utLocalCount: counts[0], standardWallCount: counts[1], leapCount: counts[2],
            transitionCount: counts[3], typeCount: counts[4], designationBytes: counts[5])
    }

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, position + count <= bytes.count else { return false }
        position += count
        return true
    }

    mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    /// Reads a two's-complement big-endian integer of 4 or 8 bytes.
    mutating func signed(size: Int) -> Int64? {
        guard position + size <= bytes.count else { return nil }
        var value: UInt64 = 0
        for byte in bytes[position..<(position + size)] { value = value << 8 | UInt64(byte) }
        position += size
        if size == 4 { return Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: value))) }
        return Int64(bitPattern: value)
    }
}
