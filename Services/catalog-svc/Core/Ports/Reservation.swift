import CommonKernel
import FoundationEssentials

/// The stock of one variant as the inventory sees it.
public struct InventoryLevel: Sendable, Equatable {
    public var variantID: UUID
    public var productID: UUID
    public var sku: String
    /// Units available for sale; reserved units are already subtracted.
    public var available: Int
    public var tracksInventory: Bool
    public var inventoryPolicy: InventoryPolicy

    public init(
        variantID: UUID, productID: UUID, sku: String, available: Int, tracksInventory: Bool,
        inventoryPolicy: InventoryPolicy
    ) {
        self.variantID = variantID
        self.productID = productID
        self.sku = sku
        self.available = available
        self.tracksInventory = tracksInventory
        self.inventoryPolicy = inventoryPolicy
    }
}

/// One line of a reservation: a variant and a positive number of units.
public struct ReservationLine: Sendable, Equatable, Hashable, Codable {
    public var variantID: UUID
    public var quantity: Int

    public init(variantID: UUID, quantity: Int) {
        self.variantID = variantID
        self.quantity = quantity
    }
}

/// A request to hold stock for an order.
public struct ReservationRequest: Sendable, Equatable {
    public var orderID: UUID
    public var lines: [ReservationLine]

    public init(orderID: UUID, lines: [ReservationLine]) {
        self.orderID = orderID
        self.lines = lines
    }

    /// The largest quantity one line may reserve.
    public static let maximumLineQuantity = 1_000_000

    /// Throws `invalidInput` naming `lines` or `lines[i].quantity` when there are no lines or a
    /// quantity is not between 1 and `maximumLineQuantity`.
    public func validate() throws {
        var errors: [FieldError] = []
        if lines.isEmpty {
            errors.append(FieldError(field: "lines", message: "must contain at least one line", code: "missing"))
        }
        for (index, line) in lines.enumerated() where !(1...Self.maximumLineQuantity).contains(line.quantity) {
            errors.append(
                FieldError(
                    field: "lines[\(index)].quantity",
                    message: "must be between 1 and \(Self.maximumLineQuantity), not \(line.quantity)",
                    code: "out_of_range"))
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
    }

    /// The lines with repeated variants merged and sorted by variant id, so that two requests
    /// for the same stock compare equal and adapters lock rows in one order.
    public var normalizedLines: [ReservationLine] {
        var totals: [UUID: Int] = [:]
        for line in lines { totals[line.variantID, default: 0] += line.quantity }
        return totals.map { ReservationLine(variantID: $0.key, quantity: $0.value) }
            .sorted { $0.variantID.uuidString < $1.variantID.uuidString }
    }
}

/// The stage of a reservation: holding stock, given back, or final.
public enum ReservationState: String, Sendable, Codable {
    case reserved
    case released
    case committed
}

/// Stock held for one order.
public struct Reservation: Sendable, Equatable {
    public var orderID: UUID
    public var tenantID: UUID
    /// The normalized lines (see `ReservationRequest.normalizedLines`).
    public var lines: [ReservationLine]
    public var state: ReservationState
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        orderID: UUID, tenantID: UUID, lines: [ReservationLine], state: ReservationState,
        createdAt: Date, updatedAt: Date
    ) {
        self.orderID = orderID
        self.tenantID = tenantID
        self.lines = lines
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One recorded change of a variant's stock and why it happened.
public struct InventoryMovement: Sendable, Equatable {
    public var variantID: UUID
    /// The change in available units: negative for a sale or reservation.
    public var delta: Int
    /// The available units after the change.
    public var resultingQuantity: Int
    /// The cause of the change, such as "stocktake", "import" or "reserved for order 6f1c…".
    public var reason: String
    public var occurredAt: Date

    public init(variantID: UUID, delta: Int, resultingQuantity: Int, reason: String, occurredAt: Date) {
        self.variantID = variantID
        self.delta = delta
        self.resultingQuantity = resultingQuantity
        self.reason = reason
        self.occurredAt = occurredAt
    }
}
