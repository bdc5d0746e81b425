/* jsonread.c — see jsonread.h.
 *
 * The pre-scan walks the raw bytes once, keeping line and column (columns
 * count characters, as editors do), so encoding problems and cJSON's parse
 * failures can both be reported as FILE:LINE:COL. */
#include "jsonread.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "safefile.h"

enum {
    JR_QUOTE_CHARS = 40,   /* characters of user text echoed in a message */
    JR_SUGGEST_MAX = 64    /* longer words get no "did you mean" */
};

/* ---- UTF-8 ---------------------------------------------------------- */

/* Decodes one UTF-8 sequence at S (AVAIL bytes left). Returns its length
 * and the code point in *CP, or 0 when the bytes are not valid UTF-8
 * (overlong forms, surrogates and values past U+10FFFF are invalid). */
static size_t utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
    if (avail == 0)
        return 0;
    unsigned char c = s[0];
    size_t n;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        n = 2; v = c & 0x1F; min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3; v = c & 0x0F; min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

size_t jr_utf8_length(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

/* True for characters that have no place in a one-line text: C0 and C1
 * controls, DEL, and the Unicode line and paragraph separators. */
static bool is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

bool jr_plain_text(const char *s, char *why, size_t size)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t left = strlen(s), chars = 0;
    while (left > 0) {
        uint32_t cp;
        size_t n = utf8_decode(p, left, &cp);
        if (n == 0) {
            snprintf(why, size, "byte 0x%02x at byte %zu is not UTF-8", *p, (size_t)(p - (const unsigned char *)s) + 1);
            return false;
        }
        chars++;
        if (is_control(cp)) {
            snprintf(why, size, "control character U+%04X at character %zu", (unsigned)cp, chars);
            return false;
        }
        p += n;
        left -= n;
    }
    return true;
}

/* ---- reporting -------------------------------------------------------- */

