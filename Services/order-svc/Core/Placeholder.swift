enum OrderCorePlaceholder {}
