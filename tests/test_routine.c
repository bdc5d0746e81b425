/* test_routine.c — routine validation: one bad snippet per rule, each with
 * the exact line a teacher would see; and the good cases load as written. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "support.h"

typedef struct BadCase {
    const char *rule;   /* what the snippet breaks */
    const char *json;   /* the file's text */
    size_t len;         /* bytes, when the text holds a NUL; else 0 */
    const char *expect; /* a line that must be among the errors */
} BadCase;

#define X10 "xxxxxxxxxx"
#define X100 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10
#define STEP "{\"pose\": \"seated\", \"seconds\": 20}"
#define WRAP(steps) "{\"title\": \"x\", \"steps\": [" steps "]}"

static const BadCase bad_cases[] = {
    /* syntax and encoding, reported as file:line:column */
    {"syntax error with line and column", "{\n  \"title\": \"x\",\n  \"steps\": [}\n}", 0,
     "t.json:3:13: syntax error: expected a value (a number, \"string\", true, false, null, [ or {), found '}'"},
    {"trailing comma", WRAP(STEP ","), 0,
     "t.json:1:60: syntax error: unexpected ']' after a comma (remove the trailing comma)"},
    {"trailing garbage", WRAP(STEP) " xyz", 0,
     "t.json:1:62: syntax error: unexpected text after the end of the JSON value"},
    {"a second value after the first", WRAP(STEP) "\n{}", 0,
     "t.json:2:1: syntax error: unexpected text after the end of the JSON value"},
    {"empty file", "  \n", 0, "t.json:2:1: syntax error: the file is empty"},
    {"unclosed brace", "{\"title\": \"x\",\n \"steps\": [", 0,
     "t.json:2:12: syntax error: unexpected end of file (a bracket, brace or quote is not closed)"},
    {"unterminated string", "{\"title\": \"x", 0,
     "t.json:1:11: syntax error: a string begun here is not closed (a \" is missing)"},
    {"single quotes", "{'title': 'x'}", 0,
     "t.json:1:2: syntax error: unexpected \"'\" (JSON strings use double quotes)"},
    {"comments", "{\"title\": \"x\", // note\n \"steps\": []}", 0,
     "t.json:1:16: syntax error: unexpected '/' (JSON has no comments)"},
    {"invalid UTF-8", "{\"title\": \"caf\xe9\", \"steps\": []}", 0,
     "t.json:1:15: encoding error: invalid UTF-8 byte 0xe9 (save the file as UTF-8)"},
    {"overlong UTF-8", "{\"title\": \"\xc0\xaf\"}", 0,
     "t.json:1:12: encoding error: invalid UTF-8 byte 0xc0 (save the file as UTF-8)"},
    {"UTF-8 surrogate", "{\"title\": \"\xed\xa0\x80\"}", 0,
     "t.json:1:12: encoding error: invalid UTF-8 byte 0xed (save the file as UTF-8)"},
    {"NUL byte", "{\"title\": \"x\0y\", \"steps\": []}", 29, "t.json:1:13: syntax error: NUL byte in the file"},
    {"NUL escape", "{\"title\": \"x\\u0000y\"}", 0,
     "t.json:1:13: syntax error: \\u0000 (NUL) is not allowed in a string"},
    {"raw control character in a string", "{\"title\": \"a\tb\"}", 0,
     "t.json:1:13: syntax error: control character U+0009 inside a string (a string must stay on one line)"},
    {"columns count characters, not bytes", "{\"title\": \"\xc3\xa9\xc3\xa9\", ]", 0,
     "t.json:1:17: syntax error: expected a key in double quotes, found ']'"},

    /* the document */
    {"root is not an object", "[1, 2]", 0, "t.json: $: expected a routine (an object in braces), got an array"},
    {"unknown key with a suggestion", "{\"Title\": \"x\", \"steps\": [" STEP "]}", 0,
     "t.json: $: unknown key \"Title\" (did you mean \"title\"?)"},
    {"unknown key without a suggestion", "{\"title\": \"x\", \"colour\": 1, \"steps\": [" STEP "]}", 0,
     "t.json: $: unknown key \"colour\""},
    {"duplicate key", "{\"title\": \"x\", \"title\": \"y\", \"steps\": [" STEP "]}", 0,
     "t.json: $.title: duplicate key \"title\" (each key may appear once)"},
    {"missing title", "{\"steps\": [" STEP "]}", 0, "t.json: $: missing required key \"title\""},
    {"empty title", "{\"title\": \"\", \"steps\": [" STEP "]}", 0,
     "t.json: $.title: expected a string of 1 to 80 characters, got an empty string"},
    {"title too long", "{\"title\": \"" X10 X10 X10 X10 X10 X10 X10 X10 "x\", \"steps\": [" STEP "]}", 0,
     "t.json: $.title: expected a string of 1 to 80 characters, got 81 characters"},
    {"title of the wrong type", "{\"title\": 5, \"steps\": [" STEP "]}", 0,
     "t.json: $.title: expected a string of 1 to 80 characters, got 5"},
    {"summary too long", "{\"title\": \"x\", \"summary\": \"" X100 X100 X100 "x\", \"steps\": [" STEP "]}", 0,
     "t.json: $.summary: expected a string of at most 300 characters, got 301 characters"},
    {"safety of the wrong type", "{\"title\": \"x\", \"safety\": [\"Stop.\"], \"steps\": [" STEP "]}", 0,
     "t.json: $.safety: expected a string of 1 to 200 characters, got an array"},
    {"safety empty", "{\"title\": \"x\", \"safety\": \"\", \"steps\": [" STEP "]}", 0,
     "t.json: $.safety: expected a string of 1 to 200 characters, got an empty string"},
    {"safety too long", "{\"title\": \"x\", \"safety\": \"" X100 X100 "x\", \"steps\": [" STEP "]}", 0,
     "t.json: $.safety: expected a string of 1 to 200 characters, got 201 characters"},
    {"safety on two lines", "{\"title\": \"x\", \"safety\": \"Stop.\\nRest.\", \"steps\": [" STEP "]}", 0,
     "t.json: $.safety: control character U+000A at character 6; text must be one plain line"},
    {"safety misspelt", "{\"title\": \"x\", \"safty\": \"Stop.\", \"steps\": [" STEP "]}", 0,
     "t.json: $: unknown key \"safty\" (did you mean \"safety\"?)"},
    {"unsupported version", "{\"version\": 2, \"title\": \"x\", \"steps\": [" STEP "]}", 0,
     "t.json: $.version: expected a whole number from 1 to 1, got 2"},
    {"missing steps", "{\"title\": \"x\"}", 0, "t.json: $: missing required key \"steps\""},
    {"no steps", WRAP(""), 0, "t.json: $.steps: expected an array of 1 to 200 steps, got 0"},
    {"steps not an array", "{\"title\": \"x\", \"steps\": {}}", 0,
     "t.json: $.steps: expected an array of 1 to 200 steps, got an object"},

    /* steps */
    {"step not an object", WRAP("\"seated\""), 0,
     "t.json: $.steps[0]: expected a step (an object in braces), got \"seated\""},
    {"missing pose", WRAP("{\"seconds\": 20}"), 0, "t.json: $.steps[0]: missing required key \"pose\""},
    {"unknown pose", WRAP(STEP ", {\"pose\": \"dwon-dog\", \"seconds\": 20}"), 0,
     "t.json: $.steps[1].pose: unknown pose \"dwon-dog\" (did you mean \"down-dog\"?)"},
    {"pose ids are case-sensitive", WRAP("{\"pose\": \"Seated\", \"seconds\": 20}"), 0,
     "t.json: $.steps[0].pose: unknown pose \"Seated\" (did you mean \"seated\"?)"},
    {"step key with the wrong case", WRAP("{\"pose\": \"seated\", \"Seconds\": 20}"), 0,
     "t.json: $.steps[0]: unknown key \"Seconds\" (did you mean \"seconds\"?)"},
    {"seconds and breaths", WRAP("{\"pose\": \"seated\", \"seconds\": 20, \"breaths\": 3}"), 0,
     "t.json: $.steps[0]: give either \"seconds\" or \"breaths\", not both"},
    {"neither seconds nor breaths", WRAP("{\"pose\": \"seated\"}"), 0,
     "t.json: $.steps[0]: missing the hold length: add \"seconds\" or \"breaths\""},
    {"seconds below range", WRAP(STEP "," STEP ", {\"pose\": \"seated\", \"seconds\": -5}"), 0,
     "t.json: $.steps[2].seconds: expected a number from 1 to 3600, got -5"},
    {"seconds above range", WRAP("{\"pose\": \"seated\", \"seconds\": 3600.5}"), 0,
     "t.json: $.steps[0].seconds: expected a number from 1 to 3600, got 3600.5"},
    {"seconds not finite", WRAP("{\"pose\": \"seated\", \"seconds\": 1e999}"), 0,
     "t.json: $.steps[0].seconds: expected a number from 1 to 3600, got a number too large to use"},
    {"seconds as a string", WRAP("{\"pose\": \"seated\", \"seconds\": \"20\"}"), 0,
     "t.json: $.steps[0].seconds: expected a number from 1 to 3600, got \"20\""},
    {"breaths not whole", WRAP("{\"pose\": \"seated\", \"breaths\": 2.5}"), 0,
     "t.json: $.steps[0].breaths: expected a whole number from 1 to 200, got 2.5"},
    {"breaths above range", WRAP("{\"pose\": \"seated\", \"breaths\": 201}"), 0,
     "t.json: $.steps[0].breaths: expected a whole number from 1 to 200, got 201"},
    {"sides misspelt", WRAP("{\"pose\": \"low-lunge\", \"seconds\": 20, \"sides\": \"Both\"}"), 0,
     "t.json: $.steps[0].sides: expected \"none\", \"both\", \"left\" or \"right\", got \"Both\""},
    {"one-sided pose without sides", WRAP("{\"pose\": \"kneeling-lunge\", \"seconds\": 20}"), 0,
     "t.json: $.steps[0]: pose \"kneeling-lunge\" is one-sided: set \"sides\" to \"both\", \"left\" or \"right\""},
    {"one-sided pose with sides none", WRAP("{\"pose\": \"tree\", \"seconds\": 20, \"sides\": \"none\"}"), 0,
     "t.json: $.steps[0].sides: pose \"tree\" is one-sided: set \"sides\" to \"both\", \"left\" or \"right\""},
    {"symmetrical pose with sides", WRAP("{\"pose\": \"bridge\", \"seconds\": 20, \"sides\": \"left\"}"), 0,
     "t.json: $.steps[0].sides: pose \"bridge\" is symmetrical: remove \"sides\" (or set it to \"none\")"},
    {"reps zero", WRAP("{\"pose\": \"seated\", \"seconds\": 20, \"reps\": 0}"), 0,
     "t.json: $.steps[0].reps: expected a whole number from 1 to 20, got 0"},
    {"reps not whole", WRAP("{\"pose\": \"seated\", \"seconds\": 20, \"reps\": 1.5}"), 0,
     "t.json: $.steps[0].reps: expected a whole number from 1 to 20, got 1.5"},
    {"reps too many", WRAP("{\"pose\": \"seated\", \"seconds\": 20, \"reps\": 21}"), 0,
     "t.json: $.steps[0].reps: expected a whole number from 1 to 20, got 21"},
    {"name too long",
     WRAP("{\"pose\": \"seated\", \"seconds\": 20, \"name\": "
          "\"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\"}"),
     0, "t.json: $.steps[0].name: expected a string of 1 to 60 characters, got 61 characters"},

    /* cues */
    {"cues not an array", WRAP("{\"pose\": \"seated\", \"seconds\": 20, \"cues\": \"Sit tall.\"}"), 0,
     "t.json: $.steps[0].cues: expected an array of at most 10 cues, got \"Sit tall.\""},
    {"too many cues",
     WRAP("{\"pose\": \"seated\", \"seconds\": 20, \"cues\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}"),
     0, "t.json: $.steps[0].cues: expected an array of at most 10 cues, got 11"},
    {"empty cue", WRAP("{\"pose\": \"seated\", \"seconds\": 20, \"cues\": [\"Sit.\", \"\"]}"), 0,
     "t.json: $.steps[0].cues[1]: expected a string of 1 to 200 characters, got an empty string"},
    {"cue with an escaped newline", WRAP("{\"pose\": \"seated\", \"seconds\": 20, \"cues\": [\"Sit\\ntall.\"]}"), 0,
     "t.json: $.steps[0].cues[0]: control character U+000A at character 4; text must be one plain line"},
    {"cue with a C1 control", WRAP("{\"pose\": \"seated\", \"seconds\": 20, \"cues\": [\"a\\u0085b\"]}"), 0,
     "t.json: $.steps[0].cues[0]: control character U+0085 at character 2; text must be one plain line"},
    {"cue not a string", WRAP("{\"pose\": \"seated\", \"seconds\": 20, \"cues\": [null]}"), 0,
     "t.json: $.steps[0].cues[0]: expected a string of 1 to 200 characters, got null"},

    /* breath patterns */
    {"breath not an object", "{\"title\": \"x\", \"breath\": 4, \"steps\": [" STEP "]}", 0,
     "t.json: $.breath: expected a breath pattern (an object in braces), got 4"},
    {"breath key misspelt", "{\"title\": \"x\", \"breath\": {\"inhail\": 4, \"exhale\": 6}, \"steps\": [" STEP "]}", 0,
     "t.json: $.breath: unknown key \"inhail\" (did you mean \"inhale\"?)"},
    {"breath missing exhale", WRAP("{\"pose\": \"seated\", \"breaths\": 3, \"breath\": {\"inhale\": 4}}"), 0,
     "t.json: $.steps[0].breath: missing required key \"exhale\""},
    {"inhale too short", WRAP("{\"pose\": \"seated\", \"breaths\": 3, \"breath\": {\"inhale\": 0.5, \"exhale\": 6}}"),
     0, "t.json: $.steps[0].breath.inhale: expected a number from 1 to 20, got 0.5"},
    {"exhale too long", WRAP("{\"pose\": \"seated\", \"breaths\": 3, \"breath\": {\"inhale\": 4, \"exhale\": 31}}"), 0,
     "t.json: $.steps[0].breath.exhale: expected a number from 1 to 30, got 31"},
    {"negative hold", WRAP("{\"pose\": \"seated\", \"breaths\": 3, \"breath\": {\"inhale\": 4, \"exhale\": 6, \"hold_out\": -1}}"),
     0, "t.json: $.steps[0].breath.hold_out: expected a number from 0 to 30, got -1"},
    {"hold too long", WRAP("{\"pose\": \"seated\", \"breaths\": 3, \"breath\": {\"inhale\": 4, \"exhale\": 6, \"hold_in\": 31}}"),
     0, "t.json: $.steps[0].breath.hold_in: expected a number from 0 to 30, got 31"},
    {"top-up too long", WRAP("{\"pose\": \"seated\", \"breaths\": 3, \"breath\": {\"inhale\": 5, \"top_up\": 6, \"exhale\": 10}}"),
     0, "t.json: $.steps[0].breath.top_up: expected a number from 0 to 5, got 6"},
    {"top-up not a number", WRAP("{\"pose\": \"seated\", \"breaths\": 3, \"breath\": {\"inhale\": 5, \"top_up\": \"2\", \"exhale\": 10}}"),
     0, "t.json: $.steps[0].breath.top_up: expected a number from 0 to 5, got \"2\""},
};


