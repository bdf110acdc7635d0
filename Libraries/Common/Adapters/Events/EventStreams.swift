/// The Redis streams that carry events between services.
public enum EventStreams {
    /// The stream to which every service's outbox relay publishes.
    public static let main = "commerce:events"
    /// The dead-letter stream of `main`, where consumers park events that keep failing.
    public static let deadLetter = deadLetter(for: main)

    /// Returns the dead-letter stream of `stream`, which is `stream` followed by `:dead`.
    public static func deadLetter(for stream: String) -> String {
        stream + ":dead"
    }
}
