extension StringProtocol {
    /// Returns the text without spaces and tabs at either end. Spaces are the scalars of Unicode's
    /// space-separator category (U+0020, no-break spaces, the typographic spaces); line breaks stay.
    public func trimmingWhitespace() -> String {
        trimming { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// Returns the text without spaces, tabs and line breaks at either end. Line breaks are U+000A to
    /// U+000D, U+0085 (next line), U+2028 and U+2029 (line and paragraph separators).
    public func trimmingWhitespaceAndNewlines() -> String {
        trimming { scalar in
            switch scalar.value {
            case 0x09...0x0D, 0x85, 0x2028, 0x2029: true
            default: scalar.properties.generalCategory == .spaceSeparator
            }
        }
    }

    /// Trims whole scalars, not characters, so that a combining mark after a space stays.
    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let text = String(self)
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
            let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }
}
