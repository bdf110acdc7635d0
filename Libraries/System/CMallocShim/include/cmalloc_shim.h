#pragma once

/// Fixes glibc's trim and mmap thresholds at `bytes` (both adapt to the allocation sizes seen
/// until one of them is set). Returns 1 when glibc took both settings, 0 otherwise.
int cmalloc_retain_free_bytes(int bytes);

/// Returns the bytes free at the top of the main arena, which glibc could hand back to the
/// kernel (mallinfo2's keepcost).
unsigned long cmalloc_main_arena_top_free_bytes(void);
