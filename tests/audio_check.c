/* audio_check — measures a recording made with SDL's disk audio driver
 * (signed 16-bit stereo): finds the end of every inhale (the corner where
 * the breath's rising loudness turns to falling, located by fitting a line
 * to the second on each side) and prints the cycle lengths between them.
 *
 *   audio_check FILE.raw RATE CYCLE_MS [TOLERANCE_PERCENT]
 *
 * Exits 1 unless it finds at least two cycles and every one is CYCLE_MS
 * within TOLERANCE_PERCENT (default 1). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { WIN_MS = 5 };

static void fit(const float *y, long a, long b, double *c0, double *c1)
{
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (long w = a; w < b; w++) {
        n++;
        sx += (double)w;
        sy += y[w];
        sxx += (double)w * (double)w;
        sxy += (double)w * y[w];
    }
    *c1 = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    *c0 = (sy - *c1 * sx) / n;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: audio_check FILE.raw RATE CYCLE_MS [TOLERANCE_PERCENT]\n");
        return 2;
    }
    long rate = atol(argv[2]);
    double cycle = atof(argv[3]), tol = argc > 4 ? atof(argv[4]) : 1.0;
    FILE *f = fopen(argv[1], "rb");
    if (!f || rate <= 0 || cycle <= 0) {
        fprintf(stderr, "audio_check: cannot read %s\n", argv[1]);
        return 2;
    }
    long win = rate * WIN_MS / 1000, windows = 0, cap = 1 << 16;
    float *rms = malloc((size_t)cap * sizeof *rms);
    short *buf = malloc((size_t)win * 2 * sizeof *buf);
    while (rms && buf && fread(buf, sizeof *buf * 2, (size_t)win, f) == (size_t)win) {
        double sum = 0;
        for (long i = 0; i < win; i++)
            sum += (double)buf[2 * i] * buf[2 * i];
        if (windows == cap) {
            cap *= 2;
            float *p = realloc(rms, (size_t)cap * sizeof *rms);
            if (!p)
                break;
            rms = p;
        }
        rms[windows++] = (float)sqrt(sum / (double)win) / 32768.0f;
    }
    fclose(f);
    /* candidate corners: the loudest window of each stretch louder than
     * half the loudest of all */
    float top = 0;
    for (long w = 0; w < windows; w++)
        top = rms[w] > top ? rms[w] : top;
    long span = 1000 / WIN_MS, gap = (long)(cycle / 2 / WIN_MS);
    double corners[4096];
    int n = 0;
    for (long w = span; w + span < windows && n < 4096; w++) {
        /* smoothed over 100 ms to find the neighbourhood */
        double s = 0;
        for (long k = -10; k <= 10; k++)
            s += rms[w + k];
        s /= 21;
        double best = s;
        for (long k = w - gap; k <= w + gap; k++) {
            if (k - 10 < 0 || k + 10 >= windows || k == w)
                continue;
            double t = 0;
            for (long j = -10; j <= 10; j++)
                t += rms[k + j];
            if (t / 21 > best) {
                best = -1;
                break;
            }
        }
        if (best < 0 || s < 0.5 * top)
            continue;
        double a0, a1, b0, b1;
        fit(rms, w - span, w - 4, &a0, &a1);
        fit(rms, w + 4, w + span, &b0, &b1);
        if (a1 <= 0 || b1 >= 0)
            continue; /* not a rise then a fall */
        corners[n++] = (b0 - a0) / (a1 - b1) * WIN_MS;
        w += gap;
    }
    int bad = 0;
    printf("%ld ms recorded, %d inhale ends\n", windows * WIN_MS, n);
    for (int i = 1; i < n; i++) {
        double len = corners[i] - corners[i - 1], err = 100.0 * fabs(len - cycle) / cycle;
        printf("cycle %d: %.0f ms (%.2f%% from %.0f)\n", i, len, err, cycle);
        bad += err > tol;
    }
    free(rms);
    free(buf);
    return n >= 3 && !bad ? 0 : 1;
}
