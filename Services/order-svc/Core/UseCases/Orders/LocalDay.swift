import CommonKernel
import FoundationEssentials

/// Calendar days written `YYYY-MM-DD` and the instants at which they begin in a time zone.
enum LocalDay {
    /// Returns the first instant of `text`'s day in `zone`, nil for nil, or nil after appending
    /// a field error for text that is not a real date of the years 1 to 9999.
    static func startOfDay(_ text: String?, field: String, in zone: ZoneRules, errors: inout [FieldError]) -> Date? {
        guard let text else { return nil }
        guard let day = dayNumber(text) else {
            errors.append(FieldError(field: field, message: "must be a date written YYYY-MM-DD", code: "invalid_date"))
            return nil
        }
        return start(ofDay: day, in: zone)
    }

    /// Returns the first instant of the day after the day that starts at `start` in `zone`.
    static func nextDay(after start: Date, in zone: ZoneRules) -> Date {
        let seconds = Int64(start.timeIntervalSince1970.rounded(.down))
        let local = seconds + Int64(zone.secondsFromGMT(at: seconds))
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return self.start(ofDay: day + 1, in: zone)
    }

    private static func start(ofDay day: Int64, in zone: ZoneRules) -> Date {
        Date(timeIntervalSince1970: Double(zone.instant(atLocal: day * 86_400)))
    }

    /// Returns the days from 1970-01-01 to the date `YYYY-MM-DD` in the proleptic Gregorian
    /// calendar, or nil when the text is not such a date.
    static func dayNumber(_ text: String) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }),
            let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
            year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        // Counts from 1 March so that the leap day ends a year (the usual civil-from-days method).
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
