import CommonKernel
import FoundationEssentials
import OrderCore

/// Reads the query parameters of the staff order listing.
enum OrderListQuery {
    /// The API's names for `ListOrders.Filter`'s day fields, which name the field errors.
    static let fieldNames = ["placed_from": "created_from", "placed_to": "created_to"]

    /// The query parameters of `GET /api/v1/orders`.
    static let knownParameters: Set<String> = ["status", "created_from", "created_to", "email", "limit", "cursor"]

    /// Returns the filter, or throws `invalidInput` naming each unknown status, non-numeric limit
    /// and unknown parameter. A misspelt filter such as `placed_from` is thus not ignored.
    static func filter(_ query: [String: String]) throws -> ListOrders.Filter {
        var errors: [FieldError] = []
        for name in Set(query.keys).subtracting(knownParameters).sorted() {
            errors.append(FieldError(field: name, message: "is not a known parameter", code: "unknown_parameter"))
        }
        // An empty cursor means the first page, as on the other lists.
        var filter = ListOrders.Filter(
            placedFrom: query["created_from"], placedTo: query["created_to"], email: query["email"],
            cursor: query["cursor"].flatMap { $0.isEmpty ? nil : $0 })
        if let text = query["status"] {
            filter.status = OrderStatus(rawValue: text)
            if filter.status == nil {
                let known = OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")
                errors.append(FieldError(field: "status", message: "must be one of: \(known)", code: "invalid"))
            }
        }
        if let text = query["limit"] {
            if let limit = Int(text) {
                filter.limit = limit
            } else {
                errors.append(FieldError(field: "limit", message: "must be a whole number", code: "wrong_type"))
            }
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        return filter
    }

    /// Runs `body`, renaming the core's day fields in its field errors to the API's parameter names.
    static func renamingFields<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as AppError where error.code == "request.invalid_fields" {
            throw AppError.invalid(
                error.fieldErrors.map { fieldError in
                    var renamed = fieldError
                    renamed.field = fieldNames[fieldError.field] ?? fieldError.field
                    return renamed
                })
        }
    }
}
