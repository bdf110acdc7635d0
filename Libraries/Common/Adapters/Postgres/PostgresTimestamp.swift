import CommonKernel
import FoundationEssentials

/// Conversion between `Date` and the text forms of PostgreSQL timestamps.
///
/// Connections run with `TimeZone = 'UTC'`, so the server prints `2024-05-01 09:30:00.25+00`.
/// Parsing also accepts a `T` separator, `Z` and other offsets, and a bare date (midnight UTC).
enum PostgresTimestamp {
    /// Formats `date` as `2024-05-01T09:30:00.250000Z`, rounded to the microsecond.
    static func format(_ date: Date) -> String {
        let microseconds = date.microsecondsSince1970
        let (seconds, fraction) = floorDivide(microseconds, 1_000_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civilDate(fromDays: days)

        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
            + ".\(pad(fraction, 6))Z"
    }

    /// Parses a timestamp, `timestamptz` or `date` text. `infinity` becomes `Date.distantFuture`.
    static func parse(_ text: String) -> Date? {
        switch text {
        case "infinity": return .distantFuture
        case "-infinity": return .distantPast
        default: break
        }
        var scanner = DigitScanner(Array(text.utf8))
        guard let days = scanner.scanDate() else { return nil }
        if scanner.isAtEnd { return Date(timeIntervalSince1970: TimeInterval(days * 86_400)) }

        guard scanner.skip(" ") || scanner.skip("T"), let (secondOfDay, fraction) = scanner.scanTime(),
            let offset = scanner.scanOffset(), scanner.isAtEnd
        else { return nil }
        let seconds = days * 86_400 + secondOfDay - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds) + fraction)
    }

    /// Returns the proleptic Gregorian date of a day count since 1970-01-01, after Howard
    /// Hinnant's `civil_from_days`.
    static func civilDate(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Returns the day count since 1970-01-01 of a proleptic Gregorian date, after Howard
    /// Hinnant's `days_from_civil`.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let adjustedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(adjustedYear, 400).quotient
        let yearOfEra = adjustedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = (value % divisor + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