static void test_bad_cases(void **state)
{
    (void)state;
    Diag *d = calloc(1, sizeof *d);
    assert_non_null(d);
    int failures = 0;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const BadCase *c = &bad_cases[i];
        diag_clear(d);
        size_t len = c->len ? c->len : strlen(c->json);
        Routine *r = routine_parse(c->json, len, "t.json", lib, d);
        bool found = false;
        for (int k = 0; k < d->count; k++) {
            found = found || strcmp(d->lines[k], c->expect) == 0;
            /* Every line names the file, and stays one line. */
            if (strncmp(d->lines[k], "t.json", 6) != 0 || strchr(d->lines[k], '\n'))
                found = false, k = d->count;
        }
        if (r || !found) {
            failures++;
            fprintf(stderr, "rule \"%s\": %s\n  expected: %s\n", c->rule, r ? "accepted" : "wrong error", c->expect);
            for (int k = 0; k < d->count; k++)
                fprintf(stderr, "  got:      %s\n", d->lines[k]);
        }
        routine_free(r);
    }
    free(d);
    assert_int_equal(failures, 0);
}

static void test_every_problem_is_reported(void **state)
{
    (void)state;
    const char *json = "{\"title\": \"\", \"steps\": [{\"pose\": \"nope\", \"seconds\": 0},"
                       " {\"pose\": \"low-lunge\", \"breaths\": 3, \"reps\": 99}]}";
    Diag d;
    diag_clear(&d);
    assert_null(routine_parse(json, strlen(json), "t.json", lib, &d));
    assert_int_equal(d.count, 5); /* title, pose, seconds, sides, reps */
}

