import CommonKernel
import FoundationEssentials

/// Lists a tenant's orders for its staff, newest first, with filters and cursor pagination.
public struct ListOrders: Sendable {
    /// The filters as staff enter them: calendar days in the shop's time zone.
    public struct Filter: Sendable, Equatable {
        public var status: OrderStatus?
        /// The first day included, as `YYYY-MM-DD`.
        public var placedFrom: String?
        /// The last day included, as `YYYY-MM-DD`.
        public var placedTo: String?
        public var email: String?
        public var limit: Int
        /// The `next_cursor` of the previous page.
        public var cursor: String?

        public init(
            status: OrderStatus? = nil, placedFrom: String? = nil, placedTo: String? = nil, email: String? = nil,
            limit: Int = OrderQuery.defaultLimit, cursor: String? = nil
        ) {
            self.status = status
            self.placedFrom = placedFrom
            self.placedTo = placedTo
            self.email = email
            self.limit = limit
            self.cursor = cursor
        }
    }

    let store: any OrderStore
    let timeZones: any TimeZoneDirectory

    public init(store: any OrderStore, timeZones: any TimeZoneDirectory) {
        self.store = store
        self.timeZones = timeZones
    }

    /// Returns one page. Days run from midnight to midnight in `tenant.timeZone`, so an order
    /// placed at 00:30 in Dhaka counts for that Dhaka day although it is the previous day in UTC.
    /// A time zone identifier that `timeZones` does not know falls back to UTC.
    ///
    /// Throws `invalidInput` listing every bad filter: `limit` outside 1...100, a malformed
    /// `placed_from`, `placed_to` or `email`, `placed_to` before `placed_from`, or a foreign `cursor`.
    public func execute(_ filter: Filter, tenant: TenantRecord) throws -> OrderPage {
        let zone = timeZones.rules(for: tenant.timeZone) ?? ZoneRules(identifier: "UTC", initialOffset: 0)
        let query = try Self.query(filter, zone: zone, tenantID: tenant.id)
        return try store.transaction(tenantID: tenant.id) { transaction in
            try transaction.orders.list(query, tenantID: tenant.id)
        }
    }

    static func query(_ filter: Filter, zone: ZoneRules, tenantID: UUID) throws -> OrderQuery {
        var errors: [FieldError] = []
        if !(1...OrderQuery.maximumLimit).contains(filter.limit) {
            errors.append(
                FieldError(
                    field: "limit", message: "must be between 1 and \(OrderQuery.maximumLimit)", code: "out_of_range"))
        }
        let from = LocalDay.startOfDay(filter.placedFrom, field: "placed_from", in: zone, errors: &errors)
        let through = LocalDay.startOfDay(filter.placedTo, field: "placed_to", in: zone, errors: &errors)
        let before = through.map { LocalDay.nextDay(after: $0, in: zone) }
        if let from, let before, before <= from {
            errors.append(
                FieldError(field: "placed_to", message: "must not be before placed_from", code: "out_of_range"))
        }
        let email = filter.email.flatMap { EmailAddress.validate($0, field: "email", errors: &errors) }
        var cursor: OrderCursor?
        do {
            cursor = try filter.cursor.map { try OrderCursor(encoded: $0, tenantID: tenantID) }
        } catch let error as AppError {
            errors += error.fieldErrors
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        return OrderQuery(
            status: filter.status, placedFrom: from, placedBefore: before, email: email, limit: filter.limit,
            cursor: cursor)
    }
}
