#pragma once
#include <curl/curl.h>

// libcurl, loaded with dlopen on first use instead of linked.
//
// Linking libcurl made every service map and relocate it at start-up, with
// the libraries that only it needs (nghttp2, ssh2, rtmp, psl, brotli, zstd,
// zlib): about 0.7 MB of resident memory. Yet the services reach each other
// over plain sockets, and only a call to an https:// URL needs libcurl. So no
// function of libcurl is linked: each wrapper below calls it through a
// pointer that ccurl_load() resolves once.
//
// The setopt and getinfo wrappers are typed, because Swift cannot import
// libcurl's variadic calls. Each forwards an argument of the type that the
// option or info expects and returns libcurl's result.

/// Loads libcurl.so.4 and resolves the functions below, once per process and
/// safe to call from many threads. Returns 1 when libcurl is usable, 0 when it
/// could not be loaded; ccurl_load_error() then gives the reason.
int ccurl_load(void);

/// The reason the load failed, or NULL when it succeeded or was not tried.
const char *ccurl_load_error(void);

/// The functions of libcurl that the project calls, with libcurl's meaning.
/// Call them only after ccurl_load() returned 1. The exception is
/// ccurl_easy_strerror, which returns a fixed text when libcurl is not loaded.
CURLcode ccurl_global_init(long flags);
CURL *ccurl_easy_init(void);
void ccurl_easy_cleanup(CURL *handle);
void ccurl_easy_reset(CURL *handle);
CURLcode ccurl_easy_perform(CURL *handle);
const char *ccurl_easy_strerror(CURLcode code);
struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line);
void ccurl_slist_free_all(struct curl_slist *list);

/// The signature libcurl expects for CURLOPT_WRITEFUNCTION, CURLOPT_HEADERFUNCTION
/// and CURLOPT_READFUNCTION: (buffer, size, count, user data) -> bytes handled.
typedef size_t (*ccurl_data_callback)(char *buffer, size_t size, size_t count, void *user_data);

/// Sets an option that takes a `long`, such as CURLOPT_NOSIGNAL or CURLOPT_TIMEOUT_MS.
CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);

/// Sets an option that takes a `curl_off_t`, such as CURLOPT_POSTFIELDSIZE_LARGE.
CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);

/// Sets an option that takes a C string; libcurl copies the string except for
/// CURLOPT_POSTFIELDS, whose buffer must stay alive until the transfer ends.
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);

/// Sets an option that takes an untyped pointer, such as CURLOPT_WRITEDATA.
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);

/// Sets an option that takes a string list, such as CURLOPT_HTTPHEADER or
/// CURLOPT_MAIL_RCPT; the list must stay alive until the transfer ends.
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);

/// Sets a data callback option: CURLOPT_WRITEFUNCTION, CURLOPT_HEADERFUNCTION or
/// CURLOPT_READFUNCTION.
CURLcode ccurl_setopt_data_callback(CURL *handle, CURLoption option, ccurl_data_callback value);

/// Reads an info value of type `long`, such as CURLINFO_RESPONSE_CODE.
CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);

/// Reads an info value of type `curl_off_t`, such as CURLINFO_TOTAL_TIME_T.
CURLcode ccurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);

/// Reads an info value that is a C string owned by the handle, such as
/// CURLINFO_EFFECTIVE_URL; the string lives until the handle's next transfer.
CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, const char **value);