/* A routine of N copies of STEP (malloc'd). */
static char *n_steps(int n)
{
    char *json = malloc(64 + (size_t)n * (sizeof STEP + 1));
    assert_non_null(json);
    strcpy(json, "{\"title\": \"x\", \"steps\": [");
    for (int i = 0; i < n; i++)
        strcat(strcat(json, i ? "," : ""), STEP);
    strcat(json, "]}");
    return json;
}

static void test_too_many_steps(void **state)
{
    (void)state;
    char *json = n_steps(201);
    Diag d;
    diag_clear(&d);
    assert_null(routine_parse(json, strlen(json), "t.json", lib, &d));
    assert_string_equal(d.lines[0], "t.json: $.steps: expected an array of 1 to 200 steps, got 201");
    free(json);
    /* Exactly 200 is fine. */
    json = n_steps(200);
    diag_clear(&d);
    Routine *r = routine_parse(json, strlen(json), "t.json", lib, &d);
    assert_non_null(r);
    assert_int_equal(r->step_count, 200);
    routine_free(r);
    free(json);
}

static void test_too_large(void **state)
{
    (void)state;
    size_t len = (1 << 20) + 1;
    char *json = malloc(len);
    assert_non_null(json);
    memset(json, ' ', len);
    Diag d;
    diag_clear(&d);
    assert_null(routine_parse(json, len, "t.json", lib, &d));
    assert_string_equal(d.lines[0], "t.json: file is 1048577 bytes; data files are limited to 1 MiB");
    free(json);
}

