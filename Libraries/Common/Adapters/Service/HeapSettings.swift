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
///
/// glibc also gives each new thread an arena of its own, up to eight per core. `malloc_trim`
/// returns the free top of the main arena only, so after a burst every worker thread's arena
/// kept up to `retainBytes` free while the service idled: 5.5 MB in catalog-svc after an
/// import and some browsing. `arenas` caps their number. With one, all threads share the main
/// arena, and an idle trim returns its whole free top. Most small blocks come from glibc's
/// per-thread cache without taking the arena's lock, and on two cores the cap of one arena did
/// not lower catalog-svc's throughput on its uncached product list (docs/benchmarks.md).
enum HeapSettings {
    /// Applies `retainBytes` as the trim and `mmap` thresholds; 0 leaves glibc's adaptive
    /// defaults. Returns whether glibc took the settings (it refuses an `mmap` threshold above
    /// 32 MiB on 64-bit systems).
    @discardableResult
    static func apply(retainBytes: Int) -> Bool {
        guard retainBytes > 0 else { return true }
        return cmalloc_retain_free_bytes(Int32(clamping: retainBytes)) == 1
    }

    /// Caps the number of malloc arenas at `arenas`, or leaves glibc's limit of eight per core for 0.
    /// It must run before the service starts its threads. Returns whether glibc took the setting.
    @discardableResult
    static func apply(arenas: Int) -> Bool {
        guard arenas > 0 else { return true }
        return cmalloc_limit_arenas(Int32(clamping: arenas)) == 1
    }
}
