/// Canonical forms of the phone numbers couriers call on delivery.
enum PhoneNumber {
    /// Returns a Bangladeshi mobile number as `+8801XNNNNNNNN`, or nil.
    ///
    /// Accepts `01XNNNNNNNN`, `8801X…` and `+8801X…` with spaces, hyphens or dots between digits,
    /// where X is an operator digit from 3 to 9.
    static func bangladeshMobile(_ text: String) -> String? {
        guard let (plus, digits) = digitsWithSeparators(text) else { return nil }
        var national = digits
        if digits.hasPrefix("880") {
            national = String(digits.dropFirst(2))
        } else if plus {
            return nil
        }
        guard national.count == 11, national.hasPrefix("01"), let operatorDigit = national.dropFirst(2).first,
            ("3"..."9").contains(operatorDigit)
        else {
            return nil
        }
        return "+88" + national
    }

    /// Returns a number of 7 to 15 digits (the E.164 maximum), keeping a leading `+`, or nil.
    static func international(_ text: String) -> String? {
        guard let (plus, digits) = digitsWithSeparators(text), (7...15).contains(digits.count) else { return nil }
        return (plus ? "+" : "") + digits
    }

    /// Splits `text` into an optional leading `+` and its digits, allowing spaces, hyphens, dots
    /// and parentheses between them; nil for any other character.
    private static func digitsWithSeparators(_ text: String) -> (plus: Bool, digits: String)? {
        var rest = Substring(text)
        let plus = rest.first == "+"
        if plus { rest = rest.dropFirst() }
        var digits = ""
        for character in rest {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if !" -.()".contains(character) {
                return nil
            }
        }
        return digits.isEmpty ? nil : (plus, digits)
    }
}