static void quote(const char *s, char *out, size_t size, size_t max_chars)
{
    size_t o = 0;
    size_t chars = 0;
    const unsigned char *p = (const unsigned char *)s;
    size_t left = strlen(s);
    if (size < 8) {
        if (size)
            out[0] = '\0';
        return;
    }
    out[o++] = '"';
    while (left > 0) {
        uint32_t cp;
        size_t n = utf8_decode(p, left, &cp);
        char piece[16];
        if (n == 0) {
            snprintf(piece, sizeof piece, "\\x%02x", *p);
            n = 1;
        } else if (cp == '"' || cp == '\\') {
            snprintf(piece, sizeof piece, "\\%c", (char)cp);
        } else if (is_control(cp)) {
            snprintf(piece, sizeof piece, "\\u%04x", (unsigned)cp);
        } else {
            memcpy(piece, p, n);
            piece[n] = '\0';
        }
        size_t plen = strlen(piece);
        if (chars >= max_chars || o + plen + 5 > size) {
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        memcpy(out + o, piece, plen);
        o += plen;
        chars++;
        p += n;
        left -= n;
    }
    out[o++] = '"';
    out[o] = '\0';
}

void jr_quote(const char *s, char *out, size_t size)
{
    quote(s, out, size, JR_QUOTE_CHARS);
}

void jr_quote_whole(const char *s, char *out, size_t size)
{
    quote(s, out, size, SIZE_MAX);
}

void jr_describe(const cJSON *item, char *out, size_t size)
{
    if (cJSON_IsNumber(item) && !isfinite(item->valuedouble))
        snprintf(out, size, "a number too large to use");
    else if (cJSON_IsNumber(item))
        snprintf(out, size, "%.15g", item->valuedouble);
    else if (cJSON_IsString(item))
        jr_quote(item->valuestring, out, size);
    else if (cJSON_IsTrue(item))
        snprintf(out, size, "true");
    else if (cJSON_IsFalse(item))
        snprintf(out, size, "false");
    else if (cJSON_IsNull(item))
        snprintf(out, size, "null");
    else if (cJSON_IsArray(item))
        snprintf(out, size, "an array");
    else if (cJSON_IsObject(item))
        snprintf(out, size, "an object");
    else
        snprintf(out, size, "an unknown value");
}

void jr_report(JrCtx *ctx, const char *path, const char *fmt, ...)
{
    char msg[DIAG_LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(ctx->diag, "%s: %s: %s", ctx->file, path, msg);
}

/* ---- paths -------------------------------------------------------------- */

static bool is_identifier(const char *key)
{
    if (!*key || !(key[0] == '_' || (key[0] >= 'a' && key[0] <= 'z') ||
                   (key[0] >= 'A' && key[0] <= 'Z')))
        return false;
    for (const char *p = key; *p; p++)
        if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9')))
            return false;
    return true;
}

void jr_path_key(char out[JR_PATH_MAX], const char *parent, const char *key)
{
    if (is_identifier(key) && strlen(key) <= JR_QUOTE_CHARS) {
        if (snprintf(out, JR_PATH_MAX, "%s.%s", parent, key) >= JR_PATH_MAX)
            out[JR_PATH_MAX - 1] = '\0';
    } else {
        char q[JR_PATH_MAX];
        jr_quote(key, q, sizeof q);
        /* A path too long to keep is cut; the start locates it well enough. */
        if (snprintf(out, JR_PATH_MAX, "%s[%s]", parent, q) >= JR_PATH_MAX)
            out[JR_PATH_MAX - 1] = '\0';
    }
}

void jr_path_index(char out[JR_PATH_MAX], const char *parent, int index)
{
    snprintf(out, JR_PATH_MAX, "%s[%d]", parent, index);
}

/* ---- suggestions ------------------------------------------------------- */

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

/* Case-insensitive Levenshtein distance of two short ASCII-ish words. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t row[JR_SUGGEST_MAX + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = lower((unsigned char)a[i - 1]) == lower((unsigned char)b[j - 1]) ? 0 : 1;
            size_t best = diag + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *jr_nearest(const char *word, const char *const *names, size_t count)
{
    size_t wl = strlen(word);
    if (wl == 0 || wl > JR_SUGGEST_MAX)
        return NULL;
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < count; i++) {
        if (strlen(names[i]) > JR_SUGGEST_MAX)
            continue;
        size_t d = edit_distance(word, names[i]);
        if (d < best_d) {
            best_d = d;
            best = names[i];
        }
    }
    /* A typo: a case slip, or at most a third of the letters wrong (and at
     * least two allowed so short keys like "reps" still match "rep"). */
    size_t allowed = wl / 3 > 2 ? wl / 3 : 2;
    if (best && best_d <= allowed && best_d < wl)
        return best;
    /* A shortened name ("lunge" for "low-lunge"): the shortest that holds it. */
    best = NULL;
    for (size_t i = 0; i < count; i++)
        if (wl >= 3 && strstr(names[i], word) && (!best || strlen(names[i]) < strlen(best)))
            best = names[i];
    return best;
}

/* ---- reading and parsing -------------------------------------------- */

/* Line and column (1-based, column in characters) of byte OFFSET. */
static void line_col(const char *text, size_t offset, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < offset; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static void report_at(JrCtx *ctx, const char *text, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report_at(JrCtx *ctx, const char *text, size_t offset, const char *fmt, ...)
{
    int line, col;
    line_col(text, offset, &line, &col);
    char msg[DIAG_LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(ctx->diag, "%s:%d:%d: %s", ctx->file, line, col, msg);
}

/* Checks the encoding: valid UTF-8 and no NUL bytes (cJSON would take a
 * NUL for the end of the text). Returns true when the text is clean;
 * otherwise reports the first problem. */
static bool prescan(const char *text, size_t len, JrCtx *ctx)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            report_at(ctx, text, i, "encoding error: invalid UTF-8 byte 0x%02x (save the file as UTF-8)", s[i]);
            return false;
        }
        if (cp == 0) {
            report_at(ctx, text, i, "syntax error: NUL byte in the file");
            return false;
        }
        i += n;
    }
    return true;
}

static size_t skip_space(const char *text, size_t len, size_t i)
{
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        i++;
    return i;
}

/* ---- syntax ------------------------------------------------------------
 * A small recursive-descent check of RFC 8259 syntax that runs before
 * cJSON, because cJSON only says where it gave up, often a token early.
 * This one stops at the exact character and says what it expected. */

enum { JR_MAX_DEPTH = 64 }; /* routines need 4 levels; deeper is a mistake */

typedef struct Syntax {
    const char *t;     /* the text */
    size_t len;        /* its length */
    size_t i;          /* read position */
    const char *err;   /* first problem, or NULL */
    size_t err_at;     /* where */
    char found[32];    /* the offending character, for ERR's %s */
} Syntax;

static bool sx_fail(Syntax *s, size_t at, const char *msg)
{
    if (!s->err) {
        s->err = msg;
        s->err_at = at;
        if (at >= s->len) {
            snprintf(s->found, sizeof s->found, "the end of the file");
        } else {
            unsigned char c = (unsigned char)s->t[at];
            uint32_t cp = c;
            size_t n = utf8_decode((const unsigned char *)s->t + at, s->len - at, &cp);
            if (c >= 0x21 && c < 0x7F)
                snprintf(s->found, sizeof s->found, "'%c'", c);
            else if (n > 1)
                snprintf(s->found, sizeof s->found, "'%.*s'", (int)n, s->t + at);
            else
                snprintf(s->found, sizeof s->found, "U+%04X", (unsigned)cp);
        }
    }
    return false;
}

static int sx_peek(Syntax *s)
{
    s->i = skip_space(s->t, s->len, s->i);
    return s->i < s->len ? (unsigned char)s->t[s->i] : -1;
}

static bool sx_hex4(Syntax *s, size_t at, unsigned *out)
{
    unsigned v = 0;
    for (size_t k = 0; k < 4; k++) {
        char c = at + k < s->len ? s->t[at + k] : '\0';
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return false;
        v = v * 16 + (unsigned)d;
    }
    *out = v;
    return true;
}

static bool sx_string(Syntax *s)
{
    size_t open = s->i++;
    while (s->i < s->len) {
        char c = s->t[s->i];
        if (c == '"') {
            s->i++;
            return true;
        }
        if ((unsigned char)c < 0x20)
            return sx_fail(s, s->i, "syntax error: control character %s inside a string "
                                    "(a string must stay on one line)");
        if (c != '\\') {
            s->i++;
            continue;
        }
        size_t at = s->i;
        char e = at + 1 < s->len ? s->t[at + 1] : '\0';
        if (strchr("\"\\/bfnrt", e) && e) {
            s->i += 2;
            continue;
        }
        unsigned u, lo;
        if (e != 'u' || !sx_hex4(s, at + 2, &u))
            return sx_fail(s, at, "syntax error: invalid escape in a string (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)");
        if (u == 0) /* cJSON would cut the string short there */
            return sx_fail(s, at, "syntax error: \\u0000 (NUL) is not allowed in a string");
        s->i += 6;
        if (u >= 0xDC00 && u <= 0xDFFF)
            return sx_fail(s, at, "syntax error: \\u escape is half of a surrogate pair");
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (s->i + 1 < s->len && s->t[s->i] == '\\' && s->t[s->i + 1] == 'u' && sx_hex4(s, s->i + 2, &lo) &&
                lo >= 0xDC00 && lo <= 0xDFFF)
                s->i += 6;
            else
                return sx_fail(s, at, "syntax error: \\u escape is half of a surrogate pair");
        }
    }
    return sx_fail(s, open, "syntax error: a string begun here is not closed (a \" is missing)");
}

