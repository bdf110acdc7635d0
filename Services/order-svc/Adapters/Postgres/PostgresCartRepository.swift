import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

/// Carts in `ordering.carts` and their lines in `ordering.cart_lines`.
struct PostgresCartRepository: CartRepository {
    let database: TransactionConnection

    func insert(_ cart: Cart, tenantID: UUID) throws {
        guard cart.tenantID == tenantID else { throw OrderError.tenantMismatch() }
        var guestToken: String?
        var customerID: UUID?
        switch cart.owner {
        case .guest(let token): guestToken = token
        case .customer(let id): customerID = id
        }
        do {
            try database.execute(
                """
                INSERT INTO ordering.carts (tenant_id, id, guest_token, customer_id, currency, checked_out_order_id,
                    created_at, updated_at, revision)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """,
                [
                    tenantID, cart.id, guestToken, customerID, cart.currency.code, cart.checkedOutOrderID,
                    cart.createdAt, cart.updatedAt, cart.revision,
                ])
        } catch let error as PostgresError where error.isUniqueViolation {
            throw AppError(.conflict, code: "cart.exists", detail: "A cart with this id already exists.")
        }
        try insertLines(cart.lines, cartID: cart.id, tenantID: tenantID)
    }

    /// Reads the cart and its lines in one round trip.
    func find(id: UUID, tenantID: UUID) throws -> Cart? {
        let results = try database.run([
            PostgresStatement("SELECT * FROM ordering.carts WHERE tenant_id = $1 AND id = $2", [tenantID, id]),
            PostgresStatement(
                "SELECT * FROM ordering.cart_lines WHERE tenant_id = $1 AND cart_id = $2 ORDER BY position",
                [tenantID, id]),
        ])
        guard let row = results[0].rows.first else { return nil }
        return try Self.cart(row, lines: results[1].rows.map(Self.line))
    }

    func findOpen(customerID: UUID, tenantID: UUID) throws -> Cart? {
        let newest = try database.query(
            """
            SELECT id FROM ordering.carts
            WHERE tenant_id = $1 AND customer_id = $2 AND checked_out_order_id IS NULL
            ORDER BY updated_at DESC, id DESC LIMIT 1
            """, [tenantID, customerID])
        return try newest.first.flatMap { try find(id: try $0.uuid("id"), tenantID: tenantID) }
    }

    func update(_ cart: Cart, tenantID: UUID) throws -> Cart {
        guard cart.tenantID == tenantID else { throw OrderError.tenantMismatch() }
        let updated = try database.execute(
            """
            UPDATE ordering.carts SET checked_out_order_id = $4, updated_at = $5, revision = revision + 1
            WHERE tenant_id = $1 AND id = $2 AND revision = $3
            """, [tenantID, cart.id, cart.revision, cart.checkedOutOrderID, cart.updatedAt])
        try requireUpdated(updated, cartID: cart.id, tenantID: tenantID)
        try database.execute(
            "DELETE FROM ordering.cart_lines WHERE tenant_id = $1 AND cart_id = $2", [tenantID, cart.id])
        try insertLines(cart.lines, cartID: cart.id, tenantID: tenantID)
        var stored = cart
        stored.revision += 1
        return stored
    }

    /// Changes only the cart row, because checking out leaves the lines as they are.
    ///
    /// In a transaction with a queue, the update is queued, and the transaction fails with
    /// `cart.changed` or `cart.not_found` when its next statement or its commit is sent. One
    /// statement both updates the row and distinguishes the two errors, because a check cannot
    /// send a query of its own.
    func markCheckedOut(_ cart: Cart, orderID: UUID, at time: Date, tenantID: UUID) throws -> Cart {
        guard cart.tenantID == tenantID else { throw OrderError.tenantMismatch() }
        let statement = PostgresStatement(
            """
            WITH updated AS (
                UPDATE ordering.carts SET checked_out_order_id = $4, updated_at = $5, revision = revision + 1
                WHERE tenant_id = $1 AND id = $2 AND revision = $3 RETURNING 1)
            SELECT (SELECT count(*) FROM updated) AS updated,
                EXISTS (SELECT 1 FROM ordering.carts WHERE tenant_id = $1 AND id = $2) AS cart_exists
            """, [tenantID, cart.id, cart.revision, orderID, time])
        try database.write(statement) { [cartID = cart.id] result in
            guard let row = result.rows.first else { throw PostgresError.decoding(column: "updated", expected: "a row") }
            guard try row.int("updated") != 1 else { return }
            throw try row.bool("cart_exists") ? OrderError.cartChanged(cartID) : OrderError.cartNotFound(cartID)
        }
        var stored = cart
        stored.checkedOutOrderID = orderID
        stored.updatedAt = time
        stored.revision += 1
        return stored
    }

    /// Throws why a revision-checked update changed no row: the cart is gone or has moved on.
    private func requireUpdated(_ updated: Int, cartID: UUID, tenantID: UUID) throws {
        guard updated != 1 else { return }
        let exists = try database.query(
            "SELECT 1 FROM ordering.carts WHERE tenant_id = $1 AND id = $2", [tenantID, cartID])
        throw exists.isEmpty ? OrderError.cartNotFound(cartID) : OrderError.cartChanged(cartID)
    }

    private func insertLines(_ lines: [CartLine], cartID: UUID, tenantID: UUID) throws {
        let rows: [[any PostgresEncodable]] = lines.enumerated().map { position, line in
            [
                tenantID, cartID, position, line.variantID, line.productID, line.title, line.variantTitle, line.sku,
                line.unitPrice.minorUnits, line.unitPrice.currency.code, line.quantity, line.weightGrams,
                line.requiresShipping, line.taxable,
            ]
        }
        try database.insert(
            into: "ordering.cart_lines",
            columns: [
                "tenant_id", "cart_id", "position", "variant_id", "product_id", "title", "variant_title", "sku",
                "unit_price_minor", "currency", "quantity", "weight_grams", "requires_shipping", "taxable",
            ], rows: rows)
    }

    static func cart(_ row: PostgresRow, lines: [CartLine]) throws -> Cart {
        let owner: Cart.Owner
        if let token = try row.optionalString("guest_token") {
            owner = .guest(token: token)
        } else {
            owner = .customer(try row.uuid("customer_id"))
        }
        return Cart(
            id: try row.uuid("id"), tenantID: try row.uuid("tenant_id"), owner: owner,
            currency: try StoredMoney.currency(row, "currency"), lines: lines,
            checkedOutOrderID: try row.optionalUUID("checked_out_order_id"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"), revision: try row.int("revision"))
    }

    static func line(_ row: PostgresRow) throws -> CartLine {
        let snapshot = VariantSnapshot(
            variantID: try row.uuid("variant_id"), productID: try row.uuid("product_id"), title: try row.string("title"),
            variantTitle: try row.string("variant_title"), sku: try row.string("sku"),
            price: try StoredMoney.money(row, "unit_price_minor", currencyColumn: "currency"),
            weightGrams: try row.int("weight_grams"), requiresShipping: try row.bool("requires_shipping"),
            taxable: try row.bool("taxable"), availableQuantity: 0)
        return CartLine(snapshot: snapshot, quantity: try row.int("quantity"))
    }
}
