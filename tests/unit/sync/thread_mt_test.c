/* SPDX-License-Identifier: MIT */
/*
 * The sync thread without a server: it reports offline with the reason,
 * wakes the UI's descriptor, backs off, takes kicks from any thread and
 * stops promptly, even in the middle of connecting to a server that
 * accepted the connection and never answers. Runs under ThreadSanitizer too (the _mt_ suffix).
 */
#include <sys/socket.h>

#include <netinet/in.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "core/sync.h"
#include "db/store.h"
#include "tests/unit/fixture.h"

struct thread_test {
	char		 dir[64];
	char		*path;
	int		 wake[2];
};

static int
setup(void **state)
{
	struct thread_test *t = xcalloc(1, sizeof *t);
	struct store *s;
	char *cause = NULL;

	snprintf(t->dir, sizeof t->dir, "/tmp/vo-sync-mt.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	t->path = xasprintf("%s/store.db", t->dir);
	assert_int_equal(store_open(t->path, &s, &cause), DB_OK);
	store_close(s);
	assert_int_equal(pipe(t->wake), 0);
	fcntl(t->wake[0], F_SETFL, O_NONBLOCK);
	fcntl(t->wake[1], F_SETFL, O_NONBLOCK);
	/* Quick back-off so the test sees several attempts. */
	setenv("VIGILORE_SYNC_BACKOFF_MAX_MS", "200", 1);
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct thread_test *t = *state;

	close(t->wake[0]);
	close(t->wake[1]);
	fixture_unlink_store(t->path);
	rmdir(t->dir);
	free(t->path);
	free(t);
	return 0;
}

/* Kicks from another thread while the sync thread runs. */
static void *
kicker(void *arg)
{
	struct sync *sy = arg;
	struct sync_status st;
	int i;

	for (i = 0; i < 200; i++) {
		sync_kick(sy);
		sync_get(sy, &st);
	}
	return NULL;
}

static void
test_offline(void **state)
{
	struct thread_test *t = *state;
	struct sync_status st;
	struct pollfd pfd;
	struct sync *sy;
	pthread_t k;
	char *cause = NULL, buf[64];
	int64_t until;
	int woken = 0;

	/* Port 1 on loopback: refused at once. */
	sy = sync_new(t->path, "host=127.0.0.1 port=1 dbname=x user=x "
	    "password=hunter2 connect_timeout=2", t->wake[1], &cause);
	assert_non_null(sy);
	assert_int_equal(pthread_create(&k, NULL, kicker, sy), 0);
	until = clock_mono_ms() + 5000;
	for (;;) {
		pfd.fd = t->wake[0];
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 100) > 0 && read(t->wake[0], buf,
		    sizeof buf) > 0)
			woken = 1;
		sync_get(sy, &st);
		if (woken && *st.last_error != '\0')
			break;
		assert_true(clock_mono_ms() < until);
	}
	assert_int_equal(pthread_join(k, NULL), 0);
	assert_int_equal(st.configured, 1);
	assert_int_equal(st.online, 0);
	assert_non_null(strstr(st.last_error, "cannot connect"));
	assert_null(strstr(st.last_error, "hunter2"));
	assert_null(strstr(st.server, "hunter2"));
	assert_non_null(strstr(st.server, "port=1"));
	until = clock_mono_ms();
	sync_free(sy);
	/* Stopping never waits for a back-off to run out. */
	assert_true(clock_mono_ms() - until < 2000);
}

/*
 * A listener that accepts and never says a word: sync_free() cuts the
 * connection attempt, whatever connect_timeout says.
 */
static void
test_free_connecting(void **state)
{
	struct thread_test *t = *state;
	struct sockaddr_in sin;
	struct sync_status st;
	socklen_t len = sizeof sin;
	struct sync *sy;
	char *cause = NULL, *ci;
	int ls, c;
	int64_t until;

	ls = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(ls >= 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(ls, (struct sockaddr *)&sin, sizeof sin), 0);
	assert_int_equal(listen(ls, 4), 0);
	assert_int_equal(getsockname(ls, (struct sockaddr *)&sin, &len), 0);
	ci = xasprintf("host=127.0.0.1 port=%d dbname=x user=x "
	    "sslmode=disable connect_timeout=60", ntohs(sin.sin_port));
	sy = sync_new(t->path, ci, t->wake[1], &cause);
	assert_non_null(sy);
	c = accept(ls, NULL, NULL);	/* the attempt is under way */
	assert_true(c >= 0);
	usleep(300 * 1000);
	sync_get(sy, &st);
	assert_int_equal(st.online, 0);
	until = clock_mono_ms();
	sync_free(sy);
	assert_true(clock_mono_ms() - until < 1000);
	close(c);
	close(ls);
	free(ci);
}

static void
test_free_null(void **state)
{
	(void)state;
	sync_free(NULL);
	sync_kick(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_null),
		cmocka_unit_test_setup_teardown(test_offline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_free_connecting, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
