import FoundationEssentials
import Synchronization

/// Fans a changed tenant's id out to every in-process cache of tenant data, whichever path
/// reported the change: the Redis notice channel or a `tenant.updated` event.
public final class TenantChangeHub: Sendable {
    private let listeners = Mutex<[@Sendable (UUID) -> Void]>([])

    public init() {}

    public func subscribe(_ listener: @escaping @Sendable (UUID) -> Void) {
        listeners.withLock { $0.append(listener) }
    }

    public func tenantChanged(_ id: UUID) {
        for listener in listeners.withLock({ $0 }) { listener(id) }
    }
}
