import FoundationEssentials

/// A `DecodingError` described as a field error: which JSON field failed and why.
extension DecodingError {
    /// The failing field as a path such as `items[2].unit_price`, or `body` for the whole document.
    var fieldPath: String {
        var keys = context.codingPath
        if case .keyNotFound(let key, _) = self { keys.append(key) }
        var path = ""
        for key in keys {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += (path.isEmpty ? "" : ".") + Self.snakeCased(key.stringValue)
            }
        }
        return path.isEmpty ? "body" : path
    }

    var fieldMessage: String {
        switch self {
        case .typeMismatch(let type, _): "must be \(Self.describe(type))"
        case .valueNotFound, .keyNotFound: "is required"
        case .dataCorrupted(let context): "is invalid: \(context.debugDescription)"
        @unknown default: "is invalid"
        }
    }

    var fieldCode: String {
        switch self {
        case .typeMismatch: "wrong_type"
        case .valueNotFound, .keyNotFound: "missing"
        default: "invalid"
        }
    }

    private var context: Context {
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
            .dataCorrupted(let context):
            context
        @unknown default:
            Context(codingPath: [], debugDescription: "")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is any BinaryInteger.Type: "a whole number"
        case is any BinaryFloatingPoint.Type, is Decimal.Type: "a number"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }

    // A decoder that converts the platform's snake_case keys reports Swift property names, so
    // converting them back names the field as the client wrote it.
    private static func snakeCased(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                if !result.isEmpty { result += "_" }
                result += character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
