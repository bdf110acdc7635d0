import CatalogAdapters
import CommonAdapters
import Glibc

// CSV imports upload whole files, so catalog-svc accepts larger bodies than the platform's
// 1 MiB default. An HTTP_MAX_BODY_BYTES set by the operator wins (the 0 keeps it).
setenv("HTTP_MAX_BODY_BYTES", String(CatalogService.defaultMaxBodyBytes), 0)
ServiceRunner.main(CatalogService.definition)
