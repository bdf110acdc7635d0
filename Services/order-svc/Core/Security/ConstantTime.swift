/// Comparison of secrets whose running time does not depend on where the inputs differ.
public enum ConstantTime {
    /// Returns whether `lhs` and `rhs` have the same UTF-8 bytes.
    ///
    /// Every byte of the shorter input is compared with the longer one, so the time depends only
    /// on the lengths. The tokens this guards have one fixed length, so a length mismatch leaks
    /// nothing an attacker does not already know.
    public static func equals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference: UInt8 = left.count == right.count ? 0 : 1
        for index in 0..<min(left.count, right.count) {
            difference |= left[index] ^ right[index]
        }
        return difference == 0
    }
}
