/* SPDX-License-Identifier: MIT */
/*
 * Connections to the shared PostgreSQL server and its schema.
 *
 * Invariants: no message built here contains a password (servers are
 * named by their scrubbed conninfo, and whatever libpq says about the
 * conninfo passes pg_redact(), since a malformed or mistyped one makes
 * libpq quote pieces of it); every statement with outside values is
 * parameterised.
 * A struct pg belongs to one thread at a time.
 */
#include "db/pg.h"

#include <sys/socket.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/clock.h"
#include "core/base/log.h"
#include "core/base/xmalloc.h"
#include "db/pg_int.h"
#include "db/sync_tables.h"

/* Connection settings added unless the conninfo sets them. */
static const char *const pg_defaults[][2] = {
	{ "connect_timeout", "5" },
	{ "keepalives", "1" },
	{ "keepalives_idle", "5" },
	{ "keepalives_interval", "2" },
	{ "keepalives_count", "3" },
	{ "tcp_user_timeout", "10000" },
	{ "application_name", "vigilore" },
};

/* How often a connection attempt looks at its cancel callback. */
#define PG_CONNECT_SLICE_MS 100

/*
 * Reads "pg = VALUE" from the config file at PATH (the last such line,
 * where an empty VALUE turns an earlier one off; a VALUE wrapped whole
 * in double or single quotes is unwrapped, since no conninfo begins
 * with a quote); -1 if unreadable.
 */
