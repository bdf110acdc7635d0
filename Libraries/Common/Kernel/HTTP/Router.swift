/// Handles one request; runs on a server thread and may block on the database.
public typealias RouteHandler = @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse

/// The request bodies a route accepts.
public enum RequestBodyKind: Sendable {
    /// JSON: `application/json` or a `+json` type, or a body without a `Content-Type`.
    case json
    /// Any media type; the handler checks the body's type itself.
    case checkedByRoute
}

/// Routes by method and path pattern; `{name}` segments capture one path segment each.
///
/// Build it at start-up, then share it read-only between server threads.
public struct Router: Sendable {
    struct Route: Sendable {
        var method: HTTPMethod
        var pattern: String
        var segments: [Segment]
        var handler: RouteHandler
        var blocking: Bool
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    /// The outcome of matching a request against the routes.
    public enum Match: Sendable {
        /// `blocking` is the flag the route was added with.
        case found(pattern: String, parameters: [String: String], handler: RouteHandler, blocking: Bool)
        case methodNotAllowed(allowed: [HTTPMethod])
        /// A route's shape fits, but the path segment for its `{parameter}` has a malformed
        /// percent escape or escapes bytes that are not UTF-8.
        case invalidPathEncoding(parameter: String)
        case notFound
    }

    private var routes: [Route] = []

    public init() {}

    /// Whether any route was added with `blocking: true`.
    public var hasBlockingRoutes: Bool { routes.contains { $0.blocking } }

    /// Adds a route. A request that repeats a query parameter gets 400 before `handler` runs.
    /// With `body: .json`, the default, a request whose body is labelled with another media type
    /// gets 415 before `handler` runs.
    ///
    /// Set `blocking` when the handler may hold its thread for long, for example to hash a password,
    /// wait for a DNS answer or call another service. The HTTP server then runs it on a separate
    /// pool of threads, so that the threads polling the connections keep serving other requests.
    public mutating func add(
        _ method: HTTPMethod, _ pattern: String, body: RequestBodyKind = .json, blocking: Bool = false,
        _ handler: @escaping RouteHandler
    ) {
        let segments = Router.split(pattern).map { part -> Segment in
            if part.hasPrefix("{"), part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            return .literal(String(part))
        }
        let checksMediaType = body == .json
        let checked: RouteHandler = { request, context in
            try request.requireDecodableQuery()
            try request.requireSingleQueryValues()
            if checksMediaType { try request.requireJSONMediaType() }
            return try handler(request, context)
        }
        routes.append(Route(method: method, pattern: pattern, segments: segments, handler: checked, blocking: blocking))
    }

    public mutating func get(_ pattern: String, blocking: Bool = false, _ handler: @escaping RouteHandler) {
        add(.get, pattern, blocking: blocking, handler)
    }

    /// The patterns of the blocking routes whose requests go ahead of the others on the blocking
    /// pool, such as a health check that must respond during a flood of logins.
    public private(set) var urgentPatterns: Set<String> = []

    /// Adds a blocking GET route whose requests go ahead of the other blocking routes' requests.
    public mutating func urgentGet(_ pattern: String, _ handler: @escaping RouteHandler) {
        add(.get, pattern, blocking: true, handler)
        urgentPatterns.insert(pattern)
    }
    public mutating func post(
        _ pattern: String, body: RequestBodyKind = .json, blocking: Bool = false, _ handler: @escaping RouteHandler
    ) {
        add(.post, pattern, body: body, blocking: blocking, handler)
    }
    public mutating func put(
        _ pattern: String, body: RequestBodyKind = .json, blocking: Bool = false, _ handler: @escaping RouteHandler
    ) {
        add(.put, pattern, body: body, blocking: blocking, handler)
    }
    public mutating func patch(
        _ pattern: String, body: RequestBodyKind = .json, blocking: Bool = false, _ handler: @escaping RouteHandler
    ) {
        add(.patch, pattern, body: body, blocking: blocking, handler)
    }
    public mutating func delete(_ pattern: String, blocking: Bool = false, _ handler: @escaping RouteHandler) {
        add(.delete, pattern, blocking: blocking, handler)
    }

    /// Finds the route for `method` and `path`; literal segments win over parameters.
    public func match(method: HTTPMethod, path: String) -> Match {
        let parts = Router.split(path)
        var allowed: [HTTPMethod] = []
        var best: (route: Route, parameters: [String: String], literals: Int)?

        var undecodable: String?
        for route in routes {
            let bound = Router.bind(route.segments, to: parts)
            if case .undecodable(let name) = bound, undecodable == nil { undecodable = name }
            guard case .bound(let parameters, let literals) = bound else { continue }
            let effectiveMethod = method == .head ? HTTPMethod.get : method
            guard route.method == effectiveMethod else {
                if !allowed.contains(route.method) { allowed.append(route.method) }
                continue
            }
            if best == nil || literals > best!.literals { best = (route, parameters, literals) }
        }
        if let best {
            return .found(
                pattern: best.route.pattern, parameters: best.parameters, handler: best.route.handler,
                blocking: best.route.blocking)
        }
        if !allowed.isEmpty {
            if allowed.contains(.get) { allowed.append(.head) }
            return .methodNotAllowed(allowed: allowed)
        }
        if let undecodable { return .invalidPathEncoding(parameter: undecodable) }
        return .notFound
    }

    private enum Binding {
        case bound([String: String], literals: Int)
        case undecodable(String)
        case mismatch
    }

    private static func bind(_ segments: [Segment], to parts: [Substring]) -> Binding {
        guard segments.count == parts.count else { return .mismatch }
        var parameters: [String: String] = [:]
        var literals = 0
        var undecodable: String?
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let text):
                guard text == part else { return .mismatch }
                literals += 1
            case .parameter(let name):
                guard let decoded = String(part).percentDecoded else {
                    undecodable = undecodable ?? name
                    continue
                }
                guard !decoded.isEmpty else { return .mismatch }
                parameters[name] = decoded
            }
        }
        if let undecodable { return .undecodable(undecodable) }
        return .bound(parameters, literals: literals)
    }

    private static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
