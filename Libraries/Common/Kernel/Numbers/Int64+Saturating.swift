extension Int64 {
    /// Converts `value` toward zero like `Int64(_:)`. Values beyond the range give `Int64.max` or
    /// `Int64.min` and NaN gives 0, where `Int64(_:)` traps.
    public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9_223_372_036_854_775_808.0 {
            self = .max
        } else if value < -9_223_372_036_854_775_808.0 {
            self = .min
        } else {
            self.init(value)
        }
    }
}
