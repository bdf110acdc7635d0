#pragma once

/// Fixes glibc's trim and mmap thresholds at `bytes` (both adapt to the allocation sizes seen
/// until one of them is set). Returns 1 when glibc took both settings, 0 otherwise.
int cmalloc_retain_free_bytes(int bytes);

/// Lets at most `count` malloc arenas exist (M_ARENA_MAX), so that threads share them. Takes effect
/// for threads that allocate for the first time afterwards. Returns 1 when glibc took the setting.
int cmalloc_limit_arenas(int count);

/// Returns the bytes of the blocks that malloc mapped with mmap, each in a region of its own
/// (mallinfo2's hblkhd).
unsigned long cmalloc_mapped_bytes(void);

/// Gives the free memory of every arena back to the kernel (malloc_trim(0)), including whole free
/// pages inside the heaps. Returns 1 when some memory was released, 0 otherwise.
int cmalloc_release_free_memory(void);

/// Returns the bytes that lie free inside the arenas (mallinfo2's fordblks).
unsigned long cmalloc_free_bytes(void);
