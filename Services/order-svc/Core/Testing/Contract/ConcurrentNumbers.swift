import Synchronization

/// Numbers and errors collected from many threads.
final class ConcurrentNumbers: Sendable {
    private let state = Mutex<(numbers: [Int], errors: [String])>(([], []))

    func record(_ number: Int) { state.withLock { $0.numbers.append(number) } }
    func record(_ error: Error) { state.withLock { $0.errors.append(String(describing: error)) } }

    var numbers: [Int] { state.withLock { $0.numbers } }
    var errors: [String] { state.withLock { $0.errors } }
}
