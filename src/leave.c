/* leave.c — the kiosk's way out (--kiosk): Esc on the picker opens it
 * instead of closing the program, which on a machine with no desktop would
 * leave a login prompt and no way back. It offers turning the machine off
 * (cleanly, so no SD card is corrupted by pulling the plug), going back to
 * the routines, and closing to the console's login prompt. Turning off
 * asks once more: a second press of Enter, Space, A or a tap within a few
 * seconds. Up and Down choose; Esc goes back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "power.h"
#include "screens.h"

enum {
    LEAVE_TURN_OFF,
    LEAVE_BACK,
    LEAVE_CLOSE,
    LEAVE_CHOICES,
    LEAVE_CONFIRM_MS = 5000 /* how long "press again to turn off" waits */
};

static const char *const leave_labels[LEAVE_CHOICES] = {
    [LEAVE_TURN_OFF] = "Turn off",
    [LEAVE_BACK] = "Back to the routines",
    [LEAVE_CLOSE] = "Close to the login prompt",
};

typedef struct Leave {
    int chosen;        /* a LEAVE_ choice */
    int64_t armed_at;  /* wall time "Turn off" was first pressed; -1 when not */
    PowerOff *power;   /* the request to turn off, once confirmed */
    PowerState state;  /* its answer so far (when POWER is set) */
    char why[200];     /* why turning off failed; "" when it has not */
    int drawn_look;    /* look() of the frame last drawn */
} Leave;

static void *leave_enter(App *a, void *arg, int64_t now)
{
    (void)a;
    (void)arg;
    (void)now;
    Leave *l = calloc(1, sizeof *l);
    if (l) {
        l->armed_at = -1;
        l->drawn_look = -1;
    }
    return l;
}

static void leave_leave(App *a, void *state)
{
    (void)a;
    Leave *l = state;
    power_free(l->power);
    free(l);
}

static bool armed(const Leave *l, int64_t now)
{
    return l->armed_at >= 0 && now - l->armed_at < LEAVE_CONFIRM_MS;
}

/* What the message line shows, as a number: a frame is drawn when it
 * changes (choices move on input, which draws anyway). */
static int look(const Leave *l, int64_t now)
{
    return (armed(l, now) ? 1 : 0) | (l->power ? 2 + 4 * (int)l->state : 0) | (l->why[0] ? 64 : 0);
}

static void choose(App *a, Leave *l, int64_t now)
{
    switch (l->chosen) {
    case LEAVE_BACK: app_pop(a, now); break;
    case LEAVE_CLOSE: app_quit_because(a, "closed to the login prompt"); break;
    case LEAVE_TURN_OFF:
        if (!armed(l, now)) {
            l->armed_at = now;
            l->why[0] = 0;
            log_msg(LOG_INFO, "power", "turn off chosen: waiting for a second press");
            break;
        }
        l->armed_at = -1;
        power_free(l->power);
        l->power = power_off_start(l->why, sizeof l->why);
        l->state = l->power ? POWER_ASKING : POWER_REFUSED;
        break;
    default: break;
    }
}

static void leave_action(App *a, void *state, InputAction act, int64_t now)
{
    Leave *l = state;
    if (l->power && l->state != POWER_REFUSED)
        return; /* turning off: nothing to change any more */
    switch (act) {
    case INPUT_UP:
    case INPUT_PREVIOUS:
        l->chosen = (l->chosen + LEAVE_CHOICES - 1) % LEAVE_CHOICES;
        l->armed_at = -1;
        break;
    case INPUT_DOWN:
    case INPUT_NEXT:
        l->chosen = (l->chosen + 1) % LEAVE_CHOICES;
        l->armed_at = -1;
        break;
    case INPUT_PAUSE:
    case INPUT_SELECT: choose(a, l, now); break;
    case INPUT_BACK: app_pop(a, now); break;
    default: break;
    }
}

static void leave_update(App *a, void *state, int64_t now)
{
    (void)a;
    Leave *l = state;
    if (l->armed_at >= 0 && !armed(l, now)) {
        l->armed_at = -1;
        log_msg(LOG_INFO, "power", "turn off not confirmed in time");
    }
    if (l->power && l->state == POWER_ASKING)
        l->state = power_off_poll(l->power, l->why, sizeof l->why);
}

/* Wakes when the confirmation runs out, and polls while the request is
 * out. */
static int64_t leave_idle(App *a, void *state, int64_t now)
{
    (void)a;
    Leave *l = state;
    if (l->power && l->state == POWER_ASKING)
        return 100;
    return armed(l, now) ? LEAVE_CONFIRM_MS - (now - l->armed_at) : -1;
}

