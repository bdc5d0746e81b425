/* compose.c — see compose.h.
 *
 * The order of the bases is the shape of the practice: from the chair
 * and standing, through all fours and kneeling, to lying on the front and
 * then on the back. Choosing poses and then sorting them by that order
 * keeps the body going one way; the limits on how many bases the deeper
 * work may use keep the changes few (COMPOSE_MAX_BASE_CHANGES). */
#include "compose.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "scale.h"
#include "timeline.h"

enum {
    TRANSITION_GUESS_MS = 6000, /* a transition, for the first estimate only */
    MAX_TRIES = 40,             /* poses added or taken while fitting the length */
    YIN_MIN_HOLD_MS = 60000,    /* a yin hold is at least a minute, as in a scaled routine */
    YIN_MAX_REPS = 2            /* rounds of a one-sided yin pose before other poses are borrowed */
};

/* Where each base stands in the practice's one-way order. */
static const int base_group[POSE_BASE_COUNT] = {
    [POSE_BASE_SEATED] = 0,   [POSE_BASE_STANDING] = 1, [POSE_BASE_ALL_FOURS] = 2,
    [POSE_BASE_KNEELING] = 3, [POSE_BASE_PRONE] = 4,    [POSE_BASE_LYING] = 5,
};

static const char *const focus_words[] = {"desk", "lunges", "floor", "yin", "gentle", "all"};
static const char *const avoid_words[] = {"kneeling", "floor", "balance", "backbends"};

bool compose_parse_focus(const char *s, int *focus)
{
    for (int i = 0; i <= COMPOSE_FOCUS_ALL; i++) {
        if (strcmp(s, focus_words[i]) == 0) {
            *focus = i;
            return true;
        }
    }
    return false;
}

const char *compose_focus_name(int focus)
{
    return focus >= 0 && focus <= COMPOSE_FOCUS_ALL ? focus_words[focus] : "?";
}

bool compose_parse_avoid(const char *s, unsigned *avoid, char *bad, size_t size)
{
    *avoid = 0;
    if (strcmp(s, "none") == 0)
        return true;
    const char *p = s;
    for (;;) {
        size_t n = strcspn(p, ",");
        bool found = false;
        for (int i = 0; i < 4; i++) {
            if (strlen(avoid_words[i]) == n && strncmp(p, avoid_words[i], n) == 0) {
                *avoid |= 1u << i;
                found = true;
            }
        }
        if (!found) {
            snprintf(bad, size, "%.*s", (int)(n > 60 ? 60 : n), p);
            return false;
        }
        if (!p[n])
            return true;
        p += n + 1;
    }
}

void compose_avoid_names(unsigned avoid, char *out, size_t size)
{
    size_t used = 0;
    out[0] = 0;
    for (int i = 0; i < 4; i++)
        if (avoid & (1u << i) && used < size)
            used += (size_t)snprintf(out + used, size - used, "%s%s", used ? "," : "", avoid_words[i]);
    if (!used)
        snprintf(out, size, "none");
}

uint32_t compose_seed_of_date(int year, int month, int day)
{
    return (uint32_t)(year * 10000 + month * 100 + day);
}

void compose_record_id(const ComposeOptions *o, char *out, size_t size)
{
    snprintf(out, size, "made-%s-%d", compose_focus_name(o->focus), o->minutes);
}

bool compose_record_words(const char *id, char *out, size_t size)
{
    static const char prefix[] = "made-";
    if (!id || strncmp(id, prefix, sizeof prefix - 1) != 0)
        return false;
    const char *focus = id + sizeof prefix - 1, *dash = strrchr(focus, '-');
    if (!dash || dash == focus || dash - focus >= 16)
        return false;
    char word[16];
    snprintf(word, sizeof word, "%.*s", (int)(dash - focus), focus);
    int f, minutes = 0;
    const char *d = dash + 1;
    for (; *d >= '0' && *d <= '9' && minutes <= COMPOSE_MAX_MINUTES; d++)
        minutes = minutes * 10 + (*d - '0');
    if (!compose_parse_focus(word, &f) || *d || d == dash + 1 || dash[1] == '0' || minutes < COMPOSE_MIN_MINUTES ||
        minutes > COMPOSE_MAX_MINUTES)
        return false;
    snprintf(out, size, "Made for you \xC2\xB7 %s \xC2\xB7 %d min", f == COMPOSE_FOCUS_ALL ? "everything" : word, minutes);
    return true;
}