static bool sx_digits(Syntax *s)
{
    size_t start = s->i;
    while (s->i < s->len && s->t[s->i] >= '0' && s->t[s->i] <= '9')
        s->i++;
    return s->i > start;
}

static bool sx_number(Syntax *s)
{
    size_t start = s->i;
    if (s->t[s->i] == '-')
        s->i++;
    if (s->i < s->len && s->t[s->i] == '0') {
        s->i++;
    } else if (!sx_digits(s)) {
        return sx_fail(s, s->i, "syntax error: a number needs digits, found %s");
    }
    if (s->i < s->len && s->t[s->i] == '.') {
        s->i++;
        if (!sx_digits(s))
            return sx_fail(s, s->i, "syntax error: a number needs digits after the '.', found %s");
    }
    if (s->i < s->len && (s->t[s->i] == 'e' || s->t[s->i] == 'E')) {
        s->i++;
        if (s->i < s->len && (s->t[s->i] == '+' || s->t[s->i] == '-'))
            s->i++;
        if (!sx_digits(s))
            return sx_fail(s, s->i, "syntax error: a number needs digits in its exponent, found %s");
    }
    if (s->i - start > 63)
        return sx_fail(s, start, "syntax error: a number longer than 63 characters");
    return true;
}

static bool sx_value(Syntax *s, int depth);

