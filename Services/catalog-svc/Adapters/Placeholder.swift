enum CatalogAdaptersPlaceholder {}