/* Whether the figure, moving between BASE and the bases a practice without
 * kneeling keeps to (standing, the chair, lying on the back), passes
 * through a pose on the knees: every way onto the belly goes through
 * tabletop, so a practice that avoids kneeling leaves the belly out
 * rather than show the user kneeling on the way. */
static bool route_kneels(const PoseLibrary *lib, PoseBase base)
{
    static const PoseBase kept[] = {POSE_BASE_STANDING, POSE_BASE_SEATED, POSE_BASE_LYING};
    for (size_t b = 0; b < sizeof kept / sizeof kept[0]; b++) {
        const PoseRoute *ways[] = {&lib->routes[kept[b]][base], &lib->routes[base][kept[b]]};
        for (int w = 0; w < 2; w++)
            for (int v = 0; v < ways[w]->count; v++)
                if (poselib_kneels(&lib->poses[ways[w]->via[v]]))
                    return true;
    }
    return false;
}

bool compose_allowed(const PoseLibrary *lib, int pose, unsigned avoid)
{
    const PoseInfo *p = &lib->poses[pose];
    if ((avoid & AVOID_KNEELING) && (poselib_kneels(p) || route_kneels(lib, p->base)))
        return false;
    if ((avoid & AVOID_FLOOR) && poselib_on_floor(p))
        return false;
    if ((avoid & AVOID_BALANCE) && (p->families & (1u << FAMILY_BALANCE)))
        return false;
    if ((avoid & AVOID_BACKBENDS) && (p->families & (1u << FAMILY_BACKBEND)))
        return false;
    return true;
}

/* ---- choosing ----------------------------------------------------------- */

/* splitmix64: small, fast, and the same on every machine. */
static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int rng_below(uint64_t *s, int n)
{
    return n > 0 ? (int)(rng_next(s) % (uint64_t)n) : 0;
}

static bool has(const PoseInfo *p, PoseFamily f)
{
    return (p->families >> f) & 1u;
}

/* The role a chosen pose plays, for the order. */
typedef enum Role { ROLE_WARM_UP, ROLE_MAIN, ROLE_COOL_DOWN, ROLE_END } Role;

typedef struct Pick {
    int pose;       /* index in the library */
    Role role;      /* why it was chosen */
    int64_t hold;   /* starting hold, ms */
    int64_t lo, hi; /* the range it is scaled within, ms */
} Pick;

typedef struct Plan {
    Pick picks[POSE_MAX]; /* chosen, not yet in order */
    int count;
    bool used[POSE_MAX];  /* a pose is chosen once */
    bool group_used[POSE_BASE_COUNT];
} Plan;

static int group_of(const PoseLibrary *lib, int pose)
{
    return base_group[lib->poses[pose].base];
}

/* The starting hold and its range for POSE under FOCUS; FULL: gentle
 * holds may grow to the pose's own longest (when the poses left are too
 * few for the length with shorter holds). */
