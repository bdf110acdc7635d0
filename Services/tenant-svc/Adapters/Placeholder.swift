enum TenantAdaptersPlaceholder {}