/* Reads the items of an array or object after its opening bracket. */
static bool sx_items(Syntax *s, int depth, bool object)
{
    char close = object ? '}' : ']';
    if (depth >= JR_MAX_DEPTH)
        return sx_fail(s, s->i - 1, "syntax error: nested more than 64 levels deep");
    if (sx_peek(s) == close) {
        s->i++;
        return true;
    }
    for (;;) {
        if (object) {
            int c = sx_peek(s);
            if (c != '"') {
                if (c == '}')
                    return sx_fail(s, s->i, "syntax error: unexpected '}' after a comma (remove the trailing comma)");
                if (c == '\'')
                    return sx_fail(s, s->i, "syntax error: unexpected \"'\" (JSON strings use double quotes)");
                if (c == '/')
                    return sx_fail(s, s->i, "syntax error: unexpected '/' (JSON has no comments)");
                return sx_fail(s, s->i, "syntax error: expected a key in double quotes, found %s");
            }
            if (!sx_string(s))
                return false;
            if (sx_peek(s) != ':')
                return sx_fail(s, s->i, "syntax error: expected ':' after the key, found %s");
            s->i++;
        }
        if (!sx_value(s, depth + 1))
            return false;
        int c = sx_peek(s);
        if (c == close) {
            s->i++;
            return true;
        }
        if (c != ',')
            return sx_fail(s, s->i, object ? "syntax error: expected ',' or '}' after a value, found %s"
                                           : "syntax error: expected ',' or ']' after a value, found %s");
        s->i++;
        if (!object && sx_peek(s) == ']')
            return sx_fail(s, s->i, "syntax error: unexpected ']' after a comma (remove the trailing comma)");
    }
}

static bool sx_value(Syntax *s, int depth)
{
    int c = sx_peek(s);
    static const char *const literals[] = {"true", "false", "null"};
    switch (c) {
    case '{':
    case '[':
        s->i++;
        return sx_items(s, depth, c == '{');
    case '"':
        return sx_string(s);
    case '\'':
        return sx_fail(s, s->i, "syntax error: unexpected \"'\" (JSON strings use double quotes)");
    case '/':
        return sx_fail(s, s->i, "syntax error: unexpected '/' (JSON has no comments)");
    default:
        break;
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return sx_number(s);
    for (size_t k = 0; k < 3; k++) {
        size_t n = strlen(literals[k]);
        if (c == literals[k][0]) {
            if (s->len - s->i >= n && memcmp(s->t + s->i, literals[k], n) == 0) {
                s->i += n;
                return true;
            }
            return sx_fail(s, s->i, "syntax error: unknown word (values are numbers, \"strings\", true, false or null)");
        }
    }
    if (c < 0)
        return sx_fail(s, s->i, "syntax error: unexpected end of file (a bracket, brace or quote is not closed)");
    return sx_fail(s, s->i, "syntax error: expected a value (a number, \"string\", true, false, null, [ or {), found %s");
}

/* Checks the syntax of TEXT from START; reports the first problem. */
static bool check_syntax(const char *text, size_t len, size_t start, JrCtx *ctx)
{
    Syntax s = {text, len, start, NULL, 0, ""};
    if (sx_value(&s, 0) && sx_peek(&s) >= 0)
        sx_fail(&s, s.i, "syntax error: unexpected text after the end of the JSON value");
    if (!s.err)
        return true;
    if (s.err_at >= len && strstr(s.err, "%s"))
        s.err = "syntax error: unexpected end of file (a bracket, brace or quote is not closed)";
    char msg[256];
    if (strstr(s.err, "%s"))
        snprintf(msg, sizeof msg, s.err, s.found);
    else
        snprintf(msg, sizeof msg, "%s", s.err);
    report_at(ctx, text, s.err_at, "%s", msg);
    return false;
}

cJSON *jr_parse(const char *text, size_t len, JrCtx *ctx)
{
    if (len > JR_MAX_FILE) {
        diag_add(ctx->diag, "%s: file is %zu bytes; data files are limited to 1 MiB", ctx->file, len);
        return NULL;
    }
    if (!prescan(text, len, ctx))
        return NULL;
    /* Skip a UTF-8 byte order mark: some editors add one. */
    size_t start = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (skip_space(text, len, start) == len) {
        report_at(ctx, text, len, "syntax error: the file is empty");
        return NULL;
    }
    if (!check_syntax(text, len, start, ctx))
        return NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text + start, len - start, NULL, 0);
    if (!root) {
        /* The syntax is valid, so this is cJSON running out of memory. */
        diag_add(ctx->diag, "%s: cannot parse: out of memory", ctx->file);
        return NULL;
    }
    return root;
}

