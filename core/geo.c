/* SPDX-License-Identifier: MIT */
/*
 * GeoJSON boundary loading, projection and braille rasterisation.
 *
 * A shape is a flat array of points with ring start indices; holes are
 * kept as rings and drawn as outlines like the rest. The view is an
 * equirectangular projection whose x axis is scaled by cos(middle
 * latitude) and whose scale is the largest that fits both axes, centred
 * on the canvas. Dots are addressed (0,0) at the top left; braille bit
 * numbering follows Unicode (dots 1-3 and 7 in the left column).
 */
#include "core/geo.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/xmalloc.h"

/* Bit of the braille dot at column X (0-1), row Y (0-3) of a cell. */
static const unsigned char geo_braille_bits[4][2] = {
	{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 }
};

/* Appends one ring (a JSON array of [lon, lat] pairs). */
static int
geo_add_ring(struct geo_shape *s, json_t *ring, char **cause)
{
	size_t i, n;
	json_t *p;
	double lon, lat;

	if (!json_is_array(ring)) {
		*cause = xstrdup("GeoJSON ring is not an array");
		return -1;
	}
	n = json_array_size(ring);
	if (n == 0)
		return 0;
	s->rings = xreallocarray(s->rings, s->nrings + 1, sizeof *s->rings);
	s->rings[s->nrings++] = s->npts;
	s->pts = xreallocarray(s->pts, s->npts + n, sizeof *s->pts);
	for (i = 0; i < n; i++) {
		p = json_array_get(ring, i);
		if (!json_is_array(p) || json_array_size(p) < 2 ||
		    !json_is_number(json_array_get(p, 0)) ||
		    !json_is_number(json_array_get(p, 1))) {
			*cause = xasprintf("GeoJSON point %zu is not "
			    "[longitude, latitude]", i);
			return -1;
		}
		lon = json_number_value(json_array_get(p, 0));
		lat = json_number_value(json_array_get(p, 1));
		if (!isfinite(lon) || !isfinite(lat) || lon < -180 ||
		    lon > 180 || lat < -90 || lat > 90) {
			*cause = xasprintf("GeoJSON point %zu is out of range",
			    i);
			return -1;
		}
		s->pts[s->npts].lon = lon;
		s->pts[s->npts].lat = lat;
		s->npts++;
	}
	return 0;
}

static int
geo_add_geometry(struct geo_shape *s, json_t *g, char **cause)
{
	const char *type;
	json_t *coords, *poly;
	size_t i, j;

	type = json_string_value(json_object_get(g, "type"));
	coords = json_object_get(g, "coordinates");
	if (type == NULL) {
		*cause = xstrdup("GeoJSON object without a type");
		return -1;
	}
	if (strcmp(type, "FeatureCollection") == 0) {
		json_array_foreach(json_object_get(g, "features"), i, poly) {
			if (geo_add_geometry(s, poly, cause) != 0)
				return -1;
		}
		return 0;
	}
	if (strcmp(type, "Feature") == 0)
		return geo_add_geometry(s, json_object_get(g, "geometry"),
		    cause);
	if (strcmp(type, "Polygon") == 0) {
		json_array_foreach(coords, i, poly) {
			if (geo_add_ring(s, poly, cause) != 0)
				return -1;
		}
		return 0;
	}
	if (strcmp(type, "MultiPolygon") == 0) {
		json_array_foreach(coords, i, poly) {
			json_t *ring;

			json_array_foreach(poly, j, ring) {
				if (geo_add_ring(s, ring, cause) != 0)
					return -1;
			}
		}
		return 0;
	}
	*cause = xasprintf("GeoJSON type '%s' is not supported", type);
	return -1;
}

int
geo_parse(const char *text, size_t len, struct geo_shape *s, char **cause)
{
	json_t *root;
	json_error_t err;
	size_t i;

	memset(s, 0, sizeof *s);
	if (text == NULL) {
		*cause = xstrdup("no GeoJSON text");
		return -1;
	}
	root = json_loadb(text, len, 0, &err);
	if (root == NULL) {
		*cause = xasprintf("GeoJSON line %d: %s", err.line, err.text);
		return -1;
	}
	if (!json_is_object(root)) {
		json_decref(root);
		*cause = xstrdup("GeoJSON is not an object");
		return -1;
	}
	if (geo_add_geometry(s, root, cause) != 0) {
		json_decref(root);
		geo_release(s);
		return -1;
	}
	json_decref(root);
	if (s->npts == 0) {
		*cause = xstrdup("GeoJSON has no polygon");
		geo_release(s);
		return -1;
	}
	s->minlon = s->maxlon = s->pts[0].lon;
	s->minlat = s->maxlat = s->pts[0].lat;
	for (i = 1; i < s->npts; i++) {
		s->minlon = fmin(s->minlon, s->pts[i].lon);
		s->maxlon = fmax(s->maxlon, s->pts[i].lon);
		s->minlat = fmin(s->minlat, s->pts[i].lat);
		s->maxlat = fmax(s->maxlat, s->pts[i].lat);
	}
	return 0;
}

