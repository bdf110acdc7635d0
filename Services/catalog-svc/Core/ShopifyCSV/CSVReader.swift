import CommonKernel

/// Reads CSV as RFC 4180 describes it, plus what real exports contain: a UTF-8 byte order
/// mark, CRLF, LF or CR line ends, quoted fields with commas, doubled quotes and line breaks,
/// and blank or trailing empty lines (skipped).
///
/// Leniencies that match common spreadsheet readers: a quote inside an unquoted field, or
/// text right after a closing quote, is kept as ordinary text. Line breaks inside quoted fields
/// are kept exactly as written.
public enum CSVReader {
    /// Splits `bytes` into records, the header included.
    ///
    /// Throws `invalidInput` with code `csv.invalid_encoding` when the bytes are not UTF-8 and
    /// `csv.unclosed_quote` when a quoted field runs to the end of the file.
    public static func records(from bytes: [UInt8]) throws -> [CSVRecord] {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw AppError(
                .invalidInput, code: "csv.invalid_encoding",
                detail: "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again.")
        }
        var scanner = CSVScanner(bytes: bytes)
        return try scanner.scan()
    }
}

/// The byte-level state machine behind `CSVReader`; delimiters are ASCII, so scanning bytes is
/// safe for UTF-8 and avoids per-character work on large files.
struct CSVScanner {
    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"),
        lf = UInt8(ascii: "\n")

    let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var row = 1
    private var recordLine = 1
    private var fields: [String] = []
    private var field: [UInt8] = []
    private var fieldWasQuoted = false
    private var records: [CSVRecord] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    mutating func scan() throws -> [CSVRecord] {
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == Self.quote, field.isEmpty, !fieldWasQuoted {
                try scanQuotedField()
            } else if byte == Self.comma {
                endField()
            } else if byte == Self.cr || byte == Self.lf {
                if byte == Self.cr, index < bytes.count, bytes[index] == Self.lf { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.append(byte)
            }
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }

    /// Reads a quoted field's content up to its closing quote, with the opening quote consumed.
    private mutating func scanQuotedField() throws {
        fieldWasQuoted = true
        let startLine = line
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == Self.quote {
                guard index < bytes.count, bytes[index] == Self.quote else { return }
                index += 1
            } else if byte == Self.lf || (byte == Self.cr && (index >= bytes.count || bytes[index] != Self.lf)) {
                line += 1
            }
            field.append(byte)
        }
        throw AppError(
            .invalidInput, code: "csv.unclosed_quote",
            detail:
                "Row \(row) (line \(startLine)) has a quoted field that is never closed. Check for a missing \" in that row."
        )
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        fieldWasQuoted = false
    }

    private mutating func endRecord() {
        let isBlank = fields.isEmpty && field.isEmpty && !fieldWasQuoted
        endField()
        if !isBlank { records.append(CSVRecord(fields: fields, row: row, line: recordLine)) }
        fields.removeAll(keepingCapacity: true)
        row += 1
    }
}