cJSON *jr_load_file(const char *path, JrCtx *ctx)
{
    cJSON *root = NULL;
    char *buf = NULL;
    struct stat st;
    char why[200];
    int fd = safefile_open_regular(path, &st, "cannot open: ", why, sizeof why);
    if (fd == SAFEFILE_MISSING)
        snprintf(why, sizeof why, "cannot open: %s", strerror(ENOENT));
    if (fd < 0) {
        diag_add(ctx->diag, "%s: %s", ctx->file, why);
        return NULL;
    }
    if (st.st_size > JR_MAX_FILE) {
        diag_add(ctx->diag, "%s: file is %lld bytes; data files are limited to 1 MiB",
                 ctx->file, (long long)st.st_size);
        goto done;
    }
    /* Read at most one byte past the limit: the file may grow after fstat. */
    size_t cap = (size_t)st.st_size + 1;
    buf = malloc(cap + 1);
    if (!buf) {
        diag_add(ctx->diag, "%s: out of memory", ctx->file);
        goto done;
    }
    size_t len = 0;
    for (;;) {
        if (len == cap) {
            if (cap > JR_MAX_FILE)
                break;
            size_t ncap = cap * 2 > (size_t)JR_MAX_FILE + 1 ? (size_t)JR_MAX_FILE + 1 : cap * 2;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                diag_add(ctx->diag, "%s: out of memory", ctx->file);
                goto done;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t got = read(fd, buf + len, cap - len);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            diag_add(ctx->diag, "%s: cannot read: %s", ctx->file, strerror(errno));
            goto done;
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    buf[len] = '\0';
    root = jr_parse(buf, len, ctx);
done:
    free(buf);
    close(fd);
    return root;
}

/* ---- schema checks ------------------------------------------------------ */

bool jr_check_keys(JrCtx *ctx, const cJSON *obj, const char *path,
                   const char *const *known, size_t known_count)
{
    bool ok = true;
    char kpath[JR_PATH_MAX];
    for (const cJSON *c = obj->child; c; c = c->next) {
        const char *key = c->string ? c->string : "";
        size_t k = 0;
        while (k < known_count && strcmp(known[k], key) != 0)
            k++;
        jr_path_key(kpath, path, key);
        if (k == known_count) {
            char q[JR_PATH_MAX];
            jr_quote(key, q, sizeof q);
            const char *near = jr_nearest(key, known, known_count);
            if (near)
                jr_report(ctx, path, "unknown key %s (did you mean \"%s\"?)", q, near);
            else
                jr_report(ctx, path, "unknown key %s", q);
            ok = false;
            continue;
        }
        /* Only known keys are checked for repeats, which keeps a hostile
         * file with a million distinct keys linear. */
        for (const cJSON *p = obj->child; p != c; p = p->next) {
            if (p->string && strcmp(p->string, key) == 0) {
                jr_report(ctx, kpath, "duplicate key \"%s\" (each key may appear once)", key);
                ok = false;
                break;
            }
        }
    }
    return ok;
}

bool jr_expect_object(JrCtx *ctx, const cJSON *item, const char *path, const char *what)
{
    if (cJSON_IsObject(item))
        return true;
    char got[JR_PATH_MAX];
    jr_describe(item, got, sizeof got);
    jr_report(ctx, path, "expected %s (an object in braces), got %s", what, got);
    return false;
}

const cJSON *jr_member(JrCtx *ctx, const cJSON *obj, const char *path,
                       const char *key, bool required)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!item && required)
        jr_report(ctx, path, "missing required key \"%s\"", key);
    return item;
}

