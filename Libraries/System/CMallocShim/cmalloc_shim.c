#include "cmalloc_shim.h"

#include <malloc.h>

int cmalloc_retain_free_bytes(int bytes) {
    int trim = mallopt(M_TRIM_THRESHOLD, bytes);
    int map = mallopt(M_MMAP_THRESHOLD, bytes);
    return trim == 1 && map == 1;
}

unsigned long cmalloc_mapped_bytes(void) {
    return (unsigned long)mallinfo2().hblkhd;
}

int cmalloc_limit_arenas(int count) {
    return mallopt(M_ARENA_MAX, count);
}

int cmalloc_release_free_memory(void) {
    return malloc_trim(0);
}

unsigned long cmalloc_free_bytes(void) {
    return (unsigned long)mallinfo2().fordblks;
}
