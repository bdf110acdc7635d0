import CommonKernel
import Foundation
import OrderCore
import Synchronization

/// A clock that tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    var function: @Sendable () -> Date { { self.now } }
}

/// One tenant's shop on in-memory adapters, with the use cases wired to them.
struct Shop {
    let faults = FaultPlan()
    let store: InMemoryOrderStore
    let catalog: InMemoryCatalog
    let tenant: TenantRecord
    let clock = TestClock()
    let logSink = LogSink.memory()

    init(currency: String = "BDT", timeZone: String = "Asia/Dhaka") {
        store = InMemoryOrderStore(faults: faults)
        catalog = InMemoryCatalog(faults: faults)
        tenant = makeTenant(currency: currency, timeZone: timeZone)
    }

    var logger: Logger { Logger(label: "order-svc-test", level: .debug, sink: logSink) }
    var createCart: CreateCart { CreateCart(store: store, clock: clock.function) }
    var changeLine: ChangeCartLine { ChangeCartLine(store: store, catalog: catalog, clock: clock.function) }
    var placeOrder: PlaceOrder {
        PlaceOrder(store: store, catalog: catalog, stock: catalog, clock: clock.function, logger: logger)
    }
    var markPaid: MarkOrderPaid { MarkOrderPaid(store: store, stock: catalog, clock: clock.function, logger: logger) }
    var cancel: CancelOrder { CancelOrder(store: store, stock: catalog, clock: clock.function, logger: logger) }
    var expire: ExpireUnpaidOrders { ExpireUnpaidOrders(store: store, stock: catalog, logger: logger) }
    var recover: RecoverAbandonedCheckouts {
        RecoverAbandonedCheckouts(store: store, stock: catalog, clock: clock.function, logger: logger)
    }
    var syncStock: SyncOrderStock { SyncOrderStock(store: store, stock: catalog, logger: logger) }

    /// Adds a variant to the catalog and returns its snapshot.
    @discardableResult
    func addVariant(
        _ title: String = "Jamdani Saree", price: String = "4500.00", stock: Int = 10, weightGrams: Int = 400,
        requiresShipping: Bool = true, taxable: Bool = true
    ) -> VariantSnapshot {
        let currency = try! Currency(code: tenant.currency)
        let snapshot = VariantSnapshot(
            variantID: UUID(), productID: UUID(), title: title, sku: "SKU-\(UUID().uuidString.prefix(6))",
            price: money(price, currency), weightGrams: weightGrams, requiresShipping: requiresShipping,
            taxable: taxable, availableQuantity: stock)
        catalog.put(snapshot, tenantID: tenant.id)
        return snapshot
    }

    /// Saves checkout settings with a flat "standard" rate and the given tax.
    func configure(shipping: String = "60.00", tax: TaxSettings = .none, holdSeconds: Int = 900) throws {
        let currency = try Currency(code: tenant.currency)
        let settings = OrderSettings(
            shippingRates: [
                ShippingRate(code: "standard", name: "Standard", pricing: .flat(money(shipping, currency)))
            ],
            tax: tax, paymentHoldSeconds: holdSeconds)
        try store.transaction(tenantID: tenant.id) { try $0.settings.save(settings, tenantID: tenant.id) }
    }

    func saveDiscount(_ discount: Discount) throws {
        try store.transaction(tenantID: tenant.id) { try $0.discounts.save(discount, tenantID: tenant.id) }
    }

    func discount(_ code: String) throws -> Discount? {
        try store.transaction(tenantID: tenant.id) { try $0.discounts.find(code: code, tenantID: tenant.id) }
    }

    /// Makes a guest cart holding `quantity` of each variant and returns it with its access.
    func guestCart(_ variants: [VariantSnapshot], quantity: Int = 1) throws -> (cart: Cart, access: CartAccess) {
        let created = try createCart.execute(tenant: tenant)
        let access = CartAccess.guestToken(created.token!)
        var cart = created.cart
        for variant in variants {
            cart = try changeLine.execute(
                .add(quantity: quantity), variantID: variant.variantID, cartID: cart.id, access: access, tenant: tenant)
        }
        return (cart, access)
    }

    func request(
        for cart: Cart, discountCode: String? = nil, email: String = "customer@example.com"
    ) -> CheckoutRequest {
        CheckoutRequest(
            cartID: cart.id, email: email, shippingAddress: dhakaAddress, shippingMethod: "standard",
            discountCode: discountCode)
    }

    /// Checks a one-variant guest cart out under a new idempotency key.
    func checkout(
        _ variants: [VariantSnapshot], quantity: Int = 1, discountCode: String? = nil
    ) throws -> PlaceOrder.Result {
        let (cart, access) = try guestCart(variants, quantity: quantity)
        return try placeOrder.execute(
            request(for: cart, discountCode: discountCode), idempotencyKey: UUID().uuidString, access: access,
            tenant: tenant)
    }

    func order(_ id: UUID) throws -> Order? {
        try store.transaction(tenantID: tenant.id) { try $0.orders.find(id: id, tenantID: tenant.id) }
    }

    func allOrders() throws -> [Order] {
        try store.transaction(tenantID: tenant.id) { transaction in
            try transaction.orders.list(OrderQuery(limit: 10_000), tenantID: tenant.id).orders
        }
    }

    func attempt(_ key: String) throws -> CheckoutAttempt? {
        try store.transaction(tenantID: tenant.id) { try $0.checkoutAttempts.find(key: key, tenantID: tenant.id) }
    }

    var events: [String] { store.events(tenantID: tenant.id).map(\.type) }
}

let dhakaAddress = PostalAddress(
    name: "Nusrat Jahan", line1: "House 12, Road 5", city: "Dhaka", district: "Dhaka", postcode: "1207",
    country: "BD", phone: "01712345678")
