import Glibc
import Synchronization

/// A change of a `RedisSubscriber`'s connection, reported on the subscriber's thread in order
/// with its messages.
public enum RedisSubscriptionEvent: Sendable, Equatable {
    /// Redis confirmed every channel, after the first connect or a reconnect. Messages published
    /// before this event were not received.
    case subscribed
    /// The connection failed or the subscriber stopped. Messages published from now until the
    /// next `.subscribed` are lost.
    case disconnected
}

/// The subscriber thread's socket and reading state, readable from any thread without a lock,
/// so that a reader can tell whether a message may have reached this process and not yet its
/// handler.
final class RedisSubscriptionActivity: Sendable {
    private let descriptor = Atomic<Int32>(-1)
    private let isReading = Atomic<Bool>(false)

    /// Records the subscribed connection's socket, or -1 when there is none.
    func attach(_ socket: Int32) {
        descriptor.store(socket, ordering: .sequentiallyConsistent)
    }

    func beginReading() {
        isReading.store(true, ordering: .sequentiallyConsistent)
    }

    /// Called after every reply that was read has gone to the handler.
    func endReading() {
        isReading.store(false, ordering: .sequentiallyConsistent)
    }

    /// True when bytes wait on the subscribed socket, the socket was closed by Redis, or the
    /// subscriber thread has read replies that it has not finished delivering. False when no
    /// connection is subscribed.
    ///
    /// The socket is polled before the flag is read. A message that the subscriber thread took
    /// off the socket before the poll therefore shows as the flag, or, once the flag is cleared,
    /// its handler has already run.
    var mayHaveUndeliveredMessages: Bool {
        let socket = descriptor.load(ordering: .sequentiallyConsistent)
        guard socket >= 0 else { return false }
        var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        // Any result but "nothing ready" counts: readable, closed, or a descriptor that was
        // closed by a reconnect a moment ago.
        if poll(&poller, 1, 0) != 0 { return true }
        return isReading.load(ordering: .sequentiallyConsistent)
    }
}
