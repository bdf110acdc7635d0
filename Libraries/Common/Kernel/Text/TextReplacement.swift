extension StringProtocol {
    /// Returns the text with every occurrence of `target` replaced by `replacement`, matched byte
    /// for byte from the start, so a match never overlaps the one before it. An empty target changes nothing.
    ///
    /// Both strings are valid UTF-8 and a match starts at the lead byte of `target`'s first scalar,
    /// so the result is valid UTF-8 as well. Unlike matching by `Character`, a `"\n"` inside a
    /// `"\r\n"` pair is found.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        guard let head = pattern.first else { return String(self) }
        let source = Array(utf8)
        guard source.count >= pattern.count, source.contains(head) else { return String(self) }
        var result: [UInt8] = []
        result.reserveCapacity(source.count)
        var index = 0
        var replaced = false
        while index < source.count {
            if source[index] == head, index + pattern.count <= source.count,
                source[index..<(index + pattern.count)].elementsEqual(pattern)
            {
                result.append(contentsOf: replacement.utf8)
                index += pattern.count
                replaced = true
            } else {
                result.append(source[index])
                index += 1
            }
        }
        return replaced ? String(decoding: result, as: UTF8.self) : String(self)
    }

    /// Returns true when `fragment` occurs in the text, compared byte for byte. An empty fragment occurs
    /// in every text.
    public func containsBytes(of fragment: String) -> Bool {
        let pattern = Array(fragment.utf8)
        guard let head = pattern.first else { return true }
        let source = Array(utf8)
        guard source.count >= pattern.count else { return false }
        for start in 0...(source.count - pattern.count) where source[start] == head {
            if source[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
        }
        return false
    }
}
