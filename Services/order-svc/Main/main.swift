import CommonAdapters
import Foundation
import OrderAdapters

ServiceRunner.main(OrderService.definition(environment: ProcessInfo.processInfo.environment))