static void test_missing_file(void **state)
{
    (void)state;
    Diag d;
    diag_clear(&d);
    assert_null(routine_load("/nonexistent/r.json", "r.json", lib, &d));
    assert_int_equal(d.count, 1);
    assert_string_equal(d.lines[0], "r.json: cannot open: No such file or directory");
    diag_clear(&d);
    assert_null(routine_load(PSOAS_SOURCE_DIR "/levels", "levels", lib, &d));
    assert_string_equal(d.lines[0], "levels: not a regular file");
}

static void test_deep_nesting(void **state)
{
    (void)state;
    size_t n = 5000;
    char *json = malloc(2 * n + 1);
    assert_non_null(json);
    memset(json, '[', n);
    memset(json + n, ']', n);
    json[2 * n] = '\0';
    Diag d;
    diag_clear(&d);
    assert_null(routine_parse(json, 2 * n, "t.json", lib, &d));
    assert_string_equal(d.lines[0], "t.json:1:65: syntax error: nested more than 64 levels deep");
    free(json);
}

static void test_example_loads(void **state)
{
    (void)state;
    /* The example from the format document, as written. */
    const char *json =
        "{\n"
        "  \"title\": \"Desk release\",\n"
        "  \"summary\": \"Undo a day of sitting in ten minutes.\",\n"
        "  \"safety\": \"Stop at any sharp pain; see a physiotherapist if pain stays.\",\n"
        "  \"breath\": {\"inhale\": 4, \"exhale\": 6},\n"
        "  \"steps\": [\n"
        "    {\"pose\": \"seated\", \"seconds\": 20, \"cues\": [\"Sit tall at the front of the chair.\"]},\n"
        "    {\"pose\": \"foot-on-counter\", \"sides\": \"both\", \"seconds\": 30, \"reps\": 2,\n"
        "     \"cues\": [\"Keep the standing leg straight.\", \"Let the hips drift forward.\"]},\n"
        "    {\"pose\": \"constructive-rest\", \"breaths\": 8,\n"
        "     \"breath\": {\"inhale\": 4, \"hold_in\": 7, \"exhale\": 8}}\n"
        "  ]\n"
        "}\n";
    Routine *r = support_routine(lib, json);
    assert_non_null(r);
    assert_string_equal(r->title, "Desk release");
    assert_string_equal(r->safety, "Stop at any sharp pain; see a physiotherapist if pain stays.");
    assert_int_equal(r->step_count, 3);
    assert_int_equal(r->steps[0].hold_ms, 20000);
    assert_int_equal(r->steps[0].breaths, 0);
    assert_int_equal(r->steps[0].sides, SIDES_NONE);
    assert_int_equal(r->steps[0].cue_count, 1);
    assert_string_equal(r->steps[0].name, "Seated on a chair");
    assert_int_equal(r->steps[1].sides, SIDES_BOTH);
    assert_int_equal(r->steps[1].reps, 2);
    assert_string_equal(r->steps[1].cues[1], "Let the hips drift forward.");
    assert_int_equal(r->steps[2].breaths, 8);
    assert_int_equal(r->steps[2].hold_ms, 0);
    assert_int_equal(r->steps[2].breath.ms[BREATH_INHALE], 4000);
    assert_int_equal(r->steps[2].breath.ms[BREATH_HOLD_IN], 7000);
    assert_int_equal(r->steps[2].breath.ms[BREATH_EXHALE], 8000);
    assert_int_equal(r->steps[2].breath.ms[BREATH_HOLD_OUT], 0);
    /* Steps without a pattern take the routine's. */
    assert_int_equal(r->steps[0].breath.ms[BREATH_EXHALE], 6000);
    routine_free(r);
}