static bool leave_stale(App *a, void *state, int64_t now)
{
    (void)a;
    const Leave *l = state;
    return look(l, now) != l->drawn_look;
}

/* Up to MAX lines of TEXT in font F no wider than WIDTH, into LINES; a
 * text needing more is cut with an ellipsis. Returns the lines used. */
static int wrap(TextCache *tc, TextFont f, const char *text, int width, char lines[][160], int max)
{
    int k = textcache_wrap(tc, f, text, width, lines, max);
    if (k > max) {
        k = max;
        size_t n = strlen(lines[k - 1]);
        if (n > 150)
            n = 150;
        snprintf(lines[k - 1] + n, 160 - n, "\xE2\x80\xA6");
    }
    return k;
}

static void leave_draw(App *a, void *state, float alpha, int64_t now)
{
    Leave *l = state;
    l->drawn_look = look(l, now);
    Ui *u = app_ui(a);
    const Theme *t = u->theme;
    TextCache *tc = u->text;
    /* margins in proportion to the shorter side, so portrait keeps room */
    int m = u->h * 5 / 100, mw = u->w * 5 / 100;
    int side = mw < m ? mw : m;
    int lh = textcache_line_height(tc, TEXT_BODY), sh = textcache_line_height(tc, TEXT_SMALL);
    int th = textcache_line_height(tc, TEXT_TITLE);
    int pad = lh / 5; /* above and below a choice's text */
    int room = u->w - 2 * side - lh;
    /* the message under the choices */
    char failed[240];
    const char *say;
    SDL_Color say_color = t->dim;
    if (l->power && l->state == POWER_GRANTED) {
        say = "Turning off\xE2\x80\xA6 wait for the screen to go dark before unplugging";
    } else if (l->power && l->state == POWER_ASKING) {
        say = "Turning off\xE2\x80\xA6";
    } else if (l->why[0]) {
        snprintf(failed, sizeof failed, "Could not turn off: %s", l->why);
        say = failed;
        say_color = t->accent;
    } else if (armed(l, now)) {
        say = "Press Enter again to turn off";
        say_color = t->accent;
    } else {
        say = "Up / Down choose \xC2\xB7 Enter select \xC2\xB7 Esc back";
    }
    /* every text wrapped to the width first, then the block centred */
    char title[2][160], msg[3][160], label[LEAVE_CHOICES][3][160];
    int kt = wrap(tc, TEXT_TITLE, "Finished for now?", room, title, 2);
    int km = wrap(tc, TEXT_SMALL, say, room, msg, 3);
    int kl[LEAVE_CHOICES], wmax = 0, total = kt * th + lh / 2 + sh / 2 + km * sh;
    for (int i = 0; i < LEAVE_CHOICES; i++) {
        kl[i] = wrap(tc, TEXT_BODY, leave_labels[i], room, label[i], 3);
        total += kl[i] * lh + 2 * pad;
        for (int j = 0; j < kl[i]; j++) {
            int w = textcache_width(tc, TEXT_BODY, label[i][j]);
            wmax = w > wmax ? w : wmax;
        }
    }
    int y = (u->h - total) / 2;
    if (y < m / 2)
        y = m / 2;
    for (int i = 0; i < kt; i++, y += th)
        textcache_draw(tc, u->ren, TEXT_TITLE, title[i], t->text, alpha, u->w / 2, y, TEXT_CENTER);
    y += lh / 2;
    /* rows as wide as the widest label, centred */
    int rw = wmax + 2 * lh;
    if (rw > u->w - 2 * side)
        rw = u->w - 2 * side;
    int rx = (u->w - rw) / 2;
    for (int i = 0; i < LEAVE_CHOICES; i++) {
        bool on = i == l->chosen;
        int row = kl[i] * lh + 2 * pad;
        if (on)
            ui_chosen_row(u, (SDL_Rect){rx, y, rw, row}, side, true, alpha);
        for (int j = 0; j < kl[i]; j++)
            textcache_draw(tc, u->ren, TEXT_BODY, label[i][j], on ? t->accent : t->text, alpha, u->w / 2,
                           y + pad + j * lh, TEXT_CENTER);
        y += row;
    }
    y += sh / 2;
    for (int i = 0; i < km; i++, y += sh)
        textcache_draw(tc, u->ren, TEXT_SMALL, msg[i], say_color, alpha, u->w / 2, y, TEXT_CENTER);
}

const Screen *leave_screen(void)
{
    static const Screen s = {
        .name = "leave",
        .opaque = true,
        .enter = leave_enter,
        .leave = leave_leave,
        .action = leave_action,
        .update = leave_update,
        .draw = leave_draw,
        .idle = leave_idle,
        .stale = leave_stale,
    };
    return &s;
}
