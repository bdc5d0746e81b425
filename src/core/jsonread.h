/* jsonread.h — strict reading of hand-written JSON data files.
 *
 * Routine and pose files are written by people in text editors, so this
 * module is the one place that turns bytes into a cJSON tree and checks
 * values against a schema, reporting problems as one line each that name
 * the file and the place:
 *   "levels/x.json:3:17: syntax error: unexpected '}'"
 *   "levels/x.json: $.steps[2].seconds: expected a number from 1 to 3600, got -5"
 * Before cJSON sees the text it is checked for size, valid UTF-8 and NUL
 * bytes, then for syntax by a small parser that names the exact character
 * (cJSON only says where it gave up, often a token early) and refuses
 * control characters and \u0000 in strings (cJSON would cut a string short
 * at a NUL). After cJSON,
 * keys are checked for duplicates and unknown names (cJSON keeps both copies
 * of a duplicate and ignores case in its convenience lookups). */
#ifndef PSOAS_JSONREAD_H
#define PSOAS_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "diag.h"

enum {
    JR_PATH_MAX = 160,       /* bytes of a JSON path like $.steps[12].cues[3] */
    JR_MAX_FILE = 1 << 20    /* files over 1 MiB are refused before parsing */
};

/* Where checks report: the file's display name and the diagnostics list. */
typedef struct JrCtx {
    const char *file; /* name printed at the start of every line */
    Diag *diag;       /* receives the lines */
} JrCtx;

/* Reads PATH whole (at most JR_MAX_FILE bytes) and parses it.
 * Returns the tree (free with cJSON_Delete) or NULL after adding one line
 * to CTX->diag (unreadable, too large, bad encoding, syntax error). */
cJSON *jr_load_file(const char *path, JrCtx *ctx);

/* Parses TEXT of LEN bytes (need not be NUL-terminated) as above. */
cJSON *jr_parse(const char *text, size_t len, JrCtx *ctx);

/* Writes PARENT.KEY (or PARENT["odd key"]) / PARENT[INDEX] into OUT. */
void jr_path_key(char out[JR_PATH_MAX], const char *parent, const char *key);
void jr_path_index(char out[JR_PATH_MAX], const char *parent, int index);

/* Reports duplicate keys and keys not in KNOWN (with the nearest known key
 * as a suggestion). OBJ must be an object. Returns true when all is well. */
bool jr_check_keys(JrCtx *ctx, const cJSON *obj, const char *path,
                   const char *const *known, size_t known_count);

/* Reports that PATH is not an object; returns false. True if it is. */
bool jr_expect_object(JrCtx *ctx, const cJSON *item, const char *path, const char *what);

/* Looks KEY up in OBJ (case-sensitive). When absent: if REQUIRED, reports
 * "missing required key"; returns NULL either way. */
const cJSON *jr_member(JrCtx *ctx, const cJSON *obj, const char *path,
                       const char *key, bool required);

/* Checks ITEM is a finite number within [LO, HI] (and integral when
 * INTEGRAL). On success stores it in *OUT and returns true; otherwise
 * reports and returns false. */
bool jr_number(JrCtx *ctx, const cJSON *item, const char *path,
               double lo, double hi, bool integral, double *out);

/* Checks ITEM is a string of MIN..MAX characters (code points) with no
 * control characters. On success returns true and, when OUT is not NULL,
 * a malloc'd copy in *OUT (caller frees); on failure reports, returns false. */
bool jr_string(JrCtx *ctx, const cJSON *item, const char *path,
               int min_chars, int max_chars, char **out);

/* Checks ITEM is one of the strings in NAMES; stores its index. */
bool jr_enum(JrCtx *ctx, const cJSON *item, const char *path,
             const char *const *names, size_t count, int *out);

/* Reports at PATH a message built from FMT (for schema rules of the caller). */
void jr_report(JrCtx *ctx, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes a short, one-line, printable description of ITEM ("-5", "\"abc\"",
 * "an object", ...) into OUT. */
void jr_describe(const cJSON *item, char *out, size_t size);

/* Writes S as a JSON string literal, control characters escaped and long
 * text cut with "...", into OUT. */
void jr_quote(const char *s, char *out, size_t size);
/* The same, cut only where OUT is full (a file name shown whole). */
void jr_quote_whole(const char *s, char *out, size_t size);

/* Returns the entry of NAMES nearest to WORD by edit distance, or NULL when
 * none is close enough to be a plausible typo. */
const char *jr_nearest(const char *word, const char *const *names, size_t count);

/* True when S is valid UTF-8 with no control characters (C0, DEL, C1,
 * U+2028/9): one plain line. Otherwise false with the first problem in WHY
 * ("control character U+000A at character 4", "byte 0xff at byte 2 is not
 * UTF-8"). */
bool jr_plain_text(const char *s, char *why, size_t size);

/* Number of Unicode code points in the valid UTF-8 string S. */
size_t jr_utf8_length(const char *s);

#endif