static int
pg_config_read(const char *path, char **out, char **cause)
{
	FILE *f;
	char line[4096], *p, *e, *v;
	int err;

	*out = NULL;
	f = fopen(path, "r");
	if (f == NULL) {
		if (errno == ENOENT)
			return 0;
		*cause = xasprintf("cannot read '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	errno = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		p = line + strspn(line, " \t");
		if (strncmp(p, "pg", 2) != 0)
			continue;
		p += 2;
		p += strspn(p, " \t");
		if (*p != '=')
			continue;
		v = p + 1 + strspn(p + 1, " \t");
		e = v + strlen(v);
		while (e > v && (e[-1] == '\n' || e[-1] == '\r' ||
		    e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
		if (e - v >= 2 && (*v == '"' || *v == '\'') && e[-1] == *v) {
			*--e = '\0';
			v++;
		}
		/* The last line wins; an empty value means no server. */
		free(*out);
		*out = *v != '\0' ? xstrdup(v) : NULL;
	}
	/* A directory opens, and fails on the first read (EISDIR). */
	if (ferror(f)) {
		err = errno != 0 ? errno : EIO;
		fclose(f);
		free(*out);
		*out = NULL;
		*cause = xasprintf("cannot read '%s': %s", path,
		    strerror(err));
		return -1;
	}
	fclose(f);
	return *out != NULL;
}

char *
pg_config_path(void)
{
	const char *env, *home;

	env = getenv("VIGILORE_CONFIG");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if ((env = getenv("XDG_CONFIG_HOME")) != NULL && *env == '/')
		return xasprintf("%s/vigilore/config", env);
	home = getenv("HOME");
	return xasprintf("%s/.config/vigilore/config",
	    home != NULL && *home != '\0' ? home : ".");
}

int
pg_conninfo_resolve(const char *arg, char **out, char **cause)
{
	const char *env;
	char *path;
	int rc;

	*out = NULL;
	if (arg != NULL && *arg != '\0') {
		*out = xstrdup(arg);
		return 1;
	}
	env = getenv("DATABASE_URL");
	if (env != NULL && *env != '\0') {
		*out = xstrdup(env);
		return 1;
	}
	path = pg_config_path();
	rc = pg_config_read(path, out, cause);
	free(path);
	return rc;
}

/*
 * The password as the user typed it, however mistyped: the value of every
 * "password=" (quoted, or up to white space or '&'; when the whole
 * string does not parse, up to its end) and a URI's userinfo after
 * "user:" up to the last '@' (a '/', '@' or '?' left unencoded in it
 * makes libpq read part of the password as host, port or database, and
 * repeat it in its messages). NUL-separated regions in a buffer.
 */
static void
pg_secret_regions(const char *ci, int parsed, struct buf *b)
{
	const char *p, *s, *e, *at;

	for (p = ci; (p = strstr(p, "password")) != NULL; p = s) {
		s = p + 8;
		s += strspn(s, " \t");
		if (*s != '=')
			continue;
		s++;
		s += strspn(s, " \t");
		if (*s == '\'') {
			s++;
			for (e = s; *e != '\0' && *e != '\''; e++)
				if (*e == '\\' && e[1] != '\0')
					e++;
		} else if (!parsed)
			e = s + strlen(s);
		else
			e = s + strcspn(s, " \t\n&");
		buf_append(b, s, (size_t)(e - s));
		buf_putc(b, '\0');
	}
	p = NULL;
	if (strncmp(ci, "postgresql://", 13) == 0)
		p = ci + 13;
	else if (strncmp(ci, "postgres://", 11) == 0)
		p = ci + 11;
	if (p != NULL) {
		at = strrchr(p, '@');
		s = strchr(p, ':');
		if (at != NULL && s != NULL && s < at) {
			buf_append(b, s + 1, (size_t)(at - s - 1));
			buf_putc(b, '\0');
		}
	}
}

/*
 * MSG with every run of 3 or more characters that also occurs in one of
 * the secret regions of CONNINFO replaced by "***". Over-masking a host
 * name that shares letters with the password is the price of never
 * printing a piece of it.
 */
static char *
pg_redact(const char *conninfo, int parsed, const char *msg)
{
	struct buf rg, out;
	const char *m, *r;
	size_t best, n;
	char *res;

	buf_init(&rg, 0);
	pg_secret_regions(conninfo, parsed, &rg);
	if (rg.len == 0) {
		buf_release(&rg);
		return xstrdup(msg);
	}
	buf_init(&out, 0);
	m = msg;
	while (*m != '\0') {
		best = 0;
		for (r = rg.data; r < rg.data + rg.len;
		    r += strlen(r) + 1) {
			for (; *r != '\0'; r++) {
				for (n = 0; m[n] != '\0' && r[n] != '\0' &&
				    m[n] == r[n]; n++)
					;
				if (n > best)
					best = n;
			}
		}
		if (best >= 3) {
			buf_puts(&out, "***");
			m += best;
		} else {
			buf_putc(&out, *m);
			m++;
		}
	}
	res = buf_detach(&out);
	buf_release(&out);
	buf_release(&rg);
	return res;
}

char *
pg_conninfo_scrub(const char *conninfo)
{
	static const char *const keep[] = {
		"host", "hostaddr", "port", "dbname", "user", "sslmode", NULL
	};
	PQconninfoOption *opts, *o;
	struct buf b;
	char *err = NULL, *out, *raw;
	size_t i;

	opts = PQconninfoParse(conninfo, &err);
	if (opts == NULL) {
		PQfreemem(err);
		return xstrdup("(malformed conninfo)");
	}
	buf_init(&b, 0);
	for (i = 0; keep[i] != NULL; i++) {
		for (o = opts; o->keyword != NULL; o++) {
			if (strcmp(o->keyword, keep[i]) != 0 ||
			    o->val == NULL || *o->val == '\0')
				continue;
			buf_printf(&b, "%s%s=%s", b.len > 0 ? " " : "",
			    o->keyword, o->val);
		}
	}
	PQconninfoFree(opts);
	if (b.len == 0)
		buf_puts(&b, "(libpq defaults)");
	raw = buf_detach(&b);
	buf_release(&b);
	out = pg_redact(conninfo, 1, raw);
	free(raw);
	return out;
}

/* The first line of libpq's message, without its newline. */
static char *
pg_message(const char *msg)
{
	size_t n;

	if (msg == NULL || *msg == '\0')
		return xstrdup("unknown error");
	n = strcspn(msg, "\n");
	return xstrndup(msg, n);
}

enum db_status
pg_fail(struct pg *pg, const PGresult *res, const char *what, char **cause)
{
	const char *state = NULL, *msg;
	enum db_status st = DB_ERROR;
	char *m;

	if (res != NULL) {
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		msg = PQresultErrorMessage(res);
		if (msg == NULL || *msg == '\0')
			msg = PQerrorMessage(pg->conn);
	} else
		msg = PQerrorMessage(pg->conn);
	if (PQstatus(pg->conn) != CONNECTION_OK)
		st = DB_OFFLINE;
	else if (state != NULL) {
		if (strncmp(state, "08", 2) == 0 ||
		    strncmp(state, "57P", 3) == 0)
			st = DB_OFFLINE;
		else if (strcmp(state, "40001") == 0 ||
		    strcmp(state, "40P01") == 0 ||
		    strcmp(state, "55P03") == 0)
			st = DB_BUSY;
		else if (strncmp(state, "22", 2) == 0 ||
		    strncmp(state, "23", 2) == 0)
			st = DB_CONFLICT;	/* the data, not the server */
	} else if (res == NULL)
		st = DB_OFFLINE;
	m = pg_message(msg);
	if (cause != NULL)
		*cause = xasprintf("server '%s': %s: %s", pg->name, what, m);
	free(m);
	return st;
}

PGresult *
pg_query(struct pg *pg, const char *sql, int nparams,
    const char *const *params, ExecStatusType want, enum db_status *st,
    char **cause)
{
	PGresult *res;

	res = PQexecParams(pg->conn, sql, nparams, NULL, params, NULL, NULL,
	    0);
	if (res == NULL || PQresultStatus(res) != want) {
		*st = pg_fail(pg, res, "query failed", cause);
		PQclear(res);
		return NULL;
	}
	*st = DB_OK;
	return res;
}

enum db_status
pg_exec(struct pg *pg, const char *sql, char **cause)
{
	PGresult *res;
	enum db_status st;

	res = PQexec(pg->conn, sql);
	if (res == NULL || (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK)) {
		st = pg_fail(pg, res, "query failed", cause);
		PQclear(res);
		return st;
	}
	PQclear(res);
	return DB_OK;
}

/* Notices (e.g. "relation already exists, skipping") go to the log. */
static void
pg_notice(void *arg, const char *msg)
{
	(void)arg;
	log_debug("server notice: %.*s", (int)strcspn(msg, "\n"), msg);
}

/*
 * libpq's connect_timeout of the settings KW/VAL (else
 * $PGCONNECT_TIMEOUT) in milliseconds, 0 for none; as libpq reads it, a
 * value of 1 means 2 seconds.
 */
static int64_t
pg_connect_timeout(const char *const *kw, const char *const *val)
{
	const char *v = NULL;
	long n;
	size_t i;

	for (i = 0; kw[i] != NULL; i++) {
		if (strcmp(kw[i], "connect_timeout") == 0)
			v = val[i];
	}
	if (v == NULL)
		v = getenv("PGCONNECT_TIMEOUT");
	if (v == NULL || *v == '\0')
		return 0;
	n = strtol(v, NULL, 10);
	if (n <= 0)
		return 0;
	return (n < 2 ? 2 : n) * 1000LL;
}

/*
 * Drives the connection attempt CONN to its end: DB_OK once it is up,
 * else DB_OFFLINE with *WHY set ("cancelled", "timeout expired") or left
 * NULL when libpq itself gave up (its message says why). TIMEOUT (ms, 0 =
 * none) bounds the whole attempt, every host tried included; CANCEL(ARG)
 * is asked every PG_CONNECT_SLICE_MS, so a stop never waits on a server
 * that accepted the connection and then said nothing.
 */
static enum db_status
pg_connect_wait(PGconn *conn, int64_t timeout, int (*cancel)(void *),
    void *arg, const char **why)
{
	PostgresPollingStatusType ps = PGRES_POLLING_WRITING;
	struct pollfd pfd;
	int64_t deadline, left;
	int n, slice;

	*why = NULL;
	deadline = timeout > 0 ? clock_mono_ms() + timeout : 0;
	if (PQstatus(conn) == CONNECTION_BAD)
		return DB_OFFLINE;
	while (ps != PGRES_POLLING_OK) {
		if (ps == PGRES_POLLING_FAILED)
			return DB_OFFLINE;
		pfd.fd = PQsocket(conn);
		pfd.events = ps == PGRES_POLLING_READING ? POLLIN : POLLOUT;
		for (;;) {
			if (cancel != NULL && cancel(arg)) {
				*why = "cancelled";
				return DB_OFFLINE;
			}
			slice = PG_CONNECT_SLICE_MS;
			if (deadline != 0) {
				left = deadline - clock_mono_ms();
				if (left <= 0) {
					*why = "timeout expired";
					return DB_OFFLINE;
				}
				if (left < slice)
					slice = (int)left;
			}
			pfd.revents = 0;
			n = poll(&pfd, 1, slice);
			if (n > 0)
				break;
			if (n == -1 && errno != EINTR) {
				*why = strerror(errno);
				return DB_OFFLINE;
			}
		}
		ps = PQconnectPoll(conn);
	}
	return DB_OK;
}

enum db_status
pg_open(const char *conninfo, struct pg **out, char **cause)
{
	return pg_open_cancel(conninfo, NULL, NULL, out, cause);
}

enum db_status
pg_open_cancel(const char *conninfo, int (*cancel)(void *), void *arg,
    struct pg **out, char **cause)
{
	PQconninfoOption *opts, *o;
	const char **kw, **val, *why;
	struct pg *pg;
	enum db_status st;
	char *err = NULL, *m, *red;
	size_t n, i, k;
	int64_t timeout;
	int have;

	*out = NULL;
	opts = PQconninfoParse(conninfo, &err);
	if (opts == NULL) {
		m = pg_message(err);
		red = pg_redact(conninfo, 0, m);
		*cause = xasprintf("bad server conninfo: %s", red);
		free(red);
		free(m);
		PQfreemem(err);
		return DB_ERROR;
	}
	for (n = 0, o = opts; o->keyword != NULL; o++)
		n++;
	n += sizeof pg_defaults / sizeof pg_defaults[0] + 1;
	kw = xcalloc(n, sizeof *kw);
	val = xcalloc(n, sizeof *val);
	k = 0;
	for (o = opts; o->keyword != NULL; o++) {
		if (o->val == NULL)
			continue;
		kw[k] = o->keyword;
		val[k++] = o->val;
	}
	for (i = 0; i < sizeof pg_defaults / sizeof pg_defaults[0]; i++) {
		have = 0;
		for (o = opts; o->keyword != NULL; o++) {
			if (strcmp(o->keyword, pg_defaults[i][0]) == 0 &&
			    o->val != NULL)
				have = 1;
		}
		if (!have && getenv("PGCONNECT_TIMEOUT") != NULL &&
		    strcmp(pg_defaults[i][0], "connect_timeout") == 0)
			have = 1;
		if (!have) {
			kw[k] = pg_defaults[i][0];
			val[k++] = pg_defaults[i][1];
		}
	}
	kw[k] = NULL;
	val[k] = NULL;

	pg = xcalloc(1, sizeof *pg);
	pg->name = pg_conninfo_scrub(conninfo);
	/*
	 * Not PQconnectdbParams(): it blocks for the whole connect timeout
	 * on a server that accepts and never answers, deaf to a stop.
	 */
	timeout = pg_connect_timeout(kw, val);
	pg->conn = PQconnectStartParams(kw, val, 0);
	free(kw);
	free(val);
	why = "out of memory";
	st = pg->conn != NULL ? pg_connect_wait(pg->conn, timeout, cancel,
	    arg, &why) : DB_OFFLINE;
	PQconninfoFree(opts);
	if (st != DB_OK || PQstatus(pg->conn) != CONNECTION_OK) {
		m = why != NULL ? xstrdup(why) :
		    pg_message(PQerrorMessage(pg->conn));
		red = pg_redact(conninfo, 1, m);
		*cause = xasprintf("cannot connect to server '%s': %s",
		    pg->name, red);
		free(red);
		free(m);
		pg_close(pg);
		return DB_OFFLINE;
	}
	PQsetNoticeProcessor(pg->conn, pg_notice, NULL);
	st = pg_exec(pg, "SET statement_timeout = 60000;"
	    "SET idle_in_transaction_session_timeout = 60000;"
	    "SET lock_timeout = 30000;"
	    "SET client_min_messages = warning", cause);
	if (st != DB_OK) {
		pg_close(pg);
		return st;
	}
	*out = pg;
	return DB_OK;
}

void
pg_close(struct pg *pg)
{
	if (pg == NULL)
		return;
	if (pg->conn != NULL)
		PQfinish(pg->conn);
	free(pg->name);
	free(pg);
}

const char *
pg_name(const struct pg *pg)
{
	return pg->name;
}

int
pg_ok(const struct pg *pg)
{
	return pg != NULL && PQstatus(pg->conn) == CONNECTION_OK;
}

int
pg_socket(const struct pg *pg)
{
	return PQsocket(pg->conn);
}

int
pg_socket_silence(int sock, int64_t *ms)
{
#ifdef TCP_INFO
	struct tcp_info ti;
	socklen_t len = sizeof ti;

	*ms = 0;
	memset(&ti, 0, sizeof ti);
	if (sock < 0 || getsockopt(sock, IPPROTO_TCP, TCP_INFO, &ti,
	    &len) == -1 || len < offsetof(struct tcp_info,
	    tcpi_last_data_recv) + sizeof ti.tcpi_last_data_recv)
		return -1;
	/*
	 * The times are "milliseconds ago" of the last segment carrying
	 * data, either way (keepalive probes and bare ACKs carry none).
	 * Every client message but COPY data is answered, so when we sent
	 * last, the server owes us bytes and has kept silent since then.
	 * Both are counted in kernel ticks (1 to 10 ms): a request sent in
	 * the tick its predecessor's answer came in (a quick client on
	 * loopback) shows equal times, and counts as owed; read the other
	 * way, a server frozen on such a request was never noticed.
	 */
	if (ti.tcpi_last_data_sent > ti.tcpi_last_data_recv)
		return 0;
	*ms = ti.tcpi_last_data_sent;
	return 1;
#else
	*ms = 0;
	(void)sock;
	return -1;
#endif
}

enum db_status
pg_listen(struct pg *pg, char **cause)
{
	enum db_status st;

	st = pg_exec(pg, "LISTEN " PG_CHANNEL, cause);
	if (st == DB_OK)
		pg->listening = 1;
	return st;
}

int
pg_notifications(struct pg *pg, const char *self)
{
	PGnotify *n;
	const char *sp;
	int count = 0;

	if (PQconsumeInput(pg->conn) == 0 ||
	    PQstatus(pg->conn) != CONNECTION_OK)
		return -1;
	while ((n = PQnotifies(pg->conn)) != NULL) {
		/* Payload: "BATCH DEVICE". */
		sp = strchr(n->extra, ' ');
		if (self == NULL || sp == NULL || strcmp(sp + 1, self) != 0)
			count++;
		PQfreemem(n);
	}
	return count;
}

/* 1 when COL is one of the merge key columns of T ("a" or "a, b"). */
static int
pg_col_is_key(const struct sync_table *t, const char *col)
{
	const char *k = t->key, *end;
	size_t len = strlen(col);

	while (*k != '\0') {
		end = strchr(k, ',');
		if (end == NULL)
			end = k + strlen(k);
		if ((size_t)(end - k) == len && strncmp(k, col, len) == 0)
			return 1;
		k = *end == ',' ? end + 1 : end;
		while (*k == ' ')
			k++;
	}
	return 0;
}

/*
 * SQL type of column C of T. Indexed text (ids, merge keys, HLC stamps)
 * compares bytewise (COLLATE "C"): the same order as the C.UTF-8 locale,
 * without a strcoll() per comparison in every index insertion.
 */
static const char *
pg_col_type(const struct sync_table *t, size_t c)
{
	const char *col = t->cols[c];

	if (strcmp(col, "hlc") == 0 || strcmp(col, "id") == 0 ||
	    strcmp(col, "device") == 0)
		return "text COLLATE \"C\" NOT NULL";
	switch (t->types[c]) {
	case SYNC_COL_INT:
		return "bigint";
	case SYNC_COL_REAL:
		return "double precision";
	default:
		return pg_col_is_key(t, col) ? "text COLLATE \"C\"" : "text";
	}
}

/* Version 1 of the server schema, built from the table descriptions. */
static char *
pg_schema_v1(void)
{
	const struct sync_table *t;
	struct buf b;
	char *out;
	size_t i, c;

	buf_init(&b, 0);
	buf_puts(&b,
	    "CREATE TABLE vosync.server ("
	    "  key text PRIMARY KEY, value text NOT NULL);"
	    "INSERT INTO vosync.server VALUES"
	    "  ('server_id', gen_random_uuid()::text),"
	    "  ('created_at', now()::text);"
	    /* One row per applied push batch: the idempotence record. */
	    "CREATE TABLE vosync.batches ("
	    "  id uuid PRIMARY KEY,"
	    "  device text NOT NULL,"
	    "  nrows integer NOT NULL DEFAULT 0,"
	    "  nquarantined integer NOT NULL DEFAULT 0,"
	    "  received_at timestamptz NOT NULL DEFAULT now());"
	    "CREATE INDEX batches_device ON vosync.batches(device,"
	    "  received_at);"
	    /* Every version of every row that reached the server. */
	    "CREATE TABLE vosync.row_versions ("
	    "  tbl text NOT NULL,"
	    "  row_id text NOT NULL,"
	    "  hlc text COLLATE \"C\" NOT NULL,"
	    "  device text NOT NULL,"
	    "  batch uuid NOT NULL,"
	    "  received_at timestamptz NOT NULL DEFAULT now(),"
	    "  body jsonb NOT NULL,"
	    "  PRIMARY KEY (tbl, row_id, hlc));"
	    /* Records refused by a push, kept and shown, never blocking. */
	    "CREATE TABLE vosync.quarantine ("
	    "  id bigserial PRIMARY KEY,"
	    "  batch uuid NOT NULL,"
	    "  device text NOT NULL,"
	    "  tbl text NOT NULL,"
	    "  row_id text,"
	    "  hlc text,"
	    "  reason text NOT NULL,"
	    "  body jsonb,"
	    "  received_at timestamptz NOT NULL DEFAULT now(),"
	    "  UNIQUE (batch, tbl, row_id));"
	    "CREATE TABLE vosync.devices ("
	    "  device text PRIMARY KEY,"
	    "  first_seen timestamptz NOT NULL DEFAULT now(),"
	    "  last_seen timestamptz NOT NULL DEFAULT now(),"
	    "  last_batch uuid,"
	    "  clock_skew_ms bigint,"
	    "  rows_pushed bigint NOT NULL DEFAULT 0);");
	for (i = 0; i < sync_tables_count; i++) {
		t = &sync_tables[i];
		if (t->via != NULL)
			continue;
		buf_printf(&b, "CREATE TABLE vosync.%s (", t->name);
		for (c = 0; t->cols[c] != NULL; c++)
			buf_printf(&b, "%s %s, ", t->cols[c],
			    pg_col_type(t, c));
		/*
		 * srv_xid: the transaction that last wrote the row (its
		 * 64-bit id, as a bigint), for the pull cursor; srv_time: the server's clock at that
		 * moment, kept beside the device's own times.
		 */
		/*
		 * The defaults serve rows copied straight into the table (a
		 * push's append-only rows): the writing transaction and the
		 * batch it set with set_config('vosync.batch', id, true).
		 */
		buf_printf(&b, "srv_xid bigint NOT NULL"
		    " DEFAULT " PG_XACT_ID ","
		    " srv_time timestamptz NOT NULL DEFAULT now(),"
		    " srv_batch uuid DEFAULT NULLIF(current_setting("
		    "'vosync.batch', true), '')::uuid,");
		/*
		 * A composite merge key (answers: session and question) is
		 * the row's identity: the winner's id is stored with it, and
		 * a second unique index on id would only cost every push.
		 */
		if (strchr(t->key, ',') != NULL) {
			buf_printf(&b, " PRIMARY KEY (%s));", t->key);
		} else
			buf_puts(&b, " PRIMARY KEY (id));");
		if (strcmp(t->key, "id") != 0 && strchr(t->key, ',') == NULL)
			buf_printf(&b, "CREATE UNIQUE INDEX %s_key ON "
			    "vosync.%s(%s);", t->name, t->name, t->key);
		/*
		 * A B-tree, even on the append-only history: a BRIN index
		 * would be cheaper per insert, but until (auto)vacuum has
		 * summarised the newest pages every pull reads all of them
		 * (measured: notification latency 11 ms -> 88 ms right after
		 * a 100k-answer push).
		 */
		buf_printf(&b, "CREATE INDEX %s_xid ON vosync.%s(srv_xid);",
		    t->name, t->name);
	}
	/*
	 * A table kept as rows of another (answers as answer_history): the
	 * newest HLC per merge key, the same rule as every upsert, read at
	 * query time; the row carries its winning version's server columns.
	 */
	for (i = 0; i < sync_tables_count; i++) {
		t = &sync_tables[i];
		if (t->via == NULL)
			continue;
		buf_printf(&b, "CREATE VIEW vosync.%s AS SELECT DISTINCT ON "
		    "(%s) ", t->name, t->key);
		sync_tables_via_cols(t, &b, 1);
		buf_printf(&b, ", srv_xid, srv_time, srv_batch FROM vosync.%s "
		    "ORDER BY %s, hlc DESC;", t->via, t->key);
	}
	/* What the dashboard and the monitoring queries read. */
	buf_puts(&b,
	    "CREATE INDEX sessions_status ON vosync.sessions(status,"
	    "  updated_at);"
	    "CREATE INDEX jobs_status ON vosync.jobs(status, created_at);"
	    "CREATE INDEX reports_site ON vosync.reports(site_code,"
	    "  audit_date, score);"
	    "CREATE INDEX reports_date ON vosync.reports(audit_date, score);"
	    "CREATE INDEX findings_report ON vosync.findings(report_uuid,"
	    "  seq);"
	    "CREATE INDEX findings_status ON vosync.findings(framework,"
	    "  status);");
	out = buf_detach(&b);
	buf_release(&b);
	return out;
}

/*
 * The server's own tables (the travelling ones come from sync_tables):
 * a name, then its columns, space-separated.
 */
static const char *const pg_fixed_tables[][2] = {
	{ "meta", "key value" },
	{ "server", "key value" },
	{ "batches", "id device nrows nquarantined received_at" },
	{ "row_versions", "tbl row_id hlc device batch received_at body" },
	{ "quarantine", "id batch device tbl row_id hlc reason body "
	  "received_at" },
	{ "devices", "device first_seen last_seen last_batch clock_skew_ms "
	  "rows_pushed" },
};

#define PG_TAMPERED "the server schema was changed outside vigilore; " \
	"restore it from a backup"

/* DB_OK when HAVE (" col col ... ") has the column of N bytes at COL. */
static enum db_status
pg_schema_col(struct pg *pg, const char *have, const char *kind,
    const char *name, const char *col, size_t n, char **cause)
{
	char want[128];

	snprintf(want, sizeof want, " %.*s ", (int)n, col);
	if (strstr(have, want) != NULL)
		return DB_OK;
	*cause = xasprintf("server '%s': %s 'vosync.%s' has no column "
	    "'%.*s': " PG_TAMPERED, pg->name, kind, name, (int)n, col);
	return DB_ERROR;
}

/*
 * The relation NAME among the rows of RES (relname, " col col ... "),
 * checked for the columns of COLS (space-separated) or CV (an array) and
 * for the server columns when SRV. DB_ERROR and *cause naming the first
 * thing missing.
 */
static enum db_status
pg_schema_has(struct pg *pg, PGresult *res, const char *kind,
    const char *name, const char *cols, const char *const *cv, int srv,
    char **cause)
{
	static const char *const srvcols[] = {
		"srv_xid", "srv_time", "srv_batch", NULL
	};
	const char *have = NULL, *c;
	enum db_status st = DB_OK;
	size_t n;
	int i;

	for (i = 0; i < PQntuples(res); i++) {
		if (strcmp(PQgetvalue(res, i, 0), name) == 0)
			have = PQgetvalue(res, i, 1);
	}
	if (have == NULL) {
		*cause = xasprintf("server '%s': %s 'vosync.%s' is missing: "
		    PG_TAMPERED, pg->name, kind, name);
		return DB_ERROR;
	}
	for (c = cols; st == DB_OK && c != NULL && *c != '\0'; c += n) {
		c += strspn(c, " ");
		n = strcspn(c, " ");
		if (n > 0)
			st = pg_schema_col(pg, have, kind, name, c, n, cause);
	}
	for (i = 0; st == DB_OK && cv != NULL && cv[i] != NULL; i++)
		st = pg_schema_col(pg, have, kind, name, cv[i],
		    strlen(cv[i]), cause);
	for (i = 0; st == DB_OK && srv && srvcols[i] != NULL; i++)
		st = pg_schema_col(pg, have, kind, name, srvcols[i],
		    strlen(srvcols[i]), cause);
	return st;
}

/*
 * Checks that every table and view of the schema is there with every
 * column this program reads or writes (the version row alone does not
 * say so: the schema may have been changed by hand).
 */
static enum db_status
pg_schema_verify(struct pg *pg, char **cause)
{
	const struct sync_table *t;
	PGresult *res;
	enum db_status st;
	size_t i;

	res = pg_query(pg, "SELECT c.relname, ' ' || string_agg(a.attname, "
	    "' ') || ' ' FROM pg_class c JOIN pg_namespace n ON n.oid = "
	    "c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid "
	    "WHERE n.nspname = 'vosync' AND c.relkind IN ('r', 'p', 'v') "
	    "AND a.attnum > 0 AND NOT a.attisdropped GROUP BY c.relname",
	    0, NULL, PGRES_TUPLES_OK, &st, cause);
	if (res == NULL)
		return st;
	st = DB_OK;
	for (i = 0; st == DB_OK &&
	    i < sizeof pg_fixed_tables / sizeof pg_fixed_tables[0]; i++)
		st = pg_schema_has(pg, res, "table", pg_fixed_tables[i][0],
		    pg_fixed_tables[i][1], NULL, 0, cause);
	for (i = 0; st == DB_OK && i < sync_tables_count; i++) {
		t = &sync_tables[i];
		st = pg_schema_has(pg, res, t->via != NULL ? "view" : "table",
		    t->name, NULL, t->cols, 1, cause);
	}
	PQclear(res);
	return st;
}

/*
 * The schema version found on the server; 0 when none. -1 on error,
 * a version row that is not a number or missing from a schema that has
 * tables included (changed by hand: neither creating the schema over it
 * nor "run db init" would help).
 */
static int
pg_schema_version(struct pg *pg, enum db_status *st, char **cause)
{
	PGresult *res;
	const char *txt;
	char *end;
	long v = 0;

	res = pg_query(pg, "SELECT to_regclass('vosync.meta') IS NOT NULL, "
	    "to_regclass('vosync.server') IS NOT NULL", 0, NULL,
	    PGRES_TUPLES_OK, st, cause);
	if (res == NULL)
		return -1;
	if (strcmp(PQgetvalue(res, 0, 0), "t") != 0) {
		if (strcmp(PQgetvalue(res, 0, 1), "t") == 0) {
			PQclear(res);
			goto noversion;
		}
		PQclear(res);
		return 0;
	}
	PQclear(res);
	res = pg_query(pg, "SELECT value, to_regclass('vosync.server') IS "
	    "NOT NULL FROM vosync.meta RIGHT JOIN (VALUES (1)) one ON key = "
	    "'schema_version'", 0, NULL, PGRES_TUPLES_OK, st, cause);
	if (res == NULL)
		return -1;
	if (PQgetisnull(res, 0, 0)) {
		if (strcmp(PQgetvalue(res, 0, 1), "t") == 0) {
			PQclear(res);
			goto noversion;
		}
		PQclear(res);
		return 0;
	}
	txt = PQgetvalue(res, 0, 0);
	errno = 0;
	v = strtol(txt, &end, 10);
	if (*txt == '\0' || *end != '\0' || errno != 0 || v < 0 ||
	    v > 1000000) {
		*cause = xasprintf("server '%s': schema version '%s' in "
		    "vosync.meta is not a number: " PG_TAMPERED, pg->name,
		    txt);
		PQclear(res);
		*st = DB_ERROR;
		return -1;
	}
	PQclear(res);
	return (int)v;
noversion:
	*cause = xasprintf("server '%s': the schema 'vosync' has tables but "
	    "no schema version in vosync.meta: " PG_TAMPERED, pg->name);
	*st = DB_ERROR;
	return -1;
}

enum db_status
pg_schema_init(struct pg *pg, int *from, char **cause)
{
	enum db_status st;
	char *sql, *v;
	int ver;

	*from = 0;
	/*
	 * The advisory lock serialises concurrent inits before anything is
	 * looked at, so the second one sees the first one's work.
	 */
	st = pg_exec(pg, "BEGIN;"
	    "SELECT pg_advisory_xact_lock(7236981404);"
	    "CREATE SCHEMA IF NOT EXISTS vosync;"
	    "CREATE TABLE IF NOT EXISTS vosync.meta ("
	    "  key text PRIMARY KEY, value text NOT NULL)", cause);
	if (st != DB_OK)
		goto fail;
	ver = pg_schema_version(pg, &st, cause);
	if (ver < 0)
		goto fail;
	*from = ver;
	if (ver > PG_SCHEMA_VERSION) {
		*cause = xasprintf("server '%s' has schema version %d, newer "
		    "than this program's %d: upgrade vigilore", pg->name, ver,
		    PG_SCHEMA_VERSION);
		st = DB_ERROR;
		goto fail;
	}
	if (ver < 1) {
		sql = pg_schema_v1();
		st = pg_exec(pg, sql, cause);
		free(sql);
		if (st != DB_OK)
			goto fail;
	}
	/* Later steps: if (ver < 2) { ... } */
	st = pg_schema_verify(pg, cause);
	if (st != DB_OK)
		goto fail;
	v = xasprintf("INSERT INTO vosync.meta VALUES ('schema_version', "
	    "'%d') ON CONFLICT (key) DO UPDATE SET value = excluded.value;"
	    "COMMIT", PG_SCHEMA_VERSION);
	st = pg_exec(pg, v, cause);
	free(v);
	if (st != DB_OK)
		goto fail;
	if (ver < PG_SCHEMA_VERSION)
		log_info("server '%s': schema %d -> %d", pg->name, ver,
		    PG_SCHEMA_VERSION);
	return DB_OK;
fail:
	pg_exec(pg, "ROLLBACK", NULL);
	return st;
}

enum db_status
pg_schema_check(struct pg *pg, char **cause)
{
	enum db_status st;
	int v;

	v = pg_schema_version(pg, &st, cause);
	if (v < 0)
		return st;
	if (v > PG_SCHEMA_VERSION) {
		*cause = xasprintf("server '%s' has schema version %d, newer "
		    "than this program's %d: upgrade vigilore", pg->name, v,
		    PG_SCHEMA_VERSION);
		return DB_ERROR;
	}
	if (v != PG_SCHEMA_VERSION) {
		*cause = xasprintf("server '%s' has schema version %d, this "
		    "program needs %d: run 'vigilore db init --pg'", pg->name,
		    v, PG_SCHEMA_VERSION);
		return DB_ERROR;
	}
	return pg_schema_verify(pg, cause);
}

enum db_status
pg_stats_json(struct pg *pg, char **out, char **cause)
{
	static const char sql[] =
	    "SELECT json_build_object("
	    " 'server_id', (SELECT value FROM vosync.server"
	    "   WHERE key = 'server_id'),"
	    " 'schema_version', (SELECT value::int FROM vosync.meta"
	    "   WHERE key = 'schema_version'),"
	    " 'tables', (SELECT json_object_agg(relname, json_build_object("
	    "   'rows', n_live_tup, 'dead', n_dead_tup,"
	    "   'last_autovacuum', last_autovacuum) ORDER BY relname)"
	    "   FROM pg_stat_user_tables WHERE schemaname = 'vosync'),"
	    " 'counts', json_build_object("
	    "   'sites', (SELECT count(*) FROM vosync.sites),"
	    "   'sessions', (SELECT count(*) FROM vosync.sessions),"
	    "   'answers', (SELECT count(*) FROM vosync.answers),"
	    "   'answer_history', (SELECT count(*) FROM"
	    "     vosync.answer_history),"
	    "   'reports', (SELECT count(*) FROM vosync.reports),"
	    "   'findings', (SELECT count(*) FROM vosync.findings),"
	    "   'jobs', (SELECT count(*) FROM vosync.jobs),"
	    "   'row_versions', (SELECT count(*) FROM vosync.row_versions),"
	    "   'batches', (SELECT count(*) FROM vosync.batches),"
	    "   'quarantined', (SELECT count(*) FROM vosync.quarantine)),"
	    " 'active_sessions', (SELECT count(*) FROM vosync.sessions"
	    "   WHERE status IN ('in_progress', 'paused')),"
	    " 'jobs_by_status', (SELECT coalesce(json_object_agg(status, n),"
	    "   '{}') FROM (SELECT status, count(*) AS n FROM vosync.jobs"
	    "   GROUP BY status) j),"
	    " 'audits_per_day', (SELECT coalesce(json_agg(json_build_object("
	    "   'date', audit_date, 'reports', n) ORDER BY audit_date DESC),"
	    "   '[]') FROM (SELECT audit_date, count(*) AS n FROM"
	    "   vosync.reports GROUP BY audit_date ORDER BY audit_date DESC"
	    "   LIMIT 30) d),"
	    " 'devices', (SELECT coalesce(json_agg(json_build_object("
	    "   'device', device, 'last_seen', last_seen, 'rows_pushed',"
	    "   rows_pushed, 'clock_skew_ms', clock_skew_ms)"
	    "   ORDER BY last_seen DESC), '[]') FROM vosync.devices),"
	    " 'oldest_transaction_s', (SELECT coalesce(extract(epoch FROM"
	    "   max(now() - xact_start))::bigint, 0) FROM pg_stat_activity"
	    "   WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid()),"
	    " 'connections', (SELECT count(*) FROM pg_stat_activity"
	    "   WHERE datname = current_database()))";
	PGresult *res;
	enum db_status st;

	*out = NULL;
	st = pg_schema_check(pg, cause);
	if (st != DB_OK)
		return st;
	res = pg_query(pg, sql, 0, NULL, PGRES_TUPLES_OK, &st, cause);
	if (res == NULL)
		return st;
	*out = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return DB_OK;
}
