/// How a division of minor units settles a remainder, for percentage math in tax and discounts.
///
/// Money is always rounded on whole minor units, once, at the end of a calculation: compute
/// with integers, then divide with one of these modes. Neither mode ever uses floating point.
public enum Rounding: Sendable, Equatable {
    /// Ties round away from zero: 2.5 becomes 3 and -2.5 becomes -3.
    case halfUp
    /// Ties round to the even neighbour: 2.5 becomes 2, 3.5 becomes 4 (banker's rounding).
    /// It does not drift upwards when many rounded amounts are summed.
    case halfEven

    /// Divides `numerator` by a positive `denominator` and rounds the quotient with this mode.
    ///
    /// - Precondition: `denominator > 0`.
    public func divide(_ numerator: Int64, by denominator: Int64) -> Int64 {
        precondition(denominator > 0, "Rounding.divide needs a positive denominator")
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        if remainder == 0 { return quotient }

        let direction: Int64 = numerator < 0 ? -1 : 1
        let twiceRemainder = remainder.magnitude * 2
        if twiceRemainder > denominator.magnitude { return quotient + direction }
        if twiceRemainder < denominator.magnitude { return quotient }

        switch self {
        case .halfUp:
            return quotient + direction
        case .halfEven:
            return quotient % 2 == 0 ? quotient : quotient + direction
        }
    }
}
