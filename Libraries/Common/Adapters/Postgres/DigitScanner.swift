/// A cursor over the ASCII bytes of a timestamp, used by `PostgresTimestamp.parse`.
struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// Reads `YYYY-MM-DD` (four or more year digits) and returns days since 1970-01-01.
    mutating func scanDate() -> Int64? {
        guard let (year, yearDigits) = scanNumber(maximumDigits: 6), yearDigits >= 4, skip("-"),
            let month = scanFixed(2), (1...12).contains(month), skip("-"),
            let day = scanFixed(2), (1...31).contains(day)
        else { return nil }
        return PostgresTimestamp.days(year: year, month: month, day: day)
    }

    /// Reads `HH:MM:SS` with an optional fraction and returns the second of the day and the fraction.
    mutating func scanTime() -> (Int64, Double)? {
        guard let hour = scanFixed(2), hour <= 24, skip(":"), let minute = scanFixed(2), minute < 60, skip(":"),
            let second = scanFixed(2), second <= 60
        else { return nil }
        var fraction = 0.0
        if skip(".") {
            guard let (digits, count) = scanNumber(maximumDigits: 9) else { return nil }
            fraction = Double(digits) / pow10(count)
        }
        return (hour * 3600 + minute * 60 + second, fraction)
    }

    /// Reads `Z`, `+HH`, `-HH:MM` or `+HH:MM:SS`, or nothing (UTC), and returns the offset in seconds.
    mutating func scanOffset() -> Int64? {
        if isAtEnd || skip("Z") { return 0 }
        let sign: Int64
        if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }

        guard let hours = scanFixed(2) else { return nil }
        var seconds = hours * 3600
        if skip(":") {
            guard let minutes = scanFixed(2) else { return nil }
            seconds += minutes * 60
        }
        if skip(":") {
            guard let extra = scanFixed(2) else { return nil }
            seconds += extra
        }
        return sign * seconds
    }

    private mutating func scanFixed(_ count: Int) -> Int64? {
        guard let (value, digits) = scanNumber(maximumDigits: count), digits == count else { return nil }
        return value
    }

    private mutating func scanNumber(maximumDigits: Int) -> (Int64, Int)? {
        var value: Int64 = 0
        var digits = 0
        while digits < maximumDigits, index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        return digits == 0 ? nil : (value, digits)
    }

    private func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }
}
