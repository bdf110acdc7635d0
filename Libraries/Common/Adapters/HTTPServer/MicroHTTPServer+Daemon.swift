import CMicroHTTPD
import FoundationEssentials

extension MicroHTTPServer {
    /// Starts libmicrohttpd on `listener` with the configured thread model and limits; returns nil
    /// when it refuses (libmicrohttpd logs the reason through `mhdLogMessage`).
    static func startDaemon(
        _ configuration: HTTPServerConfiguration, listener: Int32, context: MHDServerContext
    ) -> OpaquePointer? {
        let contextAddress = Unmanaged.passUnretained(context).toOpaque()
        let arguments = options(configuration, listener: listener, contextAddress: OpaquePointer(contextAddress))
        return withVaList(arguments) { list in
            MHD_start_daemon_va(flags(configuration.threadModel), 0, nil, nil, mhdAccessHandler, contextAddress, list)
        }
    }

    // MHD_USE_ITC lets MHD_quiesce_daemon wake the polling threads, and MHD_resume_connection wake
    // the thread of a resumed connection. libmicrohttpd 0.9.75 rejects suspend and resume together
    // with a thread per connection.
    private static func flags(_ model: HTTPServerConfiguration.ThreadModel) -> UInt32 {
        let common = MHD_USE_ERROR_LOG.rawValue | MHD_USE_ITC.rawValue | MHD_USE_INTERNAL_POLLING_THREAD.rawValue
        switch model {
        case .pool: return common | MHD_USE_EPOLL.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue
        case .threadPerConnection: return common | MHD_USE_THREAD_PER_CONNECTION.rawValue | MHD_USE_POLL.rawValue
        }
    }

    /// Builds the variadic option list: each option as a fixed-width integer followed by its
    /// values, callbacks as `OpaquePointer`s and a null context as `Int(0)`, ended by
    /// MHD_OPTION_END. The logger comes first so that it also reports problems with later options.
    private static func options(
        _ configuration: HTTPServerConfiguration, listener: Int32, contextAddress: OpaquePointer
    ) -> [CVarArg] {
        var arguments: [CVarArg] = [
            option(.EXTERNAL_LOGGER), unsafeBitCast(mhdLogMessage, to: OpaquePointer.self), contextAddress,
            option(.LISTEN_SOCKET), listener,
            option(.NOTIFY_COMPLETED), unsafeBitCast(mhdRequestCompleted, to: OpaquePointer.self), contextAddress,
            option(.NOTIFY_CONNECTION), unsafeBitCast(mhdConnectionNotified, to: OpaquePointer.self), contextAddress,
            option(.UNESCAPE_CALLBACK), unsafeBitCast(mhdKeepEscapes, to: OpaquePointer.self), Int(0),
            option(.CONNECTION_LIMIT), UInt32(clamping: configuration.maxConnections),
            option(.CONNECTION_TIMEOUT), UInt32(clamping: configuration.connectionTimeoutSeconds),
        ]
        if case .pool(let threads) = configuration.threadModel {
            arguments += [option(.THREAD_POOL_SIZE), UInt32(clamping: max(threads, 1))]
        }
        arguments.append(option(.END))
        return arguments
    }

    private static func option(_ option: MHD_OPTION) -> Int32 {
        Int32(bitPattern: option.rawValue)
    }
}
