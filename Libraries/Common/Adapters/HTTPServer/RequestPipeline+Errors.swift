import CommonKernel
import FoundationEssentials

extension RequestPipeline {
    static let unexpectedErrorDetail = "An unexpected error occurred; quote the request id when reporting it."

    /// Maps an error thrown by a handler to its problem response, logging what clients must not see.
    func errorResponse(for error: Error, context: RequestContext) -> HTTPResponse {
        switch error {
        case let appError as AppError:
            if appError.kind == .internal || appError.kind == .unavailable {
                context.logger.error("request failed", ["error": appError.description])
            }
            return problem(appError, context: context)
        case let decodingError as DecodingError:
            let field = decodingError.fieldPath
            return problem(.invalidField(field, decodingError.fieldMessage, code: decodingError.fieldCode), context: context)
        default:
            context.logger.error("unexpected error", ["error": String(reflecting: error)])
            let unexpected = AppError(.internal, code: "server.unexpected_error", detail: Self.unexpectedErrorDetail)
            return problem(unexpected, context: context)
        }
    }

    func problem(_ error: AppError, context: RequestContext) -> HTTPResponse {
        Problem(error: error, requestID: context.requestID).response
    }
}
