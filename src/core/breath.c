/* breath.c — see breath.h. */
#include "breath.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

BreathPattern breath_default(void)
{
    BreathPattern p = {.ms = {[BREATH_INHALE] = 4000, [BREATH_EXHALE] = 6000}};
    return p;
}

BreathPattern breath_scaled(BreathPattern pattern, int scale_pct)
{
    BreathPattern out;
    for (int i = 0; i < BREATH_PHASE_COUNT; i++)
        out.ms[i] = (int32_t)(((int64_t)pattern.ms[i] * scale_pct + 50) / 100);
    return out;
}

BreathPattern breath_scaled_pm(BreathPattern pattern, int scale_pm)
{
    BreathPattern out;
    for (int i = 0; i < BREATH_PHASE_COUNT; i++)
        out.ms[i] = (int32_t)(((int64_t)pattern.ms[i] * scale_pm + 500) / 1000);
    return out;
}

int64_t breath_cycle_ms(BreathPattern pattern)
{
    int64_t total = 0;
    for (int i = 0; i < BREATH_PHASE_COUNT; i++)
        total += pattern.ms[i];
    return total;
}

BreathPhase breath_phase_at(BreathPattern pattern, int64_t offset_ms, float *progress)
{
    int64_t start = 0;
    for (int i = 0; i < BREATH_PHASE_COUNT; i++) {
        int64_t len = pattern.ms[i];
        if (len > 0 && offset_ms < start + len) {
            if (progress)
                *progress = offset_ms <= start ? 0.0f : (float)(offset_ms - start) / (float)len;
            return (BreathPhase)i;
        }
        start += len;
    }
    /* At or past the end: the last moment of the last non-empty phase. */
    if (progress)
        *progress = 1.0f;
    return pattern.ms[BREATH_HOLD_OUT] > 0 ? BREATH_HOLD_OUT : BREATH_EXHALE;
}

static float smooth(float p)
{
    p = p < 0 ? 0 : p > 1 ? 1 : p;
    return p * p * (3 - 2 * p); /* lungs fill fastest mid-breath */
}

float breath_fullness(BreathPattern pattern, BreathPhase phase, float progress)
{
    float top = pattern.ms[BREATH_TOP_UP] > 0 ? BREATH_TOP_UP_FROM : 1.0f;
    switch (phase) {
    case BREATH_INHALE: return top * smooth(progress);
    case BREATH_TOP_UP: return BREATH_TOP_UP_FROM + (1.0f - BREATH_TOP_UP_FROM) * smooth(progress);
    case BREATH_HOLD_IN: return 1.0f;
    case BREATH_EXHALE: return 1.0f - smooth(progress);
    default: return 0.0f;
    }
}

bool breath_is_hold(BreathPhase phase)
{
    return phase == BREATH_HOLD_IN || phase == BREATH_HOLD_OUT;
}

bool breath_equal(BreathPattern a, BreathPattern b)
{
    for (int i = 0; i < BREATH_PHASE_COUNT; i++)
        if (a.ms[i] != b.ms[i])
            return false;
    return true;
}

const char *breath_phase_name(BreathPhase phase)
{
    static const char *const names[BREATH_PHASE_COUNT] = {
        [BREATH_INHALE] = "inhale",
        [BREATH_TOP_UP] = "top-up",
        [BREATH_HOLD_IN] = "hold in",
        [BREATH_EXHALE] = "exhale",
        [BREATH_HOLD_OUT] = "hold out",
    };
    return (unsigned)phase < BREATH_PHASE_COUNT ? names[phase] : "?";
}

/* Seconds as "4" or "5.5". */
static int format_seconds(int32_t ms, const char *sep, char *out, int size)
{
    return ms % 1000 == 0 ? snprintf(out, (size_t)size, "%s%d", sep, ms / 1000)
                          : snprintf(out, (size_t)size, "%s%.1f", sep, ms / 1000.0);
}

void breath_format(BreathPattern pattern, char *out, int size)
{
    static const struct {
        BreathPhase phase;
        const char *sep;
    } order[] = {{BREATH_INHALE, ""}, {BREATH_TOP_UP, "+"}, {BREATH_HOLD_IN, "-"}, {BREATH_EXHALE, "-"},
                 {BREATH_HOLD_OUT, "-"}};
    int o = 0;
    if (size > 0)
        out[0] = 0;
    for (size_t i = 0; i < sizeof order / sizeof order[0] && o < size; i++) {
        if (order[i].phase == BREATH_TOP_UP && pattern.ms[BREATH_TOP_UP] == 0)
            continue;
        int w = format_seconds(pattern.ms[order[i].phase], order[i].sep, out + o, size - o);
        if (w < 0)
            break;
        o += w;
    }
}

/* Reads seconds at *S as a multiple of 0.5 from LO to HI into *MS. */
static bool parse_seconds(const char **s, double lo, double hi, int32_t *ms)
{
    char *end;
    if (!(**s >= '0' && **s <= '9'))
        return false;
    double v = strtod(*s, &end);
    if (end == *s || !isfinite(v) || v < lo || v > hi || v * 2 != floor(v * 2))
        return false;
    *s = end;
    *ms = (int32_t)(v * 1000.0 + 0.5);
    return true;
}

bool breath_parse(const char *text, BreathPattern *out)
{
    BreathPattern p = {{0}};
    const char *s = text;
    if (!s || !parse_seconds(&s, 1, 20, &p.ms[BREATH_INHALE]))
        return false;
    if (*s == '+' && (s++, !parse_seconds(&s, 0, BREATH_TOP_UP_MAX_MS / 1000, &p.ms[BREATH_TOP_UP])))
        return false;
    if (*s++ != '-')
        return false;
    int32_t second;
    if (!parse_seconds(&s, 0, 30, &second))
        return false;
    if (*s == 0) { /* "IN-OUT" */
        if (second < 1000)
            return false;
        p.ms[BREATH_EXHALE] = second;
    } else {
        p.ms[BREATH_HOLD_IN] = second;
        if (*s++ != '-' || !parse_seconds(&s, 1, 30, &p.ms[BREATH_EXHALE]))
            return false;
        if (*s && (*s++ != '-' || !parse_seconds(&s, 0, 30, &p.ms[BREATH_HOLD_OUT])))
            return false;
        if (*s)
            return false;
    }
    *out = p;
    return true;
}
