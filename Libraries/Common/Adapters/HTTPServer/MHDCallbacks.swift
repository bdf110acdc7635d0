import CMicroHTTPD
import FoundationEssentials
import Glibc

// libmicrohttpd's callbacks. They are file-scope constants because a C function pointer cannot
// capture context, and because a closure written in main.swift or in an @main type is main-actor
// isolated and traps when a libmicrohttpd thread calls it. Each reaches its Swift object through
// the `void *` context it was registered with.

/// Runs once with the headers, once per body chunk, and once more when the body is complete.
/// The first call only allocates the request's state: queuing a response there makes
/// libmicrohttpd 0.9.75 close the connection, which defeats keep-alive.
let mhdAccessHandler: MHD_AccessHandlerCallback = { server, connection, url, method, _, uploadData, uploadSize, slot in
    guard let server, let connection, let url, let method, let uploadSize, let slot else { return .NO }
    let context = Unmanaged<MHDServerContext>.fromOpaque(server).takeUnretainedValue()

    guard let stateAddress = slot.pointee else {
        slot.pointee = context.beginRequest()
        return .YES
    }
    let state = Unmanaged<MHDRequestState>.fromOpaque(stateAddress).takeUnretainedValue()

    if uploadSize.pointee > 0 {
        state.appendBody(UnsafeRawBufferPointer(start: uploadData, count: uploadSize.pointee))
        uploadSize.pointee = 0
        return .YES
    }
    return context.finishRequest(
        on: connection, method: String(cString: method), path: String(cString: url), state: state)
}

/// Frees a request's state once it finished or was aborted; libmicrohttpd calls it for both.
let mhdRequestCompleted: MHD_RequestCompletedCallback = { server, _, slot, _ in
    guard let server, let slot, let stateAddress = slot.pointee else { return }
    slot.pointee = nil
    Unmanaged<MHDServerContext>.fromOpaque(server).takeUnretainedValue().endRequest(stateAddress)
}

/// Counts accepted connections, which shows whether clients reuse them.
let mhdConnectionNotified: MHD_NotifyConnectionCallback = { server, _, _, code in
    guard let server, code == .CONNECTION_NOTIFY_STARTED else { return }
    Unmanaged<MHDServerContext>.fromOpaque(server).takeUnretainedValue().connectionOpened()
}

/// Leaves percent-escapes in the path and query untouched: the router decodes each path segment
/// after splitting, so an encoded `/` inside a parameter does not split it.
let mhdKeepEscapes: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafeMutablePointer<CChar>?) -> Int = {
    _, _, text in
    guard let text else { return 0 }
    return strlen(text)
}

/// Appends one header or query argument to the `KeyValueCollector` passed as context.
let mhdCollectValue: MHD_KeyValueIterator = { collector, _, key, value in
    guard let collector, let key else { return .YES }
    let pairs = Unmanaged<KeyValueCollector>.fromOpaque(collector).takeUnretainedValue()
    pairs.pairs.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
    return .YES
}

/// Writes libmicrohttpd's own error messages to the server's logger at warning level. The
/// notice of a client that closed its connection mid-request goes out at debug level, because
/// any client can cause it and it reports no fault of the server.
let mhdLogMessage: MHD_LogCallback = { server, format, arguments in
    guard let server, let format, let arguments else { return }
    var buffer = [CChar](repeating: 0, count: 512)
    _ = vsnprintf(&buffer, buffer.count, format, arguments)
    let text = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let message = String(decoding: text, as: UTF8.self).trimmingWhitespaceAndNewlines()
    let context = Unmanaged<MHDServerContext>.fromOpaque(server).takeUnretainedValue()
    if message.containsBytes(of: "closed by remote side") {
        context.logger.debug("client closed its connection mid-request", ["detail": message])
    } else {
        context.logger.warning("libmicrohttpd error", ["detail": message])
    }
}
