#pragma once
#include <stddef.h>

/// Looks up the TXT records of `name` with the system resolver (res_query).
/// Writes the records into `out`, each followed by a newline (the strings of one multi-string
/// record are concatenated), NUL-terminated.
/// Returns the number of records, 0 when the name has none or does not exist, -1 when the
/// resolver failed (no answer, timeout), and -2 when `out` was too small.
int cresolv_txt_records(const char *name, char *out, size_t out_size);
