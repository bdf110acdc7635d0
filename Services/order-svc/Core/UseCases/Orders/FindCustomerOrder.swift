import CommonKernel
import FoundationEssentials

/// Shows a customer their order without an account: by number and email, or by the secret
/// token of the order's status link.
public struct FindCustomerOrder: Sendable {
    /// The proof a customer presents.
    public enum Lookup: Sendable, Equatable {
        /// The order number and the email used at checkout, in any letter case.
        case numberAndEmail(number: Int, email: String)
        /// The `statusToken` of the order.
        case statusToken(String)
    }

    let store: any OrderStore

    public init(store: any OrderStore) {
        self.store = store
    }

    /// Returns the order; throws `order.not_found` for any mismatch, so a wrong email or token
    /// reveals nothing about which orders exist. Secrets are compared in constant time.
    public func execute(_ lookup: Lookup, tenant: TenantRecord) throws -> Order {
        let order = try store.transaction(tenantID: tenant.id) { transaction -> Order? in
            switch lookup {
            case .numberAndEmail(let number, let email):
                guard let order = try transaction.orders.find(number: number, tenantID: tenant.id) else { return nil }
                let typed = email.trimmingWhitespaceAndNewlines().lowercased()
                return ConstantTime.equals(order.email.matchKey, typed) ? order : nil
            case .statusToken(let token):
                guard let (orderID, secret) = Order.parseStatusToken(token),
                    let order = try transaction.orders.find(id: orderID, tenantID: tenant.id)
                else {
                    return nil
                }
                return ConstantTime.equals(order.accessToken, secret) ? order : nil
            }
        }
        guard let order else { throw OrderError.orderNotFound() }
        return order
    }
}

extension Order {
    /// The token of the order's status link: the order id and its secret, joined by a dot.
    public var statusToken: String {
        "\(id.lowercasedString).\(accessToken)"
    }

    /// Splits a status token into the order id and the secret; nil when malformed.
    static func parseStatusToken(_ token: String) -> (UUID, String)? {
        let parts = token.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let id = UUID(uuidString: String(parts[0])) else { return nil }
        return (id, String(parts[1]))
    }
}
