/// Numbers written for logs and problem details without Foundation's formatters, which load
/// locale data and are costly on every request.
public enum NumberText {
    /// `seconds` as milliseconds with three decimals, such as `"12.345"`.
    public static func milliseconds(_ seconds: Double) -> String {
        let micros = Int((seconds * 1_000_000).rounded())
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        let fraction = String(magnitude % 1000)
        return "\(sign)\(magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }

    /// `value` without a fractional part when it has none (`"5"`), else as Swift prints it (`"0.5"`).
    public static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