int
geo_load(const char *path, struct geo_shape *s, char **cause)
{
	json_t *root;
	json_error_t err;
	char *text, *why = NULL;
	int rc;

	memset(s, 0, sizeof *s);
	root = json_load_file(path, 0, &err);
	if (root == NULL) {
		*cause = xasprintf("cannot read '%s': %s", path,
		    err.line > 0 ? err.text : strerror(errno));
		return -1;
	}
	text = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	if (text == NULL) {
		*cause = xasprintf("cannot read '%s'", path);
		return -1;
	}
	rc = geo_parse(text, strlen(text), s, &why);
	free(text);
	if (rc != 0) {
		*cause = xasprintf("'%s': %s", path, why);
		free(why);
	}
	return rc;
}

void
geo_release(struct geo_shape *s)
{
	XFREE(s->pts);
	XFREE(s->rings);
	s->npts = s->nrings = 0;
}

void
geo_fit(const struct geo_shape *s, int cols, int rows, struct geo_view *v)
{
	double w, h, sx, sy, mid;

	memset(v, 0, sizeof *v);
	v->dotw = (cols < 1 ? 1 : cols) * 2;
	v->doth = (rows < 1 ? 1 : rows) * 4;
	mid = (s->minlat + s->maxlat) / 2;
	v->kx = cos(mid * M_PI / 180.0);
	v->minlon = s->minlon;
	v->maxlat = s->maxlat;
	w = (s->maxlon - s->minlon) * v->kx;
	h = s->maxlat - s->minlat;
	if (w <= 0)
		w = 1;
	if (h <= 0)
		h = 1;
	/* The last dot is dotw - 1, so the span covers dotw - 1 steps. */
	sx = (v->dotw - 1) / w;
	sy = (v->doth - 1) / h;
	v->scale = sx < sy ? sx : sy;
	v->offx = ((v->dotw - 1) - w * v->scale) / 2;
	v->offy = ((v->doth - 1) - h * v->scale) / 2;
}

int
geo_project(const struct geo_view *v, double lon, double lat, int *dx,
    int *dy)
{
	double x, y;

	x = (lon - v->minlon) * v->kx * v->scale + v->offx;
	y = (v->maxlat - lat) * v->scale + v->offy;
	*dx = (int)lround(x);
	*dy = (int)lround(y);
	return *dx >= 0 && *dy >= 0 && *dx < v->dotw && *dy < v->doth;
}

void
geo_canvas_init(struct geo_canvas *c, int cols, int rows)
{
	c->cols = cols < 1 ? 1 : cols;
	c->rows = rows < 1 ? 1 : rows;
	c->cells = xcalloc((size_t)c->cols * (size_t)c->rows, 1);
}

void
geo_canvas_release(struct geo_canvas *c)
{
	XFREE(c->cells);
	c->cols = c->rows = 0;
}

void
geo_canvas_dot(struct geo_canvas *c, int dx, int dy)
{
	if (dx < 0 || dy < 0 || dx >= c->cols * 2 || dy >= c->rows * 4)
		return;
	c->cells[(size_t)(dy / 4) * (size_t)c->cols + (size_t)(dx / 2)] |=
	    geo_braille_bits[dy % 4][dx % 2];
}

/* Bresenham line from (X0,Y0) to (X1,Y1). */
static void
geo_canvas_line(struct geo_canvas *c, int x0, int y0, int x1, int y1)
{
	int dx, dy, sx, sy, err, e2;

	dx = abs(x1 - x0);
	dy = -abs(y1 - y0);
	sx = x0 < x1 ? 1 : -1;
	sy = y0 < y1 ? 1 : -1;
	err = dx + dy;
	for (;;) {
		geo_canvas_dot(c, x0, y0);
		if (x0 == x1 && y0 == y1)
			break;
		e2 = 2 * err;
		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

void
geo_canvas_outline(struct geo_canvas *c, const struct geo_view *v,
    const struct geo_shape *s)
{
	size_t r, i, start, end;
	int x0, y0, x1, y1;

	for (r = 0; r < s->nrings; r++) {
		start = s->rings[r];
		end = r + 1 < s->nrings ? s->rings[r + 1] : s->npts;
		for (i = start; i + 1 < end; i++) {
			geo_project(v, s->pts[i].lon, s->pts[i].lat, &x0, &y0);
			geo_project(v, s->pts[i + 1].lon, s->pts[i + 1].lat,
			    &x1, &y1);
			geo_canvas_line(c, x0, y0, x1, y1);
		}
	}
}

unsigned int
geo_canvas_char(const struct geo_canvas *c, int col, int row)
{
	unsigned char b;

	if (col < 0 || row < 0 || col >= c->cols || row >= c->rows)
		return 0;
	b = c->cells[(size_t)row * (size_t)c->cols + (size_t)col];
	return b == 0 ? 0 : 0x2800u + b;
}
