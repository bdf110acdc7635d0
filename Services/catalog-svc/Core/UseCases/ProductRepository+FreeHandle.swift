import CommonKernel
import FoundationEssentials

extension ProductRepository {
    /// Returns `handle` when no live product of the shop other than `productID` has it, else the
    /// first free one of `handle-1`, `handle-2` and so on, up to `numberedHandles`. After that
    /// many taken ones it returns `handle`, which validation then rejects as taken. An empty
    /// handle is returned as it is, for validation to reject.
    func freeHandle(startingWith handle: String, tenantID: UUID, except productID: UUID? = nil) throws -> String {
        guard !handle.isEmpty, try isTaken(handle, tenantID: tenantID, except: productID) else { return handle }
        for number in 1...Self.numberedHandles {
            let numbered = Handle.numbered(handle, number)
            if try !isTaken(numbered, tenantID: tenantID, except: productID) { return numbered }
        }
        return handle
    }

    private func isTaken(_ handle: String, tenantID: UUID, except productID: UUID?) throws -> Bool {
        guard let holder = try find(handle: handle, tenantID: tenantID) else { return false }
        return holder.id != productID
    }

    /// The maximum number of numbered handles tried for a title whose handle is taken.
    static var numberedHandles: Int { 99 }
}