static void hold_of(const PoseInfo *p, int focus, bool full, Pick *k)
{
    int64_t mn = (int64_t)p->hold_min_s * 1000, mx = (int64_t)p->hold_max_s * 1000;
    if (focus == FOCUS_YIN) {
        /* few long holds: from the top of the range, never under a minute */
        k->lo = mx >= YIN_MIN_HOLD_MS && mn < YIN_MIN_HOLD_MS ? YIN_MIN_HOLD_MS : mn;
        k->hi = mx;
        k->hold = mx;
    } else if (focus == FOCUS_GENTLE) {
        /* shorter holds: the lower half of the range, so more poses are
         * chosen for the time */
        k->lo = mn;
        k->hi = full ? mx : (mn + mx) / 2;
        k->hold = mn + (mx - mn) / 4;
    } else {
        k->lo = mn;
        k->hi = mx;
        k->hold = (mn + mx) / 2;
    }
    if (k->hold > 240000 && focus != FOCUS_YIN)
        k->hold = 240000;
    /* timed holds are whole multiples of SCALE_ROUND_MS: the range too */
    k->lo = (k->lo + SCALE_ROUND_MS - 1) / SCALE_ROUND_MS * SCALE_ROUND_MS;
    k->hi = k->hi / SCALE_ROUND_MS * SCALE_ROUND_MS;
    if (k->hi < k->lo)
        k->hi = k->lo;
}

static int64_t pick_ms(const PoseLibrary *lib, const Pick *k)
{
    return k->hold * (lib->poses[k->pose].one_sided ? 2 : 1) + TRANSITION_GUESS_MS;
}

static void add_pick(Plan *pl, const PoseLibrary *lib, int pose, Role role, int focus, bool full)
{
    Pick *k = &pl->picks[pl->count++];
    k->pose = pose;
    k->role = role;
    hold_of(&lib->poses[pose], focus, full, k);
    pl->used[pose] = true;
    pl->group_used[group_of(lib, pose)] = true;
}

static int groups_of_role(const Plan *pl, const PoseLibrary *lib, Role role, int group, bool *is_new)
{
    bool seen[POSE_BASE_COUNT] = {false};
    int n = 0;
    for (int i = 0; i < pl->count; i++) {
        if (pl->picks[i].role != role)
            continue;
        int g = group_of(lib, pl->picks[i].pose);
        n += !seen[g];
        seen[g] = true;
    }
    *is_new = !seen[group];
    return n;
}

/* The order key: by base group, and within one, warm-ups first (the
 * easiest first), then rising intensity; in the last group (where the practice ends) the
 * deeper work first, the releases towards the end and a resting pose
 * (constructive rest) last among them. */
static int order_key(const PoseLibrary *lib, const Pick *k, int last_group)
{
    const PoseInfo *p = &lib->poses[k->pose];
    int g = group_of(lib, k->pose);
    int within;
    if (k->role == ROLE_END)
        within = 99;
    else if (k->role == ROLE_WARM_UP)
        within = p->intensity; /* the easiest first */
    else if (g == last_group)
        within = 10 + (has(p, FAMILY_RELEASE) ? 20 : 0) + (has(p, FAMILY_REST) ? 35 : 0) - p->intensity +
                 (k->role == ROLE_COOL_DOWN ? 30 : 0);
    else
        within = 10 + p->intensity;
    return (k->role == ROLE_END ? 100 : g) * 1000 + within;
}

static const PoseLibrary *sort_lib; /* for qsort's comparison only */
static int sort_last;

static int cmp_picks(const void *a, const void *b)
{
    const Pick *x = a, *y = b;
    int kx = order_key(sort_lib, x, sort_last), ky = order_key(sort_lib, y, sort_last);
    if (kx != ky)
        return kx < ky ? -1 : 1;
    return x->pose < y->pose ? -1 : x->pose > y->pose;
}