bool jr_number(JrCtx *ctx, const cJSON *item, const char *path,
               double lo, double hi, bool integral, double *out)
{
    double v = cJSON_IsNumber(item) ? item->valuedouble : NAN;
    if (isfinite(v) && v >= lo && v <= hi && (!integral || v == floor(v))) {
        *out = v;
        return true;
    }
    char got[JR_PATH_MAX];
    jr_describe(item, got, sizeof got);
    jr_report(ctx, path, "expected a %s from %g to %g, got %s",
              integral ? "whole number" : "number", lo, hi, got);
    return false;
}

bool jr_string(JrCtx *ctx, const cJSON *item, const char *path,
               int min_chars, int max_chars, char **out)
{
    char want[96];
    if (min_chars > 0)
        snprintf(want, sizeof want, "a string of %d to %d characters", min_chars, max_chars);
    else
        snprintf(want, sizeof want, "a string of at most %d characters", max_chars);
    if (!cJSON_IsString(item) || !item->valuestring) {
        char got[JR_PATH_MAX];
        jr_describe(item, got, sizeof got);
        jr_report(ctx, path, "expected %s, got %s", want, got);
        return false;
    }
    const char *s = item->valuestring;
    const unsigned char *p = (const unsigned char *)s;
    size_t left = strlen(s);
    size_t chars = 0;
    while (left > 0) {
        uint32_t cp;
        size_t n = utf8_decode(p, left, &cp);
        if (n == 0) {
            /* Only reachable through a \u escape cJSON decoded oddly. */
            jr_report(ctx, path, "string is not valid UTF-8");
            return false;
        }
        chars++;
        if (is_control(cp)) {
            jr_report(ctx, path, "control character U+%04X at character %zu; text must be one plain line",
                      (unsigned)cp, chars);
            return false;
        }
        p += n;
        left -= n;
    }
    if ((int)chars < min_chars || chars > (size_t)max_chars) {
        if (chars == 0)
            jr_report(ctx, path, "expected %s, got an empty string", want);
        else
            jr_report(ctx, path, "expected %s, got %zu characters", want, chars);
        return false;
    }
    if (out) {
        *out = strdup(s);
        if (!*out) {
            jr_report(ctx, path, "out of memory");
            return false;
        }
    }
    return true;
}

bool jr_enum(JrCtx *ctx, const cJSON *item, const char *path,
             const char *const *names, size_t count, int *out)
{
    if (cJSON_IsString(item)) {
        for (size_t i = 0; i < count; i++) {
            if (strcmp(item->valuestring, names[i]) == 0) {
                *out = (int)i;
                return true;
            }
        }
    }
    char want[DIAG_LINE_MAX / 2];
    size_t o = 0;
    for (size_t i = 0; i < count && o + 1 < sizeof want; i++) {
        int w = snprintf(want + o, sizeof want - o, "%s\"%s\"", i ? (i + 1 == count ? " or " : ", ") : "", names[i]);
        if (w < 0)
            break;
        o += (size_t)w;
    }
    char got[JR_PATH_MAX];
    jr_describe(item, got, sizeof got);
    jr_report(ctx, path, "expected %s, got %s", want, got);
    return false;
}
