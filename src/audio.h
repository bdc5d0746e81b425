/* audio.h — the session's sound through SDL_mixer: the breath guide, the
 * spoken cues, the bells and the countdown ticks, all made in one audio
 * callback from a timeline of its own that receives every control the
 * session's timeline does, at the same practice time.
 *
 * While a device plays, the sound is the clock: audio_now turns the frames
 * the device has taken into the program's time, so the screen follows the
 * sound (never the reverse) and a recording is exact to the block however
 * slowly it is written. Controls are stamped at the first frame not yet
 * made (audio_control_begin), so both timelines take them at the same
 * instant. Without a device, or when the device stops taking frames, time
 * is the wall clock, continuing from where the sound left it.
 *
 * The device is open only while there is something to hear (audio_update).
 * No sound device, or one that will not open: the session runs silently
 * after one warning. A device lost mid-session is closed with one warning
 * and reopened when a device appears again. Nothing here blocks start-up:
 * the device opens after the first frame, and the voice clips load in a
 * thread of their own while the session starts. */
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
    AUDIO_BUFFER = 1024,  /* frames per callback: 21 ms at 48 kHz */
    AUDIO_STALL_MS = 300  /* a device silent this long no longer keeps time */
};

typedef struct Audio Audio;

/* VOICE_DIR holds the clips (HASH.ogg, see speech.h); it is copied.
 * Returns NULL when out of memory. Free with audio_destroy (accepts NULL). */
Audio *audio_create(const char *voice_dir);
void audio_destroy(Audio *a);

/* Lets the device open: now, when a session is on, else as one begins.
 * Returns false, after one warning per failure, when a session wants a
 * device and there is none: the program goes on silently. */
bool audio_open(Audio *a);

/* Once a frame, at program time NOW: closes the device when nothing has
 * played for a second with no session (the picker, the summary) or for
 * 20 s of a pause, and opens it again as a session plays.
 * Closing waits for silence, so it makes no click; the clock goes on from
 * the wall's and the sound takes it up again where it was. Short pauses
 * keep the device: reopening costs a moment, and HDMI sinks often lose
 * the first part of a stream that starts. */
void audio_update(Audio *a, int64_t now);

/* Whether a device is open now. */
bool audio_device_open(const Audio *a);

/* Device added or removed: reopens or closes. Other events are ignored. */
void audio_event(Audio *a, const SDL_Event *e);

/* The program's time in ms, given the wall clock WALL_MS: the sound's
 * while a device plays, else the wall clock's; never decreasing, and
 * continuous across a change of source. A NULL A gives WALL_MS. */
int64_t audio_now(Audio *a, int64_t wall_ms);

/* A control is about to be applied at time NOW: returns the time to stamp
 * it with (NOW, or the first instant the sound has not yet made, if that
 * is later) and holds the sound still until audio_control_end, so that
 * the control reaches both timelines before another frame is made. */
int64_t audio_control_begin(Audio *a, int64_t now);
void audio_control_end(Audio *a);

typedef enum AudioParts {
    AUDIO_ALL,         /* breath, voice, bells and ticks */
    AUDIO_BREATH_ONLY  /* the breath guide alone */
} AudioParts;

/* A session of ROUTINE (poses from LIB; both outlive it) begins at time
 * START_MS (audio_now's clock), its practice clock running SPEED times
 * real time. Ends any earlier one. */
void audio_begin(Audio *a, const Routine *routine, const PoseLibrary *lib, int64_t start_ms, double speed,
                 AudioParts parts);

/* The session ended (or none): the breath and voice fall quiet; a bell
 * already struck rings on. */
void audio_end(Audio *a);

/* A control applied to the session's timeline at practice-clock T_MS; the
 * same is applied to the sound's timeline. Matches session_set_listener. */
void audio_apply(TimelineAction action, int value, int64_t t_ms, void *audio);

/* Volume 0..100, and mute. */
void audio_volume(Audio *a, int volume, bool muted);

#endif
