enum CommonAdaptersPlaceholder {}
