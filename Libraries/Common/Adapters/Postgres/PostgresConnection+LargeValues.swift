import CPostgres

extension PostgresConnection {
    /// The size in bytes of a single value, sent or received, at which the pool closes the
    /// connection when it returns instead of keeping it. libpq grows its input and output buffers
    /// to the largest message it has handled and keeps them for the connection's life. After a
    /// catalog import of a 1 MB file, closing such connections left catalog-svc about 0.9 MB
    /// smaller when idle. A 33 KB file, sent as a hex-encoded `bytea`, still left two buffers of
    /// 128 KiB under a limit of 256 KiB, hence 64 KiB. Values on the hot paths, such as a product
    /// document of a few kilobytes, stay far below this size.
    static let largeValueBytes = 64 * 1024

    /// Notes a parameter at or above `largeValueBytes`.
    func noteLargeParameters(_ texts: [String?]) {
        if !carriedLargeValue, texts.contains(where: { ($0?.utf8.count ?? 0) >= Self.largeValueBytes }) {
            carriedLargeValue = true
        }
    }

    /// Notes a value of `result` at or above `largeValueBytes`.
    func noteLargeValues(in result: OpaquePointer) {
        // A result whose whole size is below the limit has no value that large, so most results,
        // including every hot-path page, are not scanned value by value.
        guard !carriedLargeValue, PQresultMemorySize(result) >= Self.largeValueBytes else { return }
        let fields = PQnfields(result)
        for row in 0..<PQntuples(result) {
            for field in 0..<fields where Int(PQgetlength(result, row, field)) >= Self.largeValueBytes {
                carriedLargeValue = true
                return
            }
        }
    }
}
