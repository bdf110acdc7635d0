import Glibc

extension TCPConnection {
    /// Resolves `host` with `getaddrinfo` and connects to its addresses in the order returned
    /// until one accepts, each attempt non-blocking and bound by `deadline`. Sets TCP_NODELAY,
    /// because a request is written at once and waits for its response.
    ///
    /// NOTE: `getaddrinfo` blocks and ignores the deadline. A literal address, or a name in
    /// /etc/hosts such as `localhost`, resolves without a DNS query. A name that needs DNS can
    /// take the resolver's own timeout (5 s per attempt by resolv.conf's defaults) before the
    /// deadline is checked.
    static func open(host: String, port: Int, deadline: ContinuousClock.Instant) throws -> TCPConnection {
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var addresses: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &addresses)
        guard status == 0, let first = addresses else {
            throw HTTPTransportError.resolutionFailed(String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }

        var lastError = ECONNREFUSED
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            do {
                return try connect(to: address.pointee, deadline: deadline)
            } catch HTTPTransportError.connectionFailed(let code) {
                lastError = code
            }
            candidate = address.pointee.ai_next
        }
        throw HTTPTransportError.connectionFailed(lastError)
    }

    private static func connect(to address: addrinfo, deadline: ContinuousClock.Instant) throws -> TCPConnection {
        let type = address.ai_socktype | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = socket(address.ai_family, type, address.ai_protocol)
        guard descriptor >= 0 else { throw HTTPTransportError.connectionFailed(errno) }
        // From here on, releasing the connection closes the descriptor.
        let connection = TCPConnection(descriptor: descriptor)

        if Glibc.connect(descriptor, address.ai_addr, address.ai_addrlen) != 0 {
            guard errno == EINPROGRESS else { throw HTTPTransportError.connectionFailed(errno) }
            try connection.wait(for: POLLOUT, until: deadline)
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length) == 0 else {
                throw HTTPTransportError.connectionFailed(errno)
            }
            guard failure == 0 else { throw HTTPTransportError.connectionFailed(failure) }
        }

        var enabled: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &enabled, socklen_t(MemoryLayout<Int32>.size))
        return connection
    }
}
