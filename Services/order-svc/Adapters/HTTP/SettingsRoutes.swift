import CommonKernel
import FoundationEssentials
import OrderCore

/// Staff settings of checkout, under the order prefix that Caddy routes to order-svc.
///
/// - `GET /api/v1/orders/settings` and `PATCH` (or `PUT`) with any of `shipping_rates`, `tax`
///   and `payment_hold_seconds`; see `SettingsJSON` for the shape.
/// - `GET /api/v1/orders/discounts/{code}` and `PUT` to create or replace a code; see
///   `DiscountJSON`. Replacing a code keeps its usage count.
struct SettingsRoutes {
    let store: any OrderStore

    func install(into router: inout Router) {
        router.get("/api/v1/orders/settings") { _, context in
            let tenant = try staffTenant(context)
            let settings = try ManageOrderSettings(store: store).settings(tenant: tenant)
            return .jsonValue(SettingsJSON.render(settings, currency: tenant.currency))
        }
        for method in [HTTPMethod.patch, .put] {
            router.add(method, "/api/v1/orders/settings") { request, context in
                let tenant = try staffTenant(context)
                let change = try SettingsJSON.change(request.body, currency: try Currency(code: tenant.currency))
                let settings = try ManageOrderSettings(store: store).update(change, tenant: tenant)
                return .jsonValue(SettingsJSON.render(settings, currency: tenant.currency))
            }
        }
        router.get("/api/v1/orders/discounts/{code}") { request, context in
            let tenant = try staffTenant(context)
            let discount = try ManageDiscounts(store: store).find(code: try request.parameter("code"), tenant: tenant)
            return .jsonValue(DiscountJSON.render(discount))
        }
        router.put("/api/v1/orders/discounts/{code}") { request, context in
            let tenant = try staffTenant(context)
            let discount = try DiscountJSON.discount(
                request.body, code: try request.parameter("code"), currency: try Currency(code: tenant.currency))
            return .jsonValue(DiscountJSON.render(try ManageDiscounts(store: store).save(discount, tenant: tenant)))
        }
    }

    private func staffTenant(_ context: RequestContext) throws -> TenantRecord {
        let tenant = try context.tenant()
        _ = try OrderAccess.requireStaff(context, tenant: tenant)
        return tenant
    }
}
