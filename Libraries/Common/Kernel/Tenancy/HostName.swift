import FoundationEssentials

/// Host name normalization used by tenant resolution and custom domains.
public enum HostName {
    /// Lower-cases `raw`, strips a port and a trailing dot and converts IDN labels to punycode.
    /// Returns nil for values that cannot be a DNS name.
    public static func normalize(_ raw: String) -> String? {
        isPlain(raw) ? normalizePlain(raw) : normalizeFully(raw)
    }

    /// Normalizes `raw` like `normalize`, by the general path that also handles spaces, ports and
    /// IDN labels, without the shortcut for names that are already plain.
    public static func normalizeFully(_ raw: String) -> String? {
        var host = mappingDots(raw.trimmingWhitespace())
        if host.hasPrefix("[") { return nil }
        if let colon = host.lastIndex(of: ":") {
            guard host[host.index(after: colon)...].allSatisfy(\.isNumber) else { return nil }
            host = String(host[..<colon])
        }
        if host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty, host.utf8.count <= 253 else { return nil }

        var labels: [String] = []
        for label in host.lowercased().split(separator: ".", omittingEmptySubsequences: false) {
            guard let ascii = Punycode.asciiLabel(String(label)), isValidLabel(ascii) else { return nil }
            labels.append(ascii)
        }
        return labels.joined(separator: ".")
    }

    /// Returns `host` with the ideographic and full-width full stops (U+3002, U+FF0E, U+FF61)
    /// replaced by `.`, which IDNA treats as label separators, as browsers do when they send
    /// such a name. Without it, `foo。bar.example` became one label and a different domain.
    static func mappingDots(_ host: String) -> String {
        guard host.unicodeScalars.contains(where: { $0.value == 0x3002 || $0.value == 0xFF0E || $0.value == 0xFF61 })
        else { return host }
        var scalars = String.UnicodeScalarView()
        for scalar in host.unicodeScalars {
            switch scalar.value {
            case 0x3002, 0xFF0E, 0xFF61: scalars.append(".")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// True for a name made only of `a-z`, `0-9`, `-` and `.`, as proxies pass a request's host.
    private static func isPlain(_ raw: String) -> Bool {
        raw.utf8.allSatisfy { isLabelByte($0) || $0 == UInt8(ascii: ".") }
    }

    /// Normalizes a plain name with the same result as the full path, but without Foundation's
    /// trimming and lower-casing, which took about 3% of catalog-svc's time per cached read in a
    /// perf profile.
    private static func normalizePlain(_ raw: String) -> String? {
        var bytes = raw.utf8[...]
        if bytes.last == UInt8(ascii: ".") { bytes = bytes.dropLast() }
        guard !bytes.isEmpty, bytes.count <= 253 else { return nil }
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard isValidLabel(label) else { return nil }
        }
        return String(Substring(bytes))
    }

    /// A DNS label: 1 to 63 of a-z, 0-9 and hyphen, not starting or ending with a hyphen.
    public static func isValidLabel(_ label: String) -> Bool {
        isValidLabel(label.utf8[...])
    }

    private static func isValidLabel(_ label: Substring.UTF8View.SubSequence) -> Bool {
        let hyphen = UInt8(ascii: "-")
        guard (1...63).contains(label.count), label.first != hyphen, label.last != hyphen else { return false }
        return label.allSatisfy(isLabelByte)
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
    }
}
