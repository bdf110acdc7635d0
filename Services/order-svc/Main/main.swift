import CommonAdapters
import FoundationEssentials
import OrderAdapters

ServiceRunner.main(OrderService.definition(environment: ProcessInfo.processInfo.environment))
