import CommonAdapters
import TenantAdapters

ServiceRunner.main(TenantService.definition)
