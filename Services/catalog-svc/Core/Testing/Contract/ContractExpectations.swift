import CommonKernel
import FoundationEssentials

/// A broken promise of a repository, found by a contract check, with where the check failed.
public struct ContractViolation: Error, CustomStringConvertible {
    public var message: String
    public var file: String
    public var line: Int

    public var description: String { "\(message) (\(file):\(line))" }
}

/// The assertions of contract checks; plain throwing functions, because the checks live in a
/// library target that must not link XCTest.
enum Expect {
    static func that(
        _ condition: Bool, _ message: @autoclosure () -> String, file: String = #fileID, line: Int = #line
    ) throws {
        if !condition { throw ContractViolation(message: message(), file: file, line: line) }
    }

    static func equal<Value: Equatable>(
        _ actual: Value, _ expected: Value, _ context: String, file: String = #fileID, line: Int = #line
    ) throws {
        if actual != expected {
            throw ContractViolation(message: "\(context): expected \(expected), got \(actual)", file: file, line: line)
        }
    }

    /// Runs `body` and requires it to throw an `AppError` with `code`.
    static func throwsError(
        code: String, _ context: String, file: String = #fileID, line: Int = #line, _ body: () throws -> Void
    ) throws {
        do {
            try body()
        } catch let error as AppError {
            try equal(error.code, code, "\(context): error code", file: file, line: line)
            return
        } catch {
            throw ContractViolation(
                message: "\(context): expected AppError \(code), got \(error)", file: file, line: line)
        }
        throw ContractViolation(
            message: "\(context): expected AppError \(code), but nothing was thrown", file: file, line: line)
    }
}
