import CommonKernel
import FoundationEssentials

/// Calendar days written `YYYY-MM-DD` and the instants at which they begin in a time zone.
enum LocalDay {
    /// Returns the first instant of `text`'s day in `timeZone`, nil for nil, or nil after
    /// appending a field error for text that is not a real date.
    static func startOfDay(_ text: String?, field: String, in timeZone: TimeZone, errors: inout [FieldError]) -> Date? {
        guard let text else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            let date = calendar(timeZone).date(from: DateComponents(year: year, month: month, day: day)),
            calendar(timeZone).dateComponents([.year, .month, .day], from: date)
                == DateComponents(year: year, month: month, day: day)
        else {
            errors.append(FieldError(field: field, message: "must be a date written YYYY-MM-DD", code: "invalid_date"))
            return nil
        }
        return date
    }

    /// Returns the first instant of the day after the day that starts at `start`.
    static func nextDay(after start: Date, in timeZone: TimeZone) -> Date? {
        calendar(timeZone).date(byAdding: .day, value: 1, to: start)
    }

    private static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
