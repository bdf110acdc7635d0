/// Rules for handles, the URL names of products and collections.
public enum Handle {
    /// The maximum length of a handle in characters.
    public static let maximumLength = 255

    /// Derives a handle from a title the way Shopify does: lower-cased, every run of characters
    /// other than letters and digits becomes one "-", and no "-" at either end.
    ///
    /// Letters of any script are kept, so "নকশী কাঁথা" stays readable. The result is empty
    /// when the title has no letter or digit. Like every handle, it is in normalization form C.
    public static func derive(from title: String) -> String {
        var handle = ""
        var pendingHyphen = false
        for character in composed(title.lowercased()) {
            if isLetterOrDigit(character) {
                if pendingHyphen, !handle.isEmpty { handle.append("-") }
                handle.append(character)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return String(handle.prefix(maximumLength))
    }

    /// Returns `handle` with `-number` appended, the base cut short where needed so that the
    /// result keeps within `maximumLength`, and without a "-" left at the end of the cut base.
    public static func numbered(_ handle: String, _ number: Int) -> String {
        let suffix = "-\(number)"
        var base = Substring(handle.prefix(max(0, maximumLength - suffix.count)))
        while base.hasSuffix("-") { base = base.dropLast() }
        return base + suffix
    }

    /// Returns `text` in Unicode normalization form C, the form in which handles are stored and
    /// looked up. Swift compares strings by canonical equivalence but PostgreSQL and Redis compare
    /// bytes, so a handle typed with a combining accent would otherwise be a second, different name.
    public static func composed(_ text: String) -> String {
        text.canonicallyComposed
    }

    /// Returns the reason `handle` is invalid, or nil when it is valid.
    ///
    /// A valid handle has 1 to 255 characters, only lower-case letters, digits, "-" and "_",
    /// and neither starts nor ends with "-".
    public static func problem(with handle: String) -> String? {
        if handle.isEmpty { return "must not be empty" }
        if handle.count > maximumLength { return "must be at most \(maximumLength) characters" }
        if handle.hasPrefix("-") || handle.hasSuffix("-") { return "must not start or end with \"-\"" }

        for character in handle where !(isLetterOrDigit(character) || character == "-" || character == "_") {
            return "must contain only lower-case letters, digits, \"-\" and \"_\", not \"\(character)\""
        }
        if handle.lowercased() != handle { return "must be lower-case" }
        return nil
    }

    // A grapheme counts by its first scalar, so a Bengali letter with its vowel sign stays whole.
    private static func isLetterOrDigit(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
