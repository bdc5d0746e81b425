/* audio.h — sound through SDL_mixer: the breath guide, made in the audio
 * callback from a timeline of its own that follows the session's (every
 * control is forwarded with the practice time it was made at), so the
 * sound and the ring on screen never drift apart.
 *
 * No sound device, or one that will not open: the session runs silently
 * after one warning. A device lost mid-session is closed with one warning
 * and reopened when a device appears again. Nothing here blocks start-up:
 * the device opens after the first frame. */
#ifndef PSOAS_AUDIO_H
#define PSOAS_AUDIO_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "poselib.h"
#include "routine.h"
#include "timeline.h"

enum {
    AUDIO_RATE = 48000,   /* frames per second asked of the device */
    AUDIO_BUFFER = 1024   /* frames per callback: 21 ms at 48 kHz */
};

typedef struct Audio Audio;

/* Returns NULL when out of memory. Free with audio_destroy (accepts NULL). */
Audio *audio_create(void);
void audio_destroy(Audio *a);

/* Opens the device (no-op when open). Returns false, after one warning per
 * failure, when there is none: the program goes on silently. */
bool audio_open(Audio *a);

/* Device added or removed: reopens or closes. Other events are ignored. */
void audio_event(Audio *a, const SDL_Event *e);

/* A session of ROUTINE begins (poses from LIB; both outlive it), its
 * practice clock running SPEED times real time. Ends any earlier one. */
void audio_begin(Audio *a, const Routine *routine, const PoseLibrary *lib, double speed);

/* The session ended (or none): the breath falls quiet. */
void audio_end(Audio *a);

/* A control applied to the session's timeline at practice-clock T_MS; the
 * same is applied to the sound's timeline. Matches session_set_listener. */
void audio_apply(TimelineAction action, int value, int64_t t_ms, void *audio);

/* Where the session's practice clock is now; called every frame. The
 * callback runs the clock on from here with the real time since. */
void audio_clock(Audio *a, int64_t t_ms);

/* Volume 0..100, and mute. */
void audio_volume(Audio *a, int volume, bool muted);

#endif
