/* poselib.h — the pose library: which poses exist and what a routine and
 * the timeline need to know about each (name, one-sidedness, and the base
 * the body rests on, which sets how long moving between poses takes).
 * Loaded from assets/poses.json and validated as strictly as routines. */
#ifndef PSOAS_POSELIB_H
#define PSOAS_POSELIB_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "skeleton.h"

enum {
    POSE_ID_MAX = 32,     /* bytes of an id: 1-31 of a-z, 0-9 and '-' */
    POSE_NAME_CHARS = 60, /* characters of a display name */
    POSE_MAX = 256,       /* poses in one library */
    POSE_MAX_FRAMES = 8,  /* keyframes of a looping pose */
    POSE_MAX_SUPPORTS = 12,
    POSE_MAX_VIA = 3,     /* intermediate poses on a route between two bases */
    POSE_LABEL_CHARS = 40, /* characters of a side label */
    POSE_MAX_CONTACTS = 2, /* a hand each */
    POSE_MAX_CUES = 6,     /* cues in a pose's bank */
    POSE_CUE_CHARS = 200,  /* characters of a cue (as a routine's) */
    POSE_HOLD_MAX_S = 600  /* the longest hold a pose may name, seconds */
};

/* What kind of work a pose is, for the composer (bits of PoseInfo.families). */
typedef enum PoseFamily {
    FAMILY_WARM_UP,    /* easy enough to open a practice */
    FAMILY_LUNGE,      /* one leg back: the psoas of that leg lengthens */
    FAMILY_BALANCE,    /* standing on one leg */
    FAMILY_BACKBEND,   /* the spine arches */
    FAMILY_HIP_OPENER, /* the hip turns out (frog) */
    FAMILY_RELEASE,    /* lying work that lets the psoas soften */
    FAMILY_REST,       /* a pose to end a practice in */
    FAMILY_TRANSITION, /* passed through between bases; never chosen on its own */
    FAMILY_COUNT
} PoseFamily;

/* Which practices a pose serves (bits of PoseInfo.focuses). */
typedef enum PoseFocus {
    FOCUS_DESK,   /* after sitting: chair, standing, counter, walking */
    FOCUS_LUNGES, /* the lunge family and down dog */
    FOCUS_FLOOR,  /* lying work */
    FOCUS_YIN,    /* few long holds */
    FOCUS_GENTLE, /* no deep backbends, shorter holds */
    FOCUS_COUNT
} PoseFocus;

/* What the body rests on; transitions between bases take longer. */
typedef enum PoseBase {
    POSE_BASE_STANDING,
    POSE_BASE_SEATED,
    POSE_BASE_KNEELING,
    POSE_BASE_ALL_FOURS,
    POSE_BASE_LYING, /* on the back */
    POSE_BASE_PRONE, /* on the front */
    POSE_BASE_COUNT
} PoseBase;

/* What a body part rests on. */
typedef enum PoseSurface {
    SURFACE_FLOOR,
    SURFACE_CHAIR,   /* a chair seat */
    SURFACE_COUNTER, /* a kitchen counter or dresser */
    SURFACE_PILLOW,  /* a pillow or folded blanket on the floor */
    SURFACE_BLOCK,   /* a yoga block on its side */
    SURFACE_COUNT
} PoseSurface;

typedef struct PoseSupport {
    int node;            /* SkelNode that rests */
    PoseSurface surface; /* on what */
} PoseSupport;

/* A hand that holds or rests on something through the hold. */
typedef struct PoseContact {
    int hand;   /* SK_L_HAND or SK_R_HAND */
    int target; /* the SkelNode it holds or rests on, or -1 for the floor */
} PoseContact;

