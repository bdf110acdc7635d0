enum OrderAdaptersPlaceholder {}
