/* SPDX-License-Identifier: MIT */
/* Unit tests for core/geo: GeoJSON parsing, projection, rasterisation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/geo.h"

static const char geo_square[] =
	"{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[10,0],[10,10],"
	"[0,10],[0,0]]]}";

static void
test_geo_parse_errors(void **state)
{
	struct geo_shape s;
	char *cause = NULL;

	(void)state;
	assert_int_equal(geo_parse(NULL, 0, &s, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(geo_parse("", 0, &s, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(geo_parse("[1,2]", 5, &s, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(geo_parse("{\"type\":\"Point\",\"coordinates\":[1,2]}",
	    36, &s, &cause), -1);
	assert_non_null(strstr(cause, "Point"));
	free(cause);
	cause = NULL;
	/* Latitude out of range. */
	assert_int_equal(geo_parse("{\"type\":\"Polygon\",\"coordinates\":"
	    "[[[0,0],[1,95]]]}", 48, &s, &cause), -1);
	free(cause);
}

static void
test_geo_parse_square(void **state)
{
	struct geo_shape s;
	char *cause = NULL;

	(void)state;
	assert_int_equal(geo_parse(geo_square, strlen(geo_square), &s,
	    &cause), 0);
	assert_int_equal(s.npts, 5);
	assert_int_equal(s.nrings, 1);
	assert_true(s.minlon == 0 && s.maxlon == 10);
	assert_true(s.minlat == 0 && s.maxlat == 10);
	geo_release(&s);
}

/* Corners land on the canvas edges; the centre in the middle. */
static void
test_geo_project(void **state)
{
	struct geo_shape s;
	struct geo_view v;
	char *cause = NULL;
	int dx, dy;

	(void)state;
	assert_int_equal(geo_parse(geo_square, strlen(geo_square), &s,
	    &cause), 0);
	/* 20x10 cells = 40x40 dots: a square fills it. */
	geo_fit(&s, 20, 10, &v);
	assert_int_equal(v.dotw, 40);
	assert_int_equal(v.doth, 40);
	assert_true(geo_project(&v, 0, 10, &dx, &dy));
	assert_true(dx <= 1 && dy == 0);
	assert_true(geo_project(&v, 10, 0, &dx, &dy));
	assert_true(dx >= 38 && dy == 39);
	assert_true(geo_project(&v, 5, 5, &dx, &dy));
	assert_true(dx >= 19 && dx <= 20 && dy >= 19 && dy <= 20);
	/* Outside the shape's box is outside the canvas. */
	assert_false(geo_project(&v, 30, 5, &dx, &dy));
	geo_release(&s);
}

static void
test_geo_canvas(void **state)
{
	struct geo_shape s;
	struct geo_view v;
	struct geo_canvas c;
	char *cause = NULL;
	int r, col, set = 0;

	(void)state;
	geo_canvas_init(&c, 0, 0);	/* clamped to 1x1 */
	assert_int_equal(c.cols, 1);
	assert_int_equal(geo_canvas_char(&c, 0, 0), 0);
	geo_canvas_dot(&c, 0, 0);
	assert_int_equal(geo_canvas_char(&c, 0, 0), 0x2801);
	geo_canvas_dot(&c, 1, 3);
	assert_int_equal(geo_canvas_char(&c, 0, 0), 0x2881);
	geo_canvas_dot(&c, 5, 5);	/* ignored */
	assert_int_equal(geo_canvas_char(&c, 5, 5), 0);
	geo_canvas_release(&c);

	assert_int_equal(geo_parse(geo_square, strlen(geo_square), &s,
	    &cause), 0);
	geo_canvas_init(&c, 20, 10);
	geo_fit(&s, 20, 10, &v);
	geo_canvas_outline(&c, &v, &s);
	/* The outline touches every border cell row; the middle is empty. */
	assert_int_not_equal(geo_canvas_char(&c, 10, 0), 0);
	assert_int_not_equal(geo_canvas_char(&c, 10, 9), 0);
	assert_int_equal(geo_canvas_char(&c, 10, 5), 0);
	for (r = 0; r < 10; r++)
		for (col = 0; col < 20; col++)
			set += geo_canvas_char(&c, col, r) != 0;
	assert_true(set >= 50 && set <= 60);
	geo_canvas_release(&c);
	geo_release(&s);
}

/* The shipped DRC outline loads and the sample sites fall inside. */
static void
test_geo_drc(void **state)
{
	struct geo_shape s;
	struct geo_view v;
	char path[4096], *cause = NULL;
	const char *dir;
	int dx, dy;

	(void)state;
	dir = getenv("VIGILORE_ASSETS");
	if (dir == NULL)
		dir = "assets";
	snprintf(path, sizeof path, "%s/map/drc-outline.geojson", dir);
	assert_int_equal(geo_load(path, &s, &cause), 0);
	assert_int_equal(s.npts, 122);
	assert_true(s.minlon > 12 && s.maxlon < 32);
	assert_true(s.minlat > -14 && s.maxlat < 6);
	geo_fit(&s, 40, 20, &v);
	/* Kinshasa is west, Lubumbashi south-east, Kibali north-east. */
	assert_true(geo_project(&v, 15.3136, -4.3276, &dx, &dy));
	assert_true(dx < 20);
	assert_true(geo_project(&v, 27.4792, -11.664, &dx, &dy));
	assert_true(dx > 50 && dy > 60);
	assert_true(geo_project(&v, 30.3822, 2.7619, &dx, &dy));
	assert_true(dx > 60 && dy < 20);
	geo_release(&s);
	assert_int_equal(geo_load("/nonexistent.geojson", &s, &cause), -1);
	assert_non_null(strstr(cause, "nonexistent"));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geo_parse_errors),
		cmocka_unit_test(test_geo_parse_square),
		cmocka_unit_test(test_geo_project),
		cmocka_unit_test(test_geo_canvas),
		cmocka_unit_test(test_geo_drc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