/* Builds the routine of PL's picks (in order). */
static Routine *build(const PoseLibrary *lib, const Plan *pl, const ComposeOptions *o)
{
    Routine *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    char summary[ROUTINE_SUMMARY_CHARS], avoid[64];
    compose_avoid_names(o->avoid, avoid, sizeof avoid);
    snprintf(summary, sizeof summary, "Made for you: focus %s, %d minutes, avoiding %s (seed %lu).",
             compose_focus_name(o->focus), o->minutes, avoid, (unsigned long)o->seed);
    r->title = strdup(COMPOSE_TITLE);
    r->summary = strdup(summary);
    r->safety = strdup(COMPOSE_SAFETY);
    r->breath = breath_default();
    r->steps = calloc((size_t)pl->count, sizeof *r->steps);
    bool ok = r->title && r->summary && r->safety && r->steps;
    for (int i = 0; ok && i < pl->count; i++) {
        const PoseInfo *p = &lib->poses[pl->picks[i].pose];
        RoutineStep *s = &r->steps[i];
        r->step_count = i + 1;
        s->pose = pl->picks[i].pose;
        s->name = strdup(p->name);
        s->hold_ms = (pl->picks[i].hold + 2500) / 5000 * 5000;
        s->sides = p->one_sided ? SIDES_BOTH : SIDES_NONE;
        s->reps = 1;
        s->breath = r->breath;
        if (pl->picks[i].role == ROLE_END) { /* a longer out-breath to settle */
            s->breath = (BreathPattern){{0}};
            s->breath.ms[BREATH_INHALE] = 4000;
            s->breath.ms[BREATH_EXHALE] = 8000;
        }
        s->cues = calloc((size_t)p->cue_count, sizeof *s->cues);
        ok = s->name && s->cues;
        for (int c = 0; ok && c < p->cue_count; c++) {
            s->cues[c] = strdup(p->cues[c]);
            ok = s->cues[c] != NULL;
            s->cue_count += ok;
        }
    }
    if (!ok) {
        routine_free(r);
        return NULL;
    }
    return r;
}

/* The eligible poses of POOL (a focus, or COMPOSE_FOCUS_ALL: every one)
 * under AVOID. What the user's FOCUS promises holds whichever pool the
 * poses come from: gentle takes nothing deep, and yin only poses that can
 * be held at least a minute (few long holds). */
static bool eligible(const PoseLibrary *lib, int pose, int pool, int focus, unsigned avoid)
{
    const PoseInfo *p = &lib->poses[pose];
    if (!compose_allowed(lib, pose, avoid) || p->families == (1u << FAMILY_TRANSITION))
        return false;
    if (focus == FOCUS_GENTLE && p->intensity >= 3)
        return false;
    if (focus == FOCUS_YIN && p->hold_max_s * 1000 < YIN_MIN_HOLD_MS)
        return false;
    if (pool == COMPOSE_FOCUS_ALL)
        return true;
    return (p->focuses >> pool) & 1u;
}

static bool is_main(const PoseInfo *p)
{
    return has(p, FAMILY_LUNGE) || has(p, FAMILY_BALANCE) || has(p, FAMILY_BACKBEND) || has(p, FAMILY_HIP_OPENER) ||
           has(p, FAMILY_RELEASE);
}

/* One way of making a practice, tried in turn until one fills the length. */
typedef struct Stage {
    int pool;       /* the poses chosen from: a focus, or COMPOSE_FOCUS_ALL */
    bool full;      /* gentle holds may grow to each pose's longest */
    ScaleReps reps; /* which reps the fitting may add */
    int max_reps;   /* at most this many (0: no bound but the routine's) */
} Stage;

/* Chooses the poses of ST's pool for the practice O asks for, with EXTRA
 * main poses more (or fewer, negative) than the estimate asks for. The
 * holds follow O's own focus. */
