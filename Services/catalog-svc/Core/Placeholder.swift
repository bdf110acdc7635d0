enum CatalogCorePlaceholder {}
