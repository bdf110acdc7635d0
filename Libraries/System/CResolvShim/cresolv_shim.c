#include "cresolv_shim.h"

#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <string.h>

static int append_record(const unsigned char *rdata, int rdlen, char *out, size_t out_size, size_t *used) {
    int offset = 0;
    while (offset < rdlen) {
        int length = rdata[offset++];
        if (offset + length > rdlen) return -1;
        if (*used + (size_t)length + 2 > out_size) return -2;
        memcpy(out + *used, rdata + offset, (size_t)length);
        *used += (size_t)length;
        offset += length;
    }
    out[(*used)++] = '\n';
    out[*used] = '\0';
    return 0;
}

int cresolv_txt_records(const char *name, char *out, size_t out_size) {
    unsigned char answer[8192];
    struct __res_state state;
    memset(&state, 0, sizeof state);
    if (out_size == 0 || res_ninit(&state) != 0) return -1;
    out[0] = '\0';

    int length = res_nquery(&state, name, ns_c_in, ns_t_txt, answer, sizeof answer);
    int herror = state.res_h_errno;
    res_nclose(&state);
    if (length < 0) return (herror == HOST_NOT_FOUND || herror == NO_DATA) ? 0 : -1;

    ns_msg message;
    if (ns_initparse(answer, length, &message) != 0) return -1;
    size_t used = 0;
    int records = 0;
    for (int index = 0; index < ns_msg_count(message, ns_s_an); index++) {
        ns_rr record;
        if (ns_parserr(&message, ns_s_an, index, &record) != 0) return -1;
        if (ns_rr_type(record) != ns_t_txt) continue;
        int status = append_record(ns_rr_rdata(record), ns_rr_rdlen(record), out, out_size, &used);
        if (status != 0) return status;
        records++;
    }
    return records;
}
