import CatalogCore
import FoundationEssentials
import Glibc

/// A product's public JSON as stored beside the product, so that public reads copy it instead of
/// building it from rows.
///
/// Stock changes with every checkout, so the values that depend on it are left out: the body
/// has a marker byte in their place, and `stockVariantIDs` lists the variants whose stock counts,
/// in the order of their markers. The database keeps one flag per listed variant (`1` when it
/// has units available, `0` otherwise), which `splice` writes back as `true` or `false`.
/// JSONWriter escapes every control character inside strings, so the raw marker bytes cannot
/// occur anywhere else in the body.
struct PublicProductDocument: Equatable {
    /// The marker of a variant's `available`, which is the flag of the next listed variant.
    static let inStockMarker: UInt8 = 0x01
    /// The marker of the product's `available`, which is true when any listed variant has its flag set.
    static let anyInStockMarker: UInt8 = 0x02

    /// The public JSON with markers, valid UTF-8 without NUL bytes, so it fits a `text` column.
    var body: String
    /// The variants that enforce a stock floor, in the order of their markers in `body`.
    var stockVariantIDs: [UUID]

    /// Renders `product` as the public reader sees it.
    init(_ product: Product) {
        var writer = JSONWriter(capacity: 4096)
        ProductJSON.write(product, for: .publicReader, stock: .markers, into: &writer)
        body = String(decoding: writer.bytes, as: UTF8.self)
        stockVariantIDs = product.variants.filter(\.enforcesStockFloor).map(\.id)
    }

    /// Appends `body` with each marker replaced by its value under `stockFlags` (one `1` or `0`
    /// per stock variant). Returns false, having appended part of the body, when the markers
    /// and flags do not match.
    static func splice(_ body: String, stockFlags: String, into bytes: inout [UInt8]) -> Bool {
        var body = body
        var flags = stockFlags
        return body.withUTF8 { text in
            flags.withUTF8 { flags in splice(text, stockFlags: flags, into: &bytes) }
        }
    }

    /// Appends the stored body `text` with its markers replaced, as `splice(_:stockFlags:into:)`
    /// does, reading both from the caller's memory.
    static func splice(
        _ text: UnsafeBufferPointer<UInt8>, stockFlags flags: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]
    ) -> Bool {
        let anyInStock = flags.contains(UInt8(ascii: "1"))
        var nextFlag = 0
        var runStart = 0
        var nextVariantMarker = position(of: inStockMarker, in: text, from: 0)
        var nextProductMarker = position(of: anyInStockMarker, in: text, from: 0)
        while true {
            let index = min(nextVariantMarker, nextProductMarker)
            if index == text.count { break }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
            runStart = index + 1
            if index == nextVariantMarker {
                guard nextFlag < flags.count else { return false }
                bytes.append(contentsOf: (flags[nextFlag] == UInt8(ascii: "1") ? "true" : "false").utf8)
                nextFlag += 1
                nextVariantMarker = position(of: inStockMarker, in: text, from: runStart)
            } else {
                bytes.append(contentsOf: (anyInStock ? "true" : "false").utf8)
                nextProductMarker = position(of: anyInStockMarker, in: text, from: runStart)
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
        return nextFlag == flags.count
    }

    /// Returns the index of the first `byte` in `text` at or after `start`, or `text.count` when
    /// there is none. C's `memchr` compares many bytes per instruction. A byte loop in Swift took
    /// 8% of catalog-svc's samples in a `perf` profile of the benchmark's 24-product list.
    private static func position(of byte: UInt8, in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < text.count, let base = text.baseAddress,
            let found = memchr(base + start, Int32(byte), text.count - start)
        else { return text.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Returns the stored document with its markers replaced, as a public read returns it.
    static func spliced(_ body: String, stockFlags: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(body.utf8.count)
        return splice(body, stockFlags: stockFlags, into: &bytes) ? bytes : nil
    }
}
