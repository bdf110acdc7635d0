import CommonKernel
import FoundationEssentials

extension InMemoryTenantStore {
    public func create(_ domain: CustomDomain) throws {
        try withState { state in
            if state.domains.values.contains(where: { $0.tenantID == domain.tenantID && $0.hostname == domain.hostname }) {
                throw AppError(.conflict, code: "domain.already_added", detail: "\(domain.hostname) is already one of this shop's domains.")
            }
            state.domains[domain.id] = domain
        }
    }

    public func list(tenantID: UUID) throws -> [CustomDomain] {
        withState { state in state.domains.values.filter { $0.tenantID == tenantID }.sorted { $0.createdAt < $1.createdAt } }
    }

    public func find(tenantID: UUID, id: UUID) throws -> CustomDomain? {
        withState { state in state.domains[id].flatMap { $0.tenantID == tenantID ? $0 : nil } }
    }

    public func activate(tenantID: UUID, id: UUID, at date: Date) throws -> CustomDomain {
        try withState { state in
            guard var domain = state.domains[id], domain.tenantID == tenantID else {
                throw AppError.notFound("Domain", code: "domain.not_found")
            }
            if state.domains.values.contains(where: { $0.hostname == domain.hostname && $0.status == .active && $0.id != id }) {
                throw AppError(.conflict, code: "domain.taken", detail: "\(domain.hostname) is already active for another shop.")
            }
            domain.status = .active
            domain.verifiedAt = date
            state.domains[id] = domain
            return domain
        }
    }

    public func activeTenantID(hostname: String) throws -> UUID? {
        withState { state in state.domains.values.first { $0.hostname == hostname && $0.status == .active }?.tenantID }
    }

    public func activeHostnames(tenantID: UUID) throws -> [String] {
        withState { state in state.domains.values.filter { $0.tenantID == tenantID && $0.status == .active }.map(\.hostname) }
    }
}
