import CommonKernel

extension ImportShopifyCSV {
    /// The maximum length of an import's file name, in characters.
    public static let maximumFileNameLength = 255

    /// Returns `name` when it can be shown as an import's file name: 1 to 255 characters, with
    /// no control character (tab and line breaks included) and no `/` or `\`.
    ///
    /// Throws `invalidInput` naming `file_name`, with code `invalid_length`,
    /// `control_character` or `path_separator`.
    public static func checkFileName(_ name: String) throws -> String {
        guard !name.isEmpty, name.count <= maximumFileNameLength else {
            throw AppError.invalidField(
                "file_name", "must have 1 to \(maximumFileNameLength) characters", code: "invalid_length")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw AppError.invalidField("file_name", "must not contain control characters", code: "control_character")
        }
        // The name is only a label, but a path in it could mislead a program or a person that
        // later saves or shows the file under that name.
        if name.utf8.contains(UInt8(ascii: "/")) || name.utf8.contains(UInt8(ascii: "\\")) {
            throw AppError.invalidField(
                "file_name", "must be a bare file name such as products.csv, without / or \\", code: "path_separator")
        }
        return name
    }
}
