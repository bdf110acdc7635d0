import FoundationEssentials

extension UUID {
    /// The id in lower case, as logs, events and PostgreSQL write it.
    var lowercasedString: String { uuidString.lowercased() }
}
