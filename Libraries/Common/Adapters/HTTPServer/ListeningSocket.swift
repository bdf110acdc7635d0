import CommonKernel
import FoundationEssentials
import Glibc

/// A bound, listening, non-blocking TCP socket that the server hands to libmicrohttpd.
///
/// The server opens the socket itself so that it can read back the port chosen for port 0 with
/// `getsockname`, because libmicrohttpd's own query for it is a variadic C function.
struct ListeningSocket {
    let descriptor: Int32
    let port: Int

    /// Binds to the first address `host` resolves to; throws `internal` naming the address and
    /// the reason when no address can be bound.
    static func open(host: String, port: Int, backlog: Int32) throws -> ListeningSocket {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var addresses: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &addresses)
        guard status == 0, let first = addresses else {
            throw listenError(host: host, port: port, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }

        var lastError: Int32 = 0
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            let descriptor = bind(address.pointee, backlog: backlog)
            if descriptor >= 0 { return ListeningSocket(descriptor: descriptor, port: boundPort(descriptor)) }
            lastError = errno
            candidate = address.pointee.ai_next
        }
        throw listenError(host: host, port: port, reason: String(cString: strerror(lastError)))
    }

    /// Returns the listening descriptor, or -1 with `errno` set.
    private static func bind(_ address: addrinfo, backlog: Int32) -> Int32 {
        let descriptor = socket(address.ai_family, address.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), address.ai_protocol)
        guard descriptor >= 0 else { return -1 }

        // SO_REUSEADDR lets a restarted server bind while old connections sit in TIME_WAIT.
        var enabled: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &enabled, socklen_t(MemoryLayout<Int32>.size))
        guard Glibc.bind(descriptor, address.ai_addr, address.ai_addrlen) == 0,
            listen(descriptor, backlog) == 0,
            fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK) == 0
        else {
            let saved = errno
            close(descriptor)
            errno = saved
            return -1
        }
        return descriptor
    }

    private static func boundPort(_ descriptor: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(descriptor, $0, &length) }
        }
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }

    private static func listenError(host: String, port: Int, reason: String) -> AppError {
        AppError(.internal, code: "server.listen_failed", detail: "Could not listen on \(host) port \(port): \(reason).")
    }
}
