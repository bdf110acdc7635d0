extension HTTPRequest {
    /// Builds a request from its query arguments in the order the client sent them, already
    /// percent-decoded. Each name's first value goes into `query`, and each name that comes
    /// again goes into `repeatedQueryNames`. Arguments with an empty name, which empty segments
    /// such as `?a=1&&b=2` and segments such as `=value` produce, are skipped.
    public init(
        method: HTTPMethod, path: String, queryArguments: [(name: String, value: String)],
        headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) {
        var query: [String: String] = [:]
        var repeated: [String] = []
        for (name, value) in queryArguments where !name.isEmpty {
            if query[name] == nil {
                query[name] = value
            } else if !repeated.contains(name) {
                repeated.append(name)
            }
        }
        self.init(method: method, path: path, query: query, headers: headers, body: body)
        repeatedQueryNames = repeated
    }

    /// Throws 400 `request.invalid_query_encoding`, naming each parameter, when a name or value
    /// has an escape that is not `%` and two hex digits, or one that decodes to bytes that are not
    /// UTF-8. Such a value has no text to search or store.
    public func requireDecodableQuery() throws {
        guard !malformedQueryNames.isEmpty else { return }
        throw AppError.malformedEscape(
            code: "request.invalid_query_encoding",
            in: "The query string has a malformed percent escape in \(malformedQueryNames.joined(separator: ", "))",
            names: malformedQueryNames)
    }

    /// Throws 400 `request.duplicate_query_parameter`, with one field error per name, when a
    /// query parameter was sent more than once.
    ///
    /// Every query parameter of the API takes one value, and a request such as
    /// `?limit=5&limit=500` has no single meaning, so it is rejected instead of served with
    /// whichever value a route would read.
    public func requireSingleQueryValues() throws {
        guard !repeatedQueryNames.isEmpty else { return }
        let names = repeatedQueryNames.joined(separator: ", ")
        let plural = repeatedQueryNames.count > 1
        throw AppError(
            .badRequest, code: "request.duplicate_query_parameter",
            detail: "The query parameter\(plural ? "s" : "") \(names) \(plural ? "were" : "was") sent more than once; "
                + "send each query parameter once.",
            fieldErrors: repeatedQueryNames.map { name in
                FieldError(
                    field: name, message: "appears more than once in the query string; send it once",
                    code: "duplicate_parameter")
            })
    }
}

extension AppError {
    /// Returns the 400 for percent escapes that do not decode: `lead` says where, and each of
    /// `names` gets a field error.
    public static func malformedEscape(code: String, in lead: String, names: [String]) -> AppError {
        AppError(
            .badRequest, code: code,
            detail: "\(lead); write each byte as % and two hex digits, encode text as UTF-8, and leave out %00.",
            fieldErrors: names.map { name in
                FieldError(
                    field: name, message: "has a malformed percent escape, escapes bytes that are not UTF-8, or escapes NUL (%00)",
                    code: "invalid_encoding")
            })
    }
}