static void test_defaults_and_unicode(void **state)
{
    (void)state;
    /* No summary, no breath: in 4, out 6. A BOM, escapes and non-ASCII text
     * are fine; 80 characters of "é" are 160 bytes and still allowed. */
    const char *json = "\xEF\xBB\xBF{\"title\": "
                       "\"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                       "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                       "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                       "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                       "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                       "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                       "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                       "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\", "
                       "\"steps\": [{\"pose\": \"low-lunge\", \"sides\": \"right\", \"breaths\": 200,"
                       " \"cues\": [\"Breathe \\\"low\\\" \\u2014 easy.\"]}]}";
    Routine *r = support_routine(lib, json);
    assert_non_null(r);
    assert_int_equal(jr_utf8_length(r->title), 80);
    assert_string_equal(r->summary, "");
    assert_string_equal(r->safety, "");
    assert_true(breath_equal(r->breath, breath_default()));
    assert_int_equal(r->steps[0].sides, SIDES_RIGHT);
    assert_string_equal(r->steps[0].cues[0], "Breathe \"low\" \xE2\x80\x94 easy.");
    routine_free(r);
}

static void test_safety_line(void **state)
{
    (void)state;
    /* Exactly 200 characters is allowed, counted in characters: 199 "x"
     * and one "é" (two bytes). */
    const char *json = "{\"title\": \"x\", \"safety\": \"" X100 X10 X10 X10 X10 X10 X10 X10 X10 X10
                       "xxxxxxxxx\xC3\xA9\", \"steps\": [" STEP "]}";
    Routine *r = support_routine(lib, json);
    assert_non_null(r);
    assert_int_equal(jr_utf8_length(r->safety), 200);
    assert_int_equal(strlen(r->safety), 201);
    routine_free(r);
}

