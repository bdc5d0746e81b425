/* breath.c — see breath.h. */
#include "breath.h"

#include <stdio.h>

BreathPattern breath_default(void)
{
    BreathPattern p = {{4000, 0, 6000, 0}};
    return p;
}

BreathPattern breath_scaled(BreathPattern pattern, int scale_pct)
{
    BreathPattern out;
    for (int i = 0; i < BREATH_PHASE_COUNT; i++)
        out.ms[i] = (int32_t)(((int64_t)pattern.ms[i] * scale_pct + 50) / 100);
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
        [BREATH_HOLD_IN] = "hold in",
        [BREATH_EXHALE] = "exhale",
        [BREATH_HOLD_OUT] = "hold out",
    };
    return (unsigned)phase < BREATH_PHASE_COUNT ? names[phase] : "?";
}

void breath_format(BreathPattern pattern, char *out, int size)
{
    int o = 0;
    for (int i = 0; i < BREATH_PHASE_COUNT && o < size; i++) {
        int32_t ms = pattern.ms[i];
        const char *sep = i ? "-" : "";
        int w = ms % 1000 == 0 ? snprintf(out + o, (size_t)(size - o), "%s%d", sep, ms / 1000)
                               : snprintf(out + o, (size_t)(size - o), "%s%.1f", sep, ms / 1000.0);
        if (w < 0)
            break;
        o += w;
    }
}
