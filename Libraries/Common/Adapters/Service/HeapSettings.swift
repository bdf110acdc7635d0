import CMallocShim

/// glibc's malloc settings for a service process.
///
/// By default glibc gives a thread's arena back to the kernel (`madvise`) as soon as more than
/// 128 KiB lies free at its top, and it moves the threshold for `mmap` with the sizes of the blocks freed.
/// A request that builds a response of some tens of kilobytes then hands pages back when it frees
/// them, and the next request faults them in again, zero-filled. In a benchmark of catalog-svc's
/// uncached product list (59 KB per response), that cost 0.7 `madvise` calls and 4.5 page faults
/// per request; each `madvise` also interrupts the other core to flush its address cache.
/// Fixing both thresholds at `retainBytes` keeps up to that much free memory per arena instead.
enum HeapSettings {
    /// Applies `retainBytes` as the trim and `mmap` thresholds; 0 leaves glibc's adaptive
    /// defaults. Returns whether glibc took the settings (it refuses an `mmap` threshold above
    /// 32 MiB on 64-bit systems).
    @discardableResult
    static func apply(retainBytes: Int) -> Bool {
        guard retainBytes > 0 else { return true }
        return cmalloc_retain_free_bytes(Int32(clamping: retainBytes)) == 1
    }
}