/* Every routine in levels/ loads, and carries a safety line: the test
 * reads the folder, so a routine added later is held to the same rule. */
static void test_shipped_routines_load(void **state)
{
    (void)state;
    static const char *const expected[] = {"breathe", "desk-release", "one-move", "psoas-flow", "yin-psoas"};
    bool seen[sizeof expected / sizeof expected[0]] = {false};
    DIR *dir = opendir(PSOAS_SOURCE_DIR "/levels");
    assert_non_null(dir);
    int loaded = 0, failures = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        size_t n = strlen(e->d_name);
        if (n <= 5 || strcmp(e->d_name + n - 5, ".json") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, PSOAS_SOURCE_DIR "/levels/%s", e->d_name);
        Diag d;
        diag_clear(&d);
        Routine *r = routine_load(path, e->d_name, lib, &d);
        for (int k = 0; k < d.count; k++)
            fprintf(stderr, "%s\n", d.lines[k]);
        if (!r) {
            failures++;
            continue;
        }
        if (r->safety[0] == '\0') {
            fprintf(stderr, "%s: no \"safety\" line\n", e->d_name);
            failures++;
        }
        for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
            seen[i] = seen[i] || (n - 5 == strlen(expected[i]) && strncmp(e->d_name, expected[i], n - 5) == 0);
        loaded++;
        routine_free(r);
    }
    closedir(dir);
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        if (!seen[i]) {
            fprintf(stderr, "levels/%s.json is missing\n", expected[i]);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
    assert_true(loaded >= (int)(sizeof expected / sizeof expected[0]));
}

/* A FIFO or a device where a routine should be is refused at once with one
 * line, never waited on: no writer ever opens this FIFO, so a blocking
 * open would hang here (and the alarm would end the test as failed). */