static bool choose(const PoseLibrary *lib, const ComposeOptions *o, const Stage *st, int extra, Plan *pl, char *why,
                   size_t size)
{
    int focus = o->focus, pool = st->pool;
    bool full = st->full;
    memset(pl, 0, sizeof *pl);
    uint64_t rng = ((uint64_t)o->seed << 20) ^ ((uint64_t)o->focus << 8) ^ o->avoid;
    rng_next(&rng);
    bool floor_ok = !(o->avoid & AVOID_FLOOR);
    int64_t target = (int64_t)o->minutes * 60000;

    /* the end: lying in constructive rest or flat; seated off the floor */
    int ends[POSE_MAX], ne = 0;
    for (int i = 0; i < lib->count; i++) {
        const PoseInfo *p = &lib->poses[i];
        if (has(p, FAMILY_REST) && compose_allowed(lib, i, o->avoid) &&
            (floor_ok ? p->base == POSE_BASE_LYING : p->base == POSE_BASE_SEATED))
            ends[ne++] = i;
    }
    if (ne == 0) {
        snprintf(why, size, "no pose to rest in at the end is left once %s", floor_ok ? "these are avoided" : "the floor is avoided");
        return false;
    }
    int end = ends[rng_below(&rng, ne)];
    Pick endk;
    endk.pose = end;
    hold_of(&lib->poses[end], focus, full, &endk);

    /* the deeper work, in a shuffled order */
    int mains[POSE_MAX], nm = 0;
    for (int i = 0; i < lib->count; i++)
        if (i != end && eligible(lib, i, pool, focus, o->avoid) && is_main(&lib->poses[i]))
            mains[nm++] = i;
    for (int i = nm - 1; i > 0; i--) {
        int j = rng_below(&rng, i + 1);
        int t = mains[i];
        mains[i] = mains[j];
        mains[j] = t;
    }
    if (nm == 0) {
        snprintf(why, size, "no pose for focus %s is left once these are avoided", compose_focus_name(focus));
        return false;
    }
    int warm_count = o->minutes >= 20 ? 2 : 1;
    bool cool = floor_ok && o->minutes >= 10;
    int64_t budget = target - 13000 - pick_ms(lib, &endk) - warm_count * 45000 - (cool ? 45000 : 0);
    int64_t sum = 0;
    int wanted = -1; /* main poses the budget asks for, then EXTRA more */
    int chosen = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < nm; i++) {
            int pose = mains[i];
            if (pl->used[pose])
                continue;
            if (wanted < 0 && sum >= budget && chosen >= 1)
                wanted = chosen + extra;
            if (wanted >= 0 && chosen >= wanted)
                break;
            bool is_new;
            int groups = groups_of_role(pl, lib, ROLE_MAIN, group_of(lib, pose), &is_new);
            if (is_new && groups >= COMPOSE_MAX_MAIN_BASES)
                continue;
            add_pick(pl, lib, pose, ROLE_MAIN, focus, full);
            sum += pick_ms(lib, &pl->picks[pl->count - 1]);
            chosen++;
        }
    }
    if (wanted >= 0 && chosen < wanted && extra > 0) {
        snprintf(why, size, "not enough poses for %d minutes", o->minutes);
        return false;
    }
    if (chosen < 1) {
        snprintf(why, size, "no pose for focus %s is left once these are avoided", compose_focus_name(focus));
        return false;
    }

    /* the warm-up: easy poses from the group the deeper work starts in
     * or one before it, so the practice still goes one way */
    int first = POSE_BASE_COUNT;
    for (int i = 0; i < pl->count; i++)
        if (group_of(lib, pl->picks[i].pose) < first)
            first = group_of(lib, pl->picks[i].pose);
    int warm_group = -1;
    for (int w = 0; w < warm_count; w++) {
        int cands[POSE_MAX], nc = 0;
        for (int i = 0; i < lib->count; i++) {
            const PoseInfo *p = &lib->poses[i];
            int g = group_of(lib, i);
            if (pl->used[i] || i == end || !has(p, FAMILY_WARM_UP) || p->intensity > 2 ||
                !eligible(lib, i, pool, focus, o->avoid) || g > first || (warm_group >= 0 && g != warm_group))
                continue;
            cands[nc++] = i;
        }
        if (nc == 0)
            break;
        int pose = cands[rng_below(&rng, nc)];
        warm_group = group_of(lib, pose);
        add_pick(pl, lib, pose, ROLE_WARM_UP, focus, full);
    }
    /* the deeper work may have taken the easiest poses a warm-up is made
     * of (pelvic tilt, knee to chest, tabletop): those of the group the
     * practice opens in open it, before a bridge or a down dog */
    int open_group = POSE_BASE_COUNT;
    for (int i = 0; i < pl->count; i++)
        if (group_of(lib, pl->picks[i].pose) < open_group)
            open_group = group_of(lib, pl->picks[i].pose);
    for (int i = 0, promoted = 0; i < pl->count && promoted < warm_count; i++) {
        const PoseInfo *p = &lib->poses[pl->picks[i].pose];
        if (pl->picks[i].role == ROLE_MAIN && has(p, FAMILY_WARM_UP) && p->intensity == 1 &&
            !has(p, FAMILY_REST) && group_of(lib, pl->picks[i].pose) == open_group) {
            pl->picks[i].role = ROLE_WARM_UP;
            promoted++;
        }
    }

    /* the cool-down: one or two gentle releases lying down before the rest */
    int cool_count = !cool ? 0 : o->minutes >= 20 ? 1 + rng_below(&rng, 2) : 1;
    for (int c = 0; c < cool_count; c++) {
        int cands[POSE_MAX], nc = 0;
        for (int i = 0; i < lib->count; i++) {
            const PoseInfo *p = &lib->poses[i];
            if (!pl->used[i] && i != end && has(p, FAMILY_RELEASE) && p->intensity == 1 &&
                p->base == POSE_BASE_LYING && compose_allowed(lib, i, o->avoid))
                cands[nc++] = i;
        }
        if (nc > 0)
            add_pick(pl, lib, cands[rng_below(&rng, nc)], ROLE_COOL_DOWN, focus, full);
    }
    add_pick(pl, lib, end, ROLE_END, focus, full);

    sort_lib = lib;
    sort_last = group_of(lib, end);
    qsort(pl->picks, (size_t)pl->count, sizeof pl->picks[0], cmp_picks);
    return true;
}

