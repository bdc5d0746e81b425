/* speech.h — what the coach says, as text: the lines of a routine that
 * have recorded clips, and the name of each clip.
 *
 * A clip is found by its text alone: assets/voice/HASH.ogg, HASH being the
 * 64-bit FNV-1a of the UTF-8 text in 16 lower-case hex digits. So a routine
 * author who writes a new cue runs tools/make-voice.sh once, and a changed
 * cue can never play an old recording. `psoas-coach --voice-lines` prints
 * every line of every routine for that script. */
#ifndef PSOAS_SPEECH_H
#define PSOAS_SPEECH_H

#include <stddef.h>
#include <stdint.h>

#include "poselib.h"
#include "routine.h"

enum { SPEECH_HASH_CHARS = 17 }; /* 16 hex digits and the NUL */

/* Lines the coach speaks whatever the routine. */
#define SPEECH_SWITCH "Switch sides"
#define SPEECH_INHALE "Breathe in"
#define SPEECH_EXHALE "Breathe out"
#define SPEECH_CLOSING "Well done. Rest here for a few breaths, and notice how your hips feel."

/* 64-bit FNV-1a of TEXT, as 16 lower-case hex digits into OUT. */
void speech_hash(const char *text, char out[SPEECH_HASH_CHARS]);

/* What is said on entering step STEP on SIDE: "Kneeling lunge, left leg
 * back" (the step's name, and the side as the screen words it). */
void speech_pose_line(const Routine *r, const PoseLibrary *lib, int step, Side side, char *out, size_t size);

/* Calls LINE once for every text ROUTINE may speak: its title and safety
 * line, each pose and side, each cue, and the fixed lines (duplicates
 * included). */
void speech_each_line(const Routine *r, const PoseLibrary *lib, void (*line)(const char *text, void *user),
                      void *user);

/* Calls LINE for every text a practice made from LIB may speak of its
 * poses: each pose's name (with each side, for a one-sided pose, as
 * speech_pose_line words it) and each cue of its bank. */
void speech_each_pose_line(const PoseLibrary *lib, void (*line)(const char *text, void *user), void *user);

#endif
