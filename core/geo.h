/* SPDX-License-Identifier: MIT */
#ifndef VO_GEO_H
#define VO_GEO_H

/*
 * Map outlines for the dashboard: a GeoJSON boundary (longitude,
 * latitude) is read once, projected (equirectangular, with longitude
 * scaled by the cosine of the middle latitude so the shape keeps its
 * proportions) and rasterised into braille cells: each terminal cell holds
 * 2x4 dots, and as a cell is about twice as tall as it is wide the dots
 * are square. Pure code apart from geo_load(); no curses here (the TUI
 * turns cells into characters). Any thread; no shared state.
 */

#include <stddef.h>

struct geo_point {
	double	 lon;
	double	 lat;
};

struct geo_shape {
	struct geo_point *pts;		/* every ring, one after the other */
	size_t		  npts;
	size_t		 *rings;	/* start index of each ring */
	size_t		  nrings;
	double		  minlon, maxlon, minlat, maxlat;
};

/* How lon/lat map to dots of a canvas COLS x ROWS cells (2x4 dots each). */
struct geo_view {
	double	 minlon, maxlat;	/* top-left corner */
	double	 kx;			/* cos(middle latitude) */
	double	 scale;			/* dots per degree */
	double	 offx, offy;		/* centring offsets in dots */
	int	 dotw, doth;		/* canvas size in dots */
};

struct geo_canvas {
	int		 cols, rows;
	unsigned char	*cells;		/* braille dot bits, cols * rows */
};

/*
 * Parses GeoJSON text (a FeatureCollection, a Feature or a bare
 * Polygon/MultiPolygon) into *shape (OUT; release with geo_release).
 * Returns 0, or -1 and an owned *cause.
 */
int	 geo_parse(const char *text, size_t len, struct geo_shape *shape,
	    char **cause);
/* Same, from the file PATH. */
int	 geo_load(const char *path, struct geo_shape *shape, char **cause);
void	 geo_release(struct geo_shape *);

/* Fits SHAPE into a canvas of COLS x ROWS cells, centred. */
void	 geo_fit(const struct geo_shape *, int cols, int rows,
	    struct geo_view *view /* OUT */);
/*
 * Projects a coordinate to dot (*dx, *dy) (OUT). Returns 1 when the dot
 * falls inside the canvas, 0 otherwise.
 */
int	 geo_project(const struct geo_view *, double lon, double lat,
	    int *dx, int *dy);

/* A canvas with every cell empty; COLS or ROWS below 1 gives 1. */
void	 geo_canvas_init(struct geo_canvas *, int cols, int rows);
void	 geo_canvas_release(struct geo_canvas *);
/* Sets the dot (DX, DY); dots outside the canvas are ignored. */
void	 geo_canvas_dot(struct geo_canvas *, int dx, int dy);
/* Draws every ring of SHAPE as connected line segments. */
void	 geo_canvas_outline(struct geo_canvas *, const struct geo_view *,
	    const struct geo_shape *);
/* The code point of cell (COL, ROW): U+2800 + dot bits, or 0 if empty. */
unsigned int geo_canvas_char(const struct geo_canvas *, int col, int row);

#endif
