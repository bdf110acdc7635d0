#include "ccurl_shim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// The soname of libcurl's ABI 4, which Debian's libcurl4 package installs.
static const char *const library_name = "libcurl.so.4";

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
} api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded = 0;
static char load_error[256];

// Resolves one symbol into `slot`. On failure it records the missing symbol and returns 0.
static int resolve(void *library, const char *symbol, void **slot) {
    *slot = dlsym(library, symbol);
    if (*slot == NULL) {
        snprintf(load_error, sizeof load_error, "%s has no symbol %s", library_name, symbol);
        return 0;
    }
    return 1;
}

static void load_library(void) {
    void *library = dlopen(library_name, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(load_error, sizeof load_error, "%s", reason != NULL ? reason : "dlopen failed");
        return;
    }
    int ok = resolve(library, "curl_global_init", (void **)&api.global_init)
        && resolve(library, "curl_easy_init", (void **)&api.easy_init)
        && resolve(library, "curl_easy_cleanup", (void **)&api.easy_cleanup)
        && resolve(library, "curl_easy_reset", (void **)&api.easy_reset)
        && resolve(library, "curl_easy_perform", (void **)&api.easy_perform)
        && resolve(library, "curl_easy_strerror", (void **)&api.easy_strerror)
        && resolve(library, "curl_slist_append", (void **)&api.slist_append)
        && resolve(library, "curl_slist_free_all", (void **)&api.slist_free_all)
        && resolve(library, "curl_easy_setopt", (void **)&api.easy_setopt)
        && resolve(library, "curl_easy_getinfo", (void **)&api.easy_getinfo);
    // The library stays loaded for the life of the process either way: handles may outlive
    // any point at which closing it would be safe.
    loaded = ok;
}

int ccurl_load(void) {
    pthread_once(&load_once, load_library);
    return loaded;
}

const char *ccurl_load_error(void) {
    return load_error[0] == '\0' ? NULL : load_error;
}

CURLcode ccurl_global_init(long flags) { return api.global_init(flags); }
CURL *ccurl_easy_init(void) { return api.easy_init(); }
void ccurl_easy_cleanup(CURL *handle) { api.easy_cleanup(handle); }
void ccurl_easy_reset(CURL *handle) { api.easy_reset(handle); }
CURLcode ccurl_easy_perform(CURL *handle) { return api.easy_perform(handle); }

const char *ccurl_easy_strerror(CURLcode code) {
    return loaded ? api.easy_strerror(code) : "libcurl is not loaded";
}

struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line) {
    return api.slist_append(list, line);
}

void ccurl_slist_free_all(struct curl_slist *list) {
    if (list != NULL) api.slist_free_all(list);
}

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return api.easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return api.easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return api.easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return api.easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return api.easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_data_callback(CURL *handle, CURLoption option, ccurl_data_callback value) {
    return api.easy_setopt(handle, option, value);
}

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return api.easy_getinfo(handle, info, value);
}

CURLcode ccurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return api.easy_getinfo(handle, info, value);
}

CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return api.easy_getinfo(handle, info, value);
}
