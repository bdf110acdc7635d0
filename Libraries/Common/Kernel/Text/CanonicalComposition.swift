@_spi(_Unicode) import Swift

extension String {
    /// The text in Unicode normalization form C, where a letter and its combining accents become one
    /// precomposed scalar when one exists. Host names are compared in this form.
    ///
    /// The normalizer is the standard library's own, which it shares with other toolchain modules
    /// as SPI. Foundation's `precomposedStringWithCanonicalMapping` goes through NSString and
    /// CoreFoundation, and calling it links both, with ICU, into every service.
    public var canonicallyComposed: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        var scalars = String.UnicodeScalarView()
        for scalar in _nfc { scalars.append(scalar) }
        return String(scalars)
    }
}