typedef struct PoseInfo {
    char id[POSE_ID_MAX]; /* stable id routines refer to, e.g. "low-lunge" */
    char *name;           /* display name, e.g. "Low lunge" (owned) */
    bool one_sided;       /* done once per side; needs "sides" in a step */
    PoseBase base;        /* what the body rests on */
    char *side_label;     /* "{side} leg back": how a caption names the side (owned) */
    /* The body shape, authored for the left side (the left psoas lengthens). */
    SkelAngles frames[POSE_MAX_FRAMES]; /* keyframes; one for a still pose */
    int frame_count;                    /* 1..POSE_MAX_FRAMES */
    int cycle_ms;                       /* a loop's length; 0 with frames: follows the breath */
    SkelAngles breath;                  /* added in full at the top of an inhale */
    PoseSupport supports[POSE_MAX_SUPPORTS]; /* what rests on the floor or a prop */
    int support_count;
    PoseContact contacts[POSE_MAX_CONTACTS]; /* hands kept on a body part or the floor */
    int contact_count;
    float view_yaw;   /* degrees the figure turns towards the viewer (0: profile) */
    float view_pitch; /* degrees the viewer looks down from (0: level) */
    bool turns;       /* the second side faces the other way, so the near leg stays near */
    bool near_right;  /* as authored (for the left), the body's right side faces the viewer */
    unsigned families;  /* bits 1 << PoseFamily; 0: no metadata, never in a made practice */
    unsigned focuses;   /* bits 1 << PoseFocus */
    int intensity;      /* 1 gentle, 2 moderate, 3 deep */
    int hold_min_s;     /* the shortest hold that still works for the pose */
    int hold_max_s;     /* the longest hold it is given in a made practice */
    char *cues[POSE_MAX_CUES]; /* what the coach may say in it (owned) */
    int cue_count;             /* 1..POSE_MAX_CUES */
} PoseInfo;

typedef struct PoseRoute {
    int via[POSE_MAX_VIA]; /* pose indices passed through, in order */
    int count;
} PoseRoute;

typedef struct PoseLibrary {
    PoseInfo *poses;  /* COUNT entries, in file order */
    int count;        /* number of poses */
    PoseRoute routes[POSE_BASE_COUNT][POSE_BASE_COUNT]; /* from base, to base */
    int release[POSE_BASE_COUNT]; /* pose eased towards between reps, or -1 */
} PoseLibrary;

/* Loads and validates PATH (reported as DISPLAY in diagnostics). Returns
 * the library or NULL with every problem added to DIAG. Free with
 * poselib_free. */
PoseLibrary *poselib_load(const char *path, const char *display, Diag *diag);

/* The same from a buffer of LEN bytes. */
PoseLibrary *poselib_parse(const char *text, size_t len, const char *display, Diag *diag);

/* Accepts NULL. */
void poselib_free(PoseLibrary *lib);

/* Index of the pose with ID, or -1. */
int poselib_find(const PoseLibrary *lib, const char *id);

/* Id of the pose nearest to ID by spelling, or NULL (for "did you mean"). */
const char *poselib_nearest(const PoseLibrary *lib, const char *id);

/* "standing", "seated", ... */
const char *poselib_base_name(PoseBase base);

/* "warm-up", "lunge", ... and "desk", "lunges", ... */
const char *poselib_family_name(PoseFamily f);
const char *poselib_focus_name(PoseFocus f);

/* Whether POSE rests on the floor other than by the feet (a knee, the
 * seat, the back or the front, the hands): what --avoid floor leaves out.
 * KNEE: whether a knee is on the floor (--avoid kneeling). */
bool poselib_on_floor(const PoseInfo *pose);
bool poselib_kneels(const PoseInfo *pose);

/* "floor", "chair", ... and the height of its top in body heights. */
const char *poselib_surface_name(PoseSurface s);
float poselib_surface_height(PoseSurface s);

/* Writes how a caption names SIDE for POSE ("left leg back") into OUT;
 * empty for SIDE_NONE or a two-sided pose. SIDE: 1 left, 2 right. */
void poselib_side_caption(const PoseInfo *pose, int side, char *out, size_t size);

#endif
