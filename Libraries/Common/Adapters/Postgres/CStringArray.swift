import Glibc

/// Calls `body` with C copies of `strings` (nil stays NULL), freed when `body` returns.
///
/// libpq reads parameter values and connection keywords through `const char * const *`.
func withCStringArray<Result>(
    _ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>) throws -> Result
) rethrows -> Result {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } }
    defer { copies.forEach { free($0) } }

    // A trailing NULL ends the list for APIs such as PQconnectdbParams, and gives an empty
    // list a real address.
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return try pointers.withUnsafeBufferPointer { try body($0.baseAddress!) }
}
