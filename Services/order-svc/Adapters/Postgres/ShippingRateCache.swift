import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore
import Synchronization

/// Shipping rates decoded from the JSON text of `ordering.order_settings.shipping_rates`, by text.
///
/// Every checkout reads its shop's settings, and decoding the rates with `JSONDecoder` cost
/// more than the query. The key is the whole text, so a changed setting is decoded afresh and
/// no stale rate can be returned.
final class ShippingRateCache: Sendable {
    static let shared = ShippingRateCache()
    /// The maximum number of distinct texts kept. A new text beyond it empties the cache first.
    static let capacity = 1024

    private let entries = Mutex<[String: [ShippingRate]]>([:])

    /// Returns the rates that `text` encodes. Throws `PostgresError.decoding` when it cannot be decoded.
    func rates(decoding text: String) throws -> [ShippingRate] {
        if let cached = entries.withLock({ $0[text] }) { return cached }
        let rates: [ShippingRate]
        do {
            rates = try JSONCoding.decoder.decode([ShippingRate].self, from: Data(text.utf8))
        } catch {
            throw PostgresError.decoding(column: "shipping_rates", expected: "shipping rates")
        }
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[text] = rates
        }
        return rates
    }
}
