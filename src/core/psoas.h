/* psoas.h — where each psoas runs on a solved skeleton, and how long it is.
 *
 * The psoas major arises from the sides of the vertebral bodies T12 to L5,
 * runs down over the front of the pelvic brim (where the iliopectineal
 * eminence acts as a pulley) and inserts on the lesser trochanter of the
 * femur. Its line here is that path: from the middle of its origin on the
 * lumbar spine, over the brim when the muscle presses on it, to the
 * insertion. Extending the hip or the lumbar spine lengthens it; flexing
 * the hip shortens it. Lengths compare with the same line standing. */
#ifndef PSOAS_PSOAS_H
#define PSOAS_PSOAS_H

#include <stdbool.h>

#include "skeleton.h"

typedef enum PsoasSide { PSOAS_LEFT, PSOAS_RIGHT } PsoasSide;

typedef struct PsoasLine {
    Vec3 top;       /* origin at T12 */
    Vec3 bottom;    /* origin at L5 */
    Vec3 origin;    /* middle of the origin, where the length is measured from */
    Vec3 brim;      /* over the front of the pelvis */
    Vec3 insertion; /* lesser trochanter */
    bool wraps;     /* the line bends over the brim (else it runs straight) */
    float length;   /* origin to insertion along the line, in body heights */
} PsoasLine;

/* The line of SIDE's psoas on POSE. */
void psoas_line(const SkelPose *pose, PsoasSide side, PsoasLine *out);

/* The length standing at rest (the same on both sides). */
float psoas_rest_length(void);

#endif
