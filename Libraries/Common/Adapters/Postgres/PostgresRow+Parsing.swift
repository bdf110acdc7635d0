import CommonKernel
extension PostgresRow {
    static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "t", "true": true
        case "f", "false": false
        default: nil
        }
    }

    static func parseDouble(_ text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "Infinity": .infinity
        case "-Infinity": -.infinity
        default: Double(text)
        }
    }

    /// Decodes the `\x0a1b…` hex form of `bytea`.
    static func parseBytea(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0, characters.starts(with: Array(#"\x"#.utf8)) else { return nil }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 2 - 1)
        var index = 2
        while index < characters.count {
            guard let high = HexDigit.value(characters[index]), let low = HexDigit.value(characters[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
