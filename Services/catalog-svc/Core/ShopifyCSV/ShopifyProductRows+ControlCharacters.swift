import CommonKernel

extension ShopifyProductRows {
    /// Returns an error for each cell of these rows, in an imported column, that contains a
    /// control character other than tab, line feed or carriage return.
    ///
    /// The JSON API rejects the same characters with `control_character`. PostgreSQL text cannot
    /// store NUL, and a NUL that reached the database driver would cut the value short without
    /// an error, so such a product is reported instead of imported.
    func controlCharacterIssues(header: ShopifyHeader) -> [ImportIssue] {
        var issues: [ImportIssue] = []
        for record in records {
            for (column, index) in header.importedColumns {
                guard let scalar = record[index].unicodeScalars.first(where: Self.isForbiddenControl) else { continue }
                issues.append(
                    ImportIssue(
                        row: record.row, column: column.rawValue,
                        message: "contains the control character \(Self.codePoint(scalar)), but only tab and line breaks are allowed"))
            }
        }
        return issues
    }

    /// Whether `scalar` is a C0 control other than tab, line feed and carriage return, or DEL:
    /// the rule of the JSON API's text fields.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        let allowed: Set<Unicode.Scalar> = ["\t", "\n", "\r"]
        return (scalar.value < 0x20 && !allowed.contains(scalar)) || scalar.value == 0x7F
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
