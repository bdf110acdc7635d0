import Foundation

/// Host name normalization used by tenant resolution and custom domains.
public enum HostName {
    /// Lower-cases `raw`, strips a port and a trailing dot and converts IDN labels to punycode.
    /// Returns nil for values that cannot be a DNS name.
    public static func normalize(_ raw: String) -> String? {
        var host = raw.trimmingCharacters(in: .whitespaces)
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

    /// A DNS label: 1 to 63 of a-z, 0-9 and hyphen, not starting or ending with a hyphen.
    public static func isValidLabel(_ label: String) -> Bool {
        guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-" else { return false }
        return label.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
        }
    }
}
