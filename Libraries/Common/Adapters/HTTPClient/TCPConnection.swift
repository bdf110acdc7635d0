import Glibc

/// A connected, non-blocking TCP socket with a receive buffer. Every read and write waits with
/// `poll` until the request's deadline at the latest, and the socket is closed on release.
///
/// `@unchecked Sendable` is safe because a connection serves one request at a time: it sits either
/// in an `HTTPConnectionPool`, under the pool's lock, or with the one `send` that took it.
final class TCPConnection: @unchecked Sendable {
    static let receiveChunkBytes = 8 << 10

    let descriptor: Int32
    private var buffer: [UInt8] = []
    /// The index of the first byte in `buffer` that no read has returned yet.
    private var bufferStart = 0
    /// The bytes received since the last `beginExchange()`.
    private(set) var receivedBytes = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Resets `receivedBytes` before a request is sent.
    func beginExchange() {
        receivedBytes = 0
    }

    /// Returns true when no unread byte waits in the buffer or the socket and the upstream has
    /// not closed its side, checked with a zero-timeout `poll`. An idle keep-alive connection is
    /// reusable only then: anything readable is either the upstream's EOF or bytes that belong
    /// to no request.
    func isIdleAndOpen() -> Bool {
        guard bufferStart == buffer.count else { return false }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 0) == 0
    }

    /// Returns true when every byte received has been read.
    var hasNoUnreadBytes: Bool { bufferStart == buffer.count }

    /// Sends all of `bytes` with MSG_NOSIGNAL, so that a closed peer yields EPIPE, not SIGPIPE.
    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if count >= 0 {
                sent += count
                continue
            }
            let code = errno
            switch code {
            case EAGAIN, EWOULDBLOCK: try wait(for: POLLOUT, until: deadline)
            case EINTR: continue
            default: throw HTTPTransportError.sendFailed(code)
            }
        }
    }

    /// Returns the next line without its LF or CRLF, or nil when the line is longer than
    /// `maxBytes` counting its terminator. Throws `closedEarly` at EOF.
    func readLine(maxBytes: Int, deadline: ContinuousClock.Instant) throws -> ArraySlice<UInt8>? {
        var scanned = bufferStart
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                guard newline + 1 - bufferStart <= maxBytes else { return nil }
                var end = newline
                if end > bufferStart, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = buffer[bufferStart..<end]
                bufferStart = newline + 1
                return line
            }
            let unread = buffer.count - bufferStart
            guard unread < maxBytes else { return nil }
            // Receiving moves the unread bytes to the front, and none of them is a newline.
            guard try receive(deadline: deadline) else { throw HTTPTransportError.closedEarly }
            scanned = bufferStart + unread
        }
    }

    /// Appends exactly `count` bytes to `output`; throws `closedEarly` at EOF before the last.
    func read(count: Int, into output: inout [UInt8], deadline: ContinuousClock.Instant) throws {
        var remaining = count
        while remaining > 0 {
            if bufferStart == buffer.count, try !receive(deadline: deadline) { throw HTTPTransportError.closedEarly }
            let copied = min(remaining, buffer.count - bufferStart)
            output.append(contentsOf: buffer[bufferStart..<(bufferStart + copied)])
            bufferStart += copied
            remaining -= copied
        }
    }

    /// Appends every byte until the upstream closes the connection; throws `bodyTooLarge` when
    /// `output` would grow past `maxBytes`.
    func readToEnd(into output: inout [UInt8], maxBytes: Int, deadline: ContinuousClock.Instant) throws {
        repeat {
            guard output.count + (buffer.count - bufferStart) <= maxBytes else {
                throw HTTPTransportError.bodyTooLarge(limit: maxBytes)
            }
            output.append(contentsOf: buffer[bufferStart...])
            bufferStart = buffer.count
        } while try receive(deadline: deadline)
    }

    /// Receives at most one chunk into the buffer after dropping the bytes already read; returns
    /// false at EOF. An emptied buffer gives its memory back, so that idle pooled connections
    /// hold none.
    private func receive(deadline: ContinuousClock.Instant) throws -> Bool {
        if bufferStart == buffer.count {
            buffer = []
        } else if bufferStart > 0 {
            buffer.removeSubrange(..<bufferStart)
        }
        bufferStart = 0

        while true {
            let filled = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: Self.receiveChunkBytes))
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress! + filled, Self.receiveChunkBytes, 0) }
            buffer.removeLast(Self.receiveChunkBytes - max(count, 0))
            if count > 0 {
                receivedBytes += count
                return true
            }
            if count == 0 { return false }
            let code = errno
            switch code {
            case EAGAIN, EWOULDBLOCK: try wait(for: POLLIN, until: deadline)
            case EINTR: continue
            default: throw HTTPTransportError.receiveFailed(code)
            }
        }
    }

    /// Waits until the socket is ready for `events`, or has failed, which the next call then
    /// reports. Throws `timedOut` once `deadline` has passed.
    func wait(for events: Int32, until deadline: ContinuousClock.Instant) throws {
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { throw HTTPTransportError.timedOut }
            var poller = pollfd(fd: descriptor, events: Int16(events), revents: 0)
            let ready = poll(&poller, 1, Self.pollMilliseconds(remaining))
            if ready > 0 { return }
            if ready < 0, errno != EINTR { throw HTTPTransportError.receiveFailed(errno) }
        }
    }

    /// Rounds up, so that a wait never ends just before the deadline and spins.
    private static func pollMilliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }
}
