/* compose.h — a practice made for you from the pose library.
 *
 * A teacher's rules, as data-driven as the poses: a warm-up, the deeper
 * work in the middle, a cool-down that ends lying in constructive rest or
 * flat (seated when the floor is avoided). The poses are grouped by what
 * the body rests on and the groups visited in one direction, from the
 * chair and standing down to the floor, so the body never goes up and down
 * again without reason; within a group the intensity rises, and on the
 * floor it falls again towards the rest. One-sided poses are done on both
 * sides with equal holds, and no pose comes twice. The holds start inside
 * each pose's own range and are then scaled (scale.h) so the total lands
 * within 5% of the minutes asked for. When the focus's poses are too few,
 * the whole library is used, still as the focus asks (gentle: nothing
 * deep; yin: holds of a minute or more); when even that is short,
 * one-sided poses come round again, evenly.
 *
 * The same options and seed always make the same practice; the seed
 * defaults to the local date (compose_seed_of_date), so each day brings a
 * new one. */
#ifndef PSOAS_COMPOSE_H
#define PSOAS_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "poselib.h"
#include "routine.h"

enum {
    COMPOSE_FOCUS_ALL = FOCUS_COUNT, /* every focus: the whole library */
    COMPOSE_MIN_MINUTES = 5,
    COMPOSE_MAX_MINUTES = 60,
    COMPOSE_DEFAULT_MINUTES = 20,
    COMPOSE_MAX_BASE_CHANGES = 4,    /* changes of base in a made practice, at most */
    COMPOSE_MAX_MAIN_BASES = 3       /* bases the deeper work uses, at most */
};

/* What to leave out (bits). */
typedef enum ComposeAvoid {
    AVOID_KNEELING = 1 << 0,  /* no pose with a knee on the floor */
    AVOID_FLOOR = 1 << 1,     /* nothing lying or kneeling: chair, counter and standing only */
    AVOID_BALANCE = 1 << 2,   /* no standing on one leg */
    AVOID_BACKBENDS = 1 << 3, /* no backbend */
    AVOID_ALL = (1 << 4) - 1
} ComposeAvoid;

/* What the user asked for. Plain value. */
typedef struct ComposeOptions {
    int minutes;   /* COMPOSE_MIN_MINUTES..COMPOSE_MAX_MINUTES */
    int focus;     /* a PoseFocus, or COMPOSE_FOCUS_ALL */
    unsigned avoid; /* ComposeAvoid bits */
    uint32_t seed; /* the same seed and options make the same practice */
} ComposeOptions;

/* The title and safety line of every made practice (spoken: they have clips). */
#define COMPOSE_TITLE "A practice made for you"
#define COMPOSE_SAFETY "Move slowly and never into pain; ease off at any pinch in the hip or groin."

/* Makes the practice O asks for from LIB. Returns a routine (free with
 * routine_free) whose plan lands within 5% of O->minutes, or NULL with the
 * reason in WHY (nothing in the library fits, or out of memory). */
Routine *compose_make(const PoseLibrary *lib, const ComposeOptions *o, char *why, size_t size);

/* "desk", "lunges", "floor", "yin", "gentle" or "all" into *FOCUS. */
bool compose_parse_focus(const char *s, int *focus);
const char *compose_focus_name(int focus);

/* A comma-separated list of kneeling, floor, balance, backbends (or
 * "none") into *AVOID. On failure, the bad word in BAD. */
bool compose_parse_avoid(const char *s, unsigned *avoid, char *bad, size_t size);

/* The avoid bits as "kneeling,floor" ("none" for 0) into OUT. */
void compose_avoid_names(unsigned avoid, char *out, size_t size);

/* The seed of a day: YYYYMMDD. */
uint32_t compose_seed_of_date(int year, int month, int day);

/* The id a made practice is recorded under: "made-FOCUS-MINUTES". */
void compose_record_id(const ComposeOptions *o, char *out, size_t size);

/* A made practice's record id in words ("Made for you · floor · 20 min",
 * UTF-8) into OUT, for the end screen and the printed history. Returns
 * false, OUT untouched, for any id that is not "made-FOCUS-MINUTES" with a
 * known focus and minutes 5 to 60. */
bool compose_record_words(const char *id, char *out, size_t size);

/* Whether POSE (an index into LIB) may be chosen under AVOID (it is left
 * out otherwise). Avoiding kneeling also leaves out the poses whose base
 * the figure reaches only through a kneeling pose (lying on the belly). */
bool compose_allowed(const PoseLibrary *lib, int pose, unsigned avoid);

/* Writes R as a routine file at PATH that loads (routine_load) into the
 * same plan. Returns false with the reason in WHY. */
bool compose_save(const Routine *r, const PoseLibrary *lib, const char *path, char *why, size_t size);

#endif