/* Makes the practice O asks for the way ST says. NULL when the poses
 * cannot fill the length that way. */
static Routine *make_from(const PoseLibrary *lib, const ComposeOptions *o, const Stage *st, Plan *pl, char *why,
                          size_t size)
{
    /* fewer or more poses until the holds, kept in their ranges, fit */
    for (int t = 0; t < MAX_TRIES; t++) {
        int extra = t == 0 ? 0 : (t % 2 ? -((t + 1) / 2) : t / 2);
        if (!choose(lib, o, st, extra, pl, why, size))
            continue;
        Routine *r = build(lib, pl, o);
        if (!r) {
            snprintf(why, size, "out of memory");
            return NULL;
        }
        int64_t lo[POSE_MAX], hi[POSE_MAX];
        for (int i = 0; i < pl->count; i++) {
            lo[i] = pl->picks[i].lo;
            hi[i] = pl->picks[i].hi;
        }
        if (scale_routine_within(r, lib, o->minutes, lo, hi, st->reps, st->max_reps))
            return r;
        routine_free(r);
    }
    snprintf(why, size, "cannot fit the poses left into %d minutes", o->minutes);
    return NULL;
}

Routine *compose_make(const PoseLibrary *lib, const ComposeOptions *o, char *why, size_t size)
{
    snprintf(why, size, "cannot make it");
    if (o->minutes < COMPOSE_MIN_MINUTES || o->minutes > COMPOSE_MAX_MINUTES) {
        snprintf(why, size, "a made practice is %d to %d minutes, not %d", COMPOSE_MIN_MINUTES, COMPOSE_MAX_MINUTES,
                 o->minutes);
        return NULL;
    }
    Plan *pl = malloc(sizeof *pl);
    if (!pl) {
        snprintf(why, size, "out of memory");
        return NULL;
    }
    /* the focus's own poses first (yin: its one-sided poses done twice
     * before it borrows, as a yin class stays with few long holds); then,
     * when they are too few for the length, the whole library, still as
     * the focus asks (gentle: nothing deep and shorter holds first; yin:
     * a minute or more); then one-sided poses repeated evenly (left,
     * right, left, right), never a pose twice on one side */
    bool gentle = o->focus == FOCUS_GENTLE, yin = o->focus == FOCUS_YIN, all = o->focus == COMPOSE_FOCUS_ALL;
    const Stage stages[] = {
        {o->focus, false, SCALE_REPS_NONE, 0},
        {yin ? o->focus : -1, false, SCALE_REPS_ONE_SIDED, YIN_MAX_REPS},
        {all ? -1 : COMPOSE_FOCUS_ALL, false, SCALE_REPS_NONE, 0},
        {gentle ? COMPOSE_FOCUS_ALL : -1, true, SCALE_REPS_NONE, 0},
        {COMPOSE_FOCUS_ALL, true, SCALE_REPS_ONE_SIDED, 0},
    };
    Routine *r = NULL;
    for (size_t i = 0; !r && i < sizeof stages / sizeof stages[0]; i++)
        if (stages[i].pool >= 0)
            r = make_from(lib, o, &stages[i], pl, why, size);
    free(pl);
    return r;
}