static void test_fifo_and_device(void **state)
{
    (void)state;
    char dir[] = "/tmp/psoas-fifo-XXXXXX", fifo[64];
    assert_non_null(mkdtemp(dir));
    snprintf(fifo, sizeof fifo, "%s/r.json", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    alarm(10);
    Diag d;
    diag_clear(&d);
    assert_null(routine_load(fifo, "r.json", lib, &d));
    assert_int_equal(d.count, 1);
    assert_string_equal(d.lines[0], "r.json: not a regular file");
    diag_clear(&d);
    assert_null(routine_load("/dev/zero", "/dev/zero", lib, &d));
    assert_int_equal(d.count, 1);
    assert_string_equal(d.lines[0], "/dev/zero: not a regular file");
    alarm(0);
    unlink(fifo);
    rmdir(dir);
}

/* Routine ids: one plain line of at most ROUTINE_ID_MAX bytes. */
static void test_routine_ids(void **state)
{
    (void)state;
    char why[128];
    assert_true(routine_id_check("desk-release", why, sizeof why));
    assert_true(routine_id_check("b\xC3\xA9ja-vu \xE2\x80\x94 mine", why, sizeof why));
    assert_false(routine_id_check("tab\there", why, sizeof why));
    assert_string_equal(why, "control character U+0009 at character 4");
    assert_false(routine_id_check("new\nline", why, sizeof why));
    assert_string_equal(why, "control character U+000A at character 4");
    assert_false(routine_id_check("bad\xFF", why, sizeof why));
    assert_string_equal(why, "byte 0xff at byte 4 is not UTF-8");
    assert_false(routine_id_check("c1\xC2\x85", why, sizeof why)); /* NEL */
    assert_false(routine_id_check("", why, sizeof why));
    char id[80];
    memset(id, 'x', sizeof id);
    id[ROUTINE_ID_MAX] = '\0';
    assert_true(routine_id_check(id, why, sizeof why));
    id[ROUTINE_ID_MAX] = 'x';
    id[ROUTINE_ID_MAX + 1] = '\0';
    assert_false(routine_id_check(id, why, sizeof why));
    assert_string_equal(why, "the name is 64 bytes; at most 63 fit in the history");
}

/* A file from elsewhere is recorded under its path when that is a good
 * id, else under a short form that still tells any two paths apart. */
static void test_record_names(void **state)
{
    (void)state;
    char a[ROUTINE_ID_MAX + 1], b[ROUTINE_ID_MAX + 1], why[128];
    routine_record_name("/home/me/r.json", a);
    assert_string_equal(a, "/home/me/r.json");
    const char *long1 = "/home/me/a/very/long/folder/name/for/routines/one/two/three/four/evening.json";
    const char *long2 = "/home/me/b/very/long/folder/name/for/routines/one/two/three/four/evening.json";
    routine_record_name(long1, a);
    routine_record_name(long2, b);
    assert_true(strcmp(a, b) != 0);
    assert_true(strlen(a) <= ROUTINE_ID_MAX && strlen(b) <= ROUTINE_ID_MAX);
    assert_true(routine_id_check(a, why, sizeof why));
    assert_non_null(strchr(a, '/')); /* never an id of a folder's routine */
    assert_non_null(strstr(a, "evening.json~"));
    /* odd bytes: a plain name, still unique */
    routine_record_name("/tmp/tab\there.json", a);
    routine_record_name("/tmp/tab\nhere.json", b);
    assert_true(routine_id_check(a, why, sizeof why));
    assert_true(routine_id_check(b, why, sizeof why));
    assert_true(strcmp(a, b) != 0);
    routine_record_name("/tmp/\xFF\xFE\xC3.json", a);
    assert_true(routine_id_check(a, why, sizeof why));
    /* a long name of many-byte characters is never cut inside one */
    char wide[200] = "/";
    for (int i = 0; i < 40; i++)
        strcat(wide, "\xC3\xA9");
    routine_record_name(wide, a);
    assert_true(routine_id_check(a, why, sizeof why));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_cases),
        cmocka_unit_test(test_every_problem_is_reported),
        cmocka_unit_test(test_too_many_steps),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_example_loads),
        cmocka_unit_test(test_defaults_and_unicode),
        cmocka_unit_test(test_safety_line),
        cmocka_unit_test(test_shipped_routines_load),
        cmocka_unit_test(test_fifo_and_device),
        cmocka_unit_test(test_routine_ids),
        cmocka_unit_test(test_record_names),
    };
    return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
