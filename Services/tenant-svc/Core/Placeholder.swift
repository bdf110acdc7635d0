enum TenantCorePlaceholder {}
