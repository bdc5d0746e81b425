/* camera.c — see camera.h. */
#include "camera.h"

/* The least box framed, body heights: about a body curled up small, so
 * the stage never zooms past the size a whole body gets. */
static const float min_w = 0.4f, min_h = 0.3f;

CameraPoint camera_project(float pitch_deg, Vec3 p)
{
    float a = deg_to_rad(pitch_deg), c = cosf(a), s = sinf(a);
    return (CameraPoint){p.x, p.y * c - p.z * s, p.z * c + p.y * s};
}

CameraBox camera_box_empty(void) { return (CameraBox){1e9f, 1e9f, -1e9f, -1e9f}; }

bool camera_box_is_empty(CameraBox b) { return !(b.x0 <= b.x1 && b.y0 <= b.y1); }

void camera_box_add(CameraBox *b, float x, float y, float r)
{
    b->x0 = x - r < b->x0 ? x - r : b->x0;
    b->y0 = y - r < b->y0 ? y - r : b->y0;
    b->x1 = x + r > b->x1 ? x + r : b->x1;
    b->y1 = y + r > b->y1 ? y + r : b->y1;
}

void camera_box_union(CameraBox *b, CameraBox c)
{
    if (camera_box_is_empty(c))
        return;
    if (camera_box_is_empty(*b)) {
        *b = c;
        return;
    }
    b->x0 = c.x0 < b->x0 ? c.x0 : b->x0;
    b->y0 = c.y0 < b->y0 ? c.y0 : b->y0;
    b->x1 = c.x1 > b->x1 ? c.x1 : b->x1;
    b->y1 = c.y1 > b->y1 ? c.y1 : b->y1;
}

CameraBox camera_box_lerp(CameraBox a, CameraBox b, float t)
{
    if (camera_box_is_empty(a))
        return b;
    if (camera_box_is_empty(b))
        return a;
    return (CameraBox){a.x0 + (b.x0 - a.x0) * t, a.y0 + (b.y0 - a.y0) * t, a.x1 + (b.x1 - a.x1) * t,
                       a.y1 + (b.y1 - a.y1) * t};
}

CameraView camera_fit(CameraBox box, float x, float y, float w, float h)
{
    if (camera_box_is_empty(box))
        box = (CameraBox){-0.3f, 0, 0.3f, 1.0f};
    float cx = (box.x0 + box.x1) * 0.5f, bw = box.x1 - box.x0, bh = box.y1 - box.y0;
    float y0 = box.y0;
    if (bw < min_w)
        bw = min_w;
    if (bh < min_h)
        bh = min_h; /* grown upwards: the floor stays low */
    float by_w = w / bw, by_h = h / bh;
    CameraView v;
    v.scale = CAMERA_FILL * (by_w < by_h ? by_w : by_h);
    if (!(v.scale > 0))
        v.scale = 0;
    v.center_x = x + w * 0.5f - cx * v.scale;
    /* the box's foot a half-margin above the stage's */
    float foot = y + h - h * (1.0f - CAMERA_FILL) * 0.5f;
    v.floor_y = foot + y0 * v.scale;
    return v;
}
