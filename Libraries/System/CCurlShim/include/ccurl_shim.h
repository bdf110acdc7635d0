#pragma once
#include <curl/curl.h>

// Typed wrappers of libcurl's variadic calls, which Swift cannot import.
// Each one forwards to curl_easy_setopt or curl_easy_getinfo with an argument
// of the type that the option or info expects, and returns libcurl's result.

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
