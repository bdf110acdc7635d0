/// Builds the `argv` and `argvlen` arrays that hiredis's `*Argv` functions read.
enum RedisArguments {
    /// Calls `body` with the argument count, pointers into one contiguous copy of `arguments`,
    /// and their lengths. Lengths make the arguments binary-safe, so they may contain zero bytes.
    static func withArgv<Result>(
        _ arguments: [[UInt8]],
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> Result
    ) -> Result {
        var storage: [UInt8] = []
        storage.reserveCapacity(arguments.reduce(1) { $0 + $1.count })
        var offsets: [Int] = []
        for argument in arguments {
            offsets.append(storage.count)
            storage.append(contentsOf: argument)
        }
        // A final byte keeps the storage non-empty, so its base address is never nil.
        storage.append(0)
        let lengths = arguments.map(\.count)

        return storage.withUnsafeBytes { base in
            var pointers: [UnsafePointer<CChar>?] = offsets.map { offset in
                (base.baseAddress! + offset).assumingMemoryBound(to: CChar.self)
            }
            return pointers.withUnsafeMutableBufferPointer { argv in
                lengths.withUnsafeBufferPointer { lengthList in
                    body(Int32(arguments.count), argv.baseAddress!, lengthList.baseAddress!)
                }
            }
        }
    }
}