/* ---- saving ------------------------------------------------------------- */

/* Adds "breath": {...} to OBJ, as the routine format names the phases. */
static void add_breath(cJSON *obj, BreathPattern p)
{
    static const struct {
        BreathPhase phase;
        const char *key;
        bool always;
    } keys[] = {{BREATH_INHALE, "inhale", true},
                {BREATH_TOP_UP, "top_up", false},
                {BREATH_HOLD_IN, "hold_in", false},
                {BREATH_EXHALE, "exhale", true},
                {BREATH_HOLD_OUT, "hold_out", false}};
    cJSON *b = cJSON_AddObjectToObject(obj, "breath");
    for (size_t k = 0; b && k < sizeof keys / sizeof keys[0]; k++)
        if (keys[k].always || p.ms[keys[k].phase])
            cJSON_AddNumberToObject(b, keys[k].key, p.ms[keys[k].phase] / 1000.0);
}

bool compose_save(const Routine *r, const PoseLibrary *lib, const char *path, char *why, size_t size)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *steps = cJSON_CreateArray();
    bool ok = root && steps;
    if (ok) {
        cJSON_AddNumberToObject(root, "version", 1);
        cJSON_AddStringToObject(root, "title", r->title);
        cJSON_AddStringToObject(root, "summary", r->summary);
        if (r->safety[0])
            cJSON_AddStringToObject(root, "safety", r->safety);
        add_breath(root, r->breath);
        cJSON_AddItemToObject(root, "steps", steps);
    }
    for (int i = 0; ok && i < r->step_count; i++) {
        const RoutineStep *s = &r->steps[i];
        const PoseInfo *p = &lib->poses[s->pose];
        cJSON *st = cJSON_CreateObject();
        if (!st) {
            ok = false;
            break;
        }
        cJSON_AddItemToArray(steps, st);
        cJSON_AddStringToObject(st, "pose", p->id);
        if (strcmp(s->name, p->name) != 0)
            cJSON_AddStringToObject(st, "name", s->name);
        if (s->breaths > 0)
            cJSON_AddNumberToObject(st, "breaths", s->breaths);
        else
            cJSON_AddNumberToObject(st, "seconds", (double)s->hold_ms / 1000.0);
        if (s->sides != SIDES_NONE)
            cJSON_AddStringToObject(st, "sides", routine_sides_name(s->sides));
        if (s->reps != 1)
            cJSON_AddNumberToObject(st, "reps", s->reps);
        if (!breath_equal(s->breath, r->breath))
            add_breath(st, s->breath);
        cJSON *cues = cJSON_AddArrayToObject(st, "cues");
        for (int c = 0; cues && c < s->cue_count; c++)
            cJSON_AddItemToArray(cues, cJSON_CreateString(s->cues[c]));
    }
    char *text = ok ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text) {
        snprintf(why, size, "out of memory");
        return false;
    }
    FILE *f = fopen(path, "w");
    ok = f && fputs(text, f) >= 0 && fputc('\n', f) != EOF;
    int err = errno;
    if (f && fclose(f) != 0) {
        err = errno;
        ok = false;
    }
    if (!ok)
        snprintf(why, size, "cannot write: %s", strerror(err));
    free(text);
    return ok;
}
