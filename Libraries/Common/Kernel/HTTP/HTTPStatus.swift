/// The single mapping from error kinds to HTTP statuses.
public enum HTTPStatus {
    public static func forErrorKind(_ kind: AppError.Kind) -> Int {
        switch kind {
        case .badRequest: 400
        case .invalidInput: 422
        case .notFound: 404
        case .conflict: 409
        case .unauthorized: 401
        case .forbidden: 403
        case .paymentRequired: 402
        case .payloadTooLarge: 413
        case .unsupportedMediaType: 415
        case .methodNotAllowed: 405
        case .tooManyRequests: 429
        case .unavailable: 503
        case .internal: 500
        }
    }

    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status \(status)"
        }
    }
}
