import CommonKernel

/// An event as a consumer received it from the stream.
public struct ConsumedEvent: Sendable, Equatable {
    public var envelope: EventEnvelope
    /// The stream entry's ID, which `XACK` takes.
    public var streamID: String
    /// How many times the consumer group has delivered the entry, counting this delivery.
    public var deliveryCount: Int

    public init(envelope: EventEnvelope, streamID: String, deliveryCount: Int) {
        self.envelope = envelope
        self.streamID = streamID
        self.deliveryCount = deliveryCount
    }
}
