/* SPDX-License-Identifier: MIT */
/*
 * The language-model client against a loopback server that speaks the
 * chat-completions protocol, failure modes included: a good answer, 429
 * with Retry-After (capped), 5xx until the retries run out, a 400 that
 * is not retried, a server too slow for the timeout, an answer that is
 * not a verdict, the response cache, and a whole audit refined by the
 * model with the deterministic verdict kept beside.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>

#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "core/framework.h"
#include "core/llm.h"
#include "core/pipeline.h"
#include "db/store.h"

#define GOOD "{\"status\": \"non_compliant\", \"score\": 0.1, \"gap\": " \
	"\"g\", \"recommendation\": \"r\"}"

/* What the server answers next; consumed in order, the last repeats. */
struct step {
	int		 status;
	int		 retry_after;	/* seconds, 0: no header */
	int		 delay_ms;
	const char	*content;	/* message content, or NULL: raw body */
};

static pthread_mutex_t script_lock = PTHREAD_MUTEX_INITIALIZER;
static struct step script[8];		/* under script_lock */
static int nscript;			/* under script_lock */
static atomic_int nrequests;
static atomic_int stop_server;
static int listen_fd;
static int port;
static pthread_t server;

static void
sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static const struct step unauthorized = { 401, 0, 0, NULL };

static void
serve_one(int fd)
{
	char req[65536], resp[4096], *body;
	json_t *j;
	size_t got = 0;
	ssize_t k;
	struct step s0;
	const struct step *s = &s0;
	int n, len;
	long clen = 0;
	char *hdr_end, *cl;

	/* Read the headers and the body the Content-Length announces. */
	for (;;) {
		k = read(fd, req + got, sizeof req - 1 - got);
		if (k <= 0)
			return;
		got += (size_t)k;
		req[got] = '\0';
		hdr_end = strstr(req, "\r\n\r\n");
		if (hdr_end == NULL)
			continue;
		cl = strcasestr(req, "Content-Length:");
		clen = cl != NULL ? strtol(cl + 15, NULL, 10) : 0;
		if ((long)(got - (size_t)(hdr_end + 4 - req)) >= clen)
			break;
	}
	n = atomic_fetch_add(&nrequests, 1);
	pthread_mutex_lock(&script_lock);
	s0 = script[n < nscript ? n : nscript - 1];
	pthread_mutex_unlock(&script_lock);
	if (s->delay_ms > 0)
		sleep_ms(s->delay_ms);
	if (strstr(req, "Authorization: Bearer test-key") == NULL)
		s = &unauthorized;
	if (s->content != NULL) {
		j = json_pack("{s:[{s:{s:s, s:s}}]}", "choices", "message",
		    "role", "assistant", "content", s->content);
		body = json_dumps(j, JSON_COMPACT);
		json_decref(j);
	} else
		body = xstrdup("{\"error\": {\"message\": \"no\"}}");
	len = snprintf(resp, sizeof resp, "HTTP/1.1 %d X\r\nContent-Type: "
	    "application/json\r\nContent-Length: %zu\r\nConnection: close\r\n",
	    s->status, strlen(body));
	if (s->retry_after > 0)
		len += snprintf(resp + len, sizeof resp - (size_t)len,
		    "Retry-After: %d\r\n", s->retry_after);
	len += snprintf(resp + len, sizeof resp - (size_t)len, "\r\n");
	/* A failed write means the client gave up (the timeout test). */
	if (send(fd, resp, (size_t)len, MSG_NOSIGNAL) == len)
		(void)!send(fd, body, strlen(body), MSG_NOSIGNAL);
	free(body);
}

static void *
server_main(void *arg)
{
	int fd;

	(void)arg;
	while (!atomic_load(&stop_server)) {
		fd = accept(listen_fd, NULL, NULL);
		if (fd < 0)
			continue;
		if (!atomic_load(&stop_server))
			serve_one(fd);
		close(fd);
	}
	return NULL;
}

static int
setup(void **state)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof a;

	(void)state;
	listen_fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(listen_fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    listen(listen_fd, 16) != 0 ||
	    getsockname(listen_fd, (struct sockaddr *)&a, &alen) != 0)
		return -1;
	port = ntohs(a.sin_port);
	atomic_store(&stop_server, 0);
	return pthread_create(&server, NULL, server_main, NULL);
}

static int
teardown(void **state)
{
	int fd;
	struct sockaddr_in a;

	(void)state;
	atomic_store(&stop_server, 1);
	/* Wake accept() with one last connection. */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((uint16_t)port);
	connect(fd, (struct sockaddr *)&a, sizeof a);
	close(fd);
	pthread_join(server, NULL);
	close(listen_fd);
	return 0;
}

static void
config(struct llm_config *c)
{
	char url[64];

	snprintf(url, sizeof url, "http://127.0.0.1:%d/v1/chat/completions",
	    port);
	setenv("VIGILORE_LLM_URL", url, 1);
	setenv("VIGILORE_LLM_KEY", "test-key", 1);
	setenv("VIGILORE_LLM_RETRY_CAP_MS", "300", 1);
	setenv("VIGILORE_LLM_BACKOFF_MS", "10", 1);
	setenv("VIGILORE_LLM_TIMEOUT_MS", "2000", 1);
	assert_int_equal(llm_config_from_env(c), 1);
}

static void
play(const struct step *steps, int n)
{
	pthread_mutex_lock(&script_lock);
	memcpy(script, steps, sizeof *steps * (size_t)n);
	nscript = n;
	atomic_store(&nrequests, 0);
	pthread_mutex_unlock(&script_lock);
}

static void
test_not_configured(void **state)
{
	struct llm_config c;

	(void)state;
	unsetenv("VIGILORE_LLM_URL");
	unsetenv("VIGILORE_LLM_KEY");
	assert_int_equal(llm_config_from_env(&c), 0);
	assert_null(c.url);
}

static void
test_good(void **state)
{
	static const struct step s[] = { { 200, 0, 0, GOOD } };
	struct llm_config c;
	struct llm_verdict v;
	char *cause = NULL;

	(void)state;
	config(&c);
	play(s, 1);
	assert_int_equal(llm_refine(&c, NULL, "req", "passage", "en",
	    "compliant", &v, &cause), 0);
	assert_string_equal(v.status, "non_compliant");
	assert_true(v.score > 0.09 && v.score < 0.11);
	assert_string_equal(v.gap, "g");
	assert_int_equal(v.requests, 1);
	llm_verdict_release(&v);
	llm_config_release(&c);
}

static void
test_retry_after(void **state)
{
	static const struct step s[] = { { 429, 5, 0, NULL },
	    { 503, 0, 0, NULL }, { 200, 0, 0, GOOD } };
	struct llm_config c;
	struct llm_verdict v;
	char *cause = NULL;
	int64_t t0, dt;

	(void)state;
	config(&c);
	play(s, 3);
	t0 = clock_mono_ms();
	assert_int_equal(llm_refine(&c, NULL, "req", "passage", "en",
	    "compliant", &v, &cause), 0);
	dt = clock_mono_ms() - t0;
	assert_int_equal(v.requests, 3);
	/* Retry-After: 5 s, capped at 300 ms: we waited, but not 5 s. */
	assert_true(dt >= 250);
	assert_true(dt < 4000);
	llm_verdict_release(&v);
	llm_config_release(&c);
}

static void
test_5xx_exhausted(void **state)
{
	static const struct step s[] = { { 500, 0, 0, NULL } };
	struct llm_config c;
	struct llm_verdict v;
	char *cause = NULL;

	(void)state;
	config(&c);
	play(s, 1);
	assert_int_equal(llm_refine(&c, NULL, "req", "p", "en", "compliant",
	    &v, &cause), -1);
	assert_int_equal(atomic_load(&nrequests), LLM_RETRIES + 1);
	assert_non_null(strstr(cause, "HTTP 500"));
	free(cause);
	llm_config_release(&c);
}

static void
test_4xx_not_retried(void **state)
{
	static const struct step s[] = { { 400, 0, 0, NULL } };
	struct llm_config c;
	struct llm_verdict v;
	char *cause = NULL;

	(void)state;
	config(&c);
	play(s, 1);
	assert_int_equal(llm_refine(&c, NULL, "req", "p", "en", "compliant",
	    &v, &cause), -1);
	assert_int_equal(atomic_load(&nrequests), 1);
	assert_non_null(strstr(cause, "HTTP 400"));
	XFREE(cause);
	/* A wrong key is a 401: refused at once, not retried. */
	unsetenv("VIGILORE_LLM_KEY");
	llm_config_release(&c);
	config(&c);
	free(c.key);
	c.key = xstrdup("wrong");
	play((const struct step[]){ { 200, 0, 0, GOOD } }, 1);
	assert_int_equal(llm_refine(&c, NULL, "req", "p", "en", "compliant",
	    &v, &cause), -1);
	assert_non_null(strstr(cause, "HTTP 401"));
	free(cause);
	llm_config_release(&c);
}

static void
test_timeout(void **state)
{
	static const struct step s[] = { { 200, 0, 1500, GOOD } };
	struct llm_config c;
	struct llm_verdict v;
	char *cause = NULL;

	(void)state;
	config(&c);
	c.timeout_ms = 200;
	c.retries = 0;
	play(s, 1);
	assert_int_equal(llm_refine(&c, NULL, "req", "p", "en", "compliant",
	    &v, &cause), -1);
	assert_non_null(strcasestr(cause, "timed out"));
	free(cause);
	llm_config_release(&c);
	sleep_ms(1400);	/* let the server finish that one */
}

static void
test_not_a_verdict(void **state)
{
	static const struct step s[] = { { 200, 0, 0, "I think it is fine" },
	    { 200, 0, 0, "{\"status\": \"great\", \"score\": 7}" } };
	struct llm_config c;
	struct llm_verdict v;
	char *cause = NULL;

	(void)state;
	config(&c);
	play(s, 2);
	assert_int_equal(llm_refine(&c, NULL, "req", "p", "en", "compliant",
	    &v, &cause), -1);
	assert_non_null(strstr(cause, "not a verdict"));
	XFREE(cause);
	assert_int_equal(llm_refine(&c, NULL, "req", "p", "en", "compliant",
	    &v, &cause), -1);
	assert_non_null(strstr(cause, "not a verdict"));
	free(cause);
	llm_config_release(&c);
}

static void
test_cache_and_audit(void **state)
{
	static const struct step s[] = { { 200, 0, 0, GOOD } };
	char dir[] = "/tmp/vo-llm.XXXXXX", *db, *doc, *cause = NULL;
	struct pipeline_request req;
	struct pipeline_model model;
	struct framework_set set;
	struct llm_config c;
	struct llm_verdict v;
	struct store *st;
	json_t *rep, *f;
	size_t i;
	int refined = 0;
	FILE *fp;
	char *fws[1];

	(void)state;
	assert_non_null(mkdtemp(dir));
	db = xasprintf("%s/s.db", dir);
	assert_int_equal(store_open(db, &st, &cause), DB_OK);
	config(&c);
	play(s, 1);
	assert_int_equal(llm_refine(&c, st, "req", "p", "en", "compliant", &v,
	    &cause), 0);
	assert_int_equal(v.cached, 0);
	llm_verdict_release(&v);
	assert_int_equal(llm_refine(&c, st, "req", "p", "en", "compliant", &v,
	    &cause), 0);
	assert_int_equal(v.cached, 1);
	assert_int_equal(v.requests, 0);
	assert_int_equal(atomic_load(&nrequests), 1);
	llm_verdict_release(&v);

	doc = xasprintf("%s/site.txt", dir);
	fp = fopen(doc, "w");
	fputs("The site holds a valid exploitation permit covering all "
	    "extraction areas, renewed in 2025.\n", fp);
	fclose(fp);
	memset(&set, 0, sizeof set);
	assert_int_equal(framework_set_load_default(&set, &cause), 0);
	memset(&req, 0, sizeof req);
	fws[0] = (char *)"DRC_MINING_CODE";
	req.input = doc;
	req.frameworks = fws;
	req.nframeworks = 1;
	req.site = (char *)"S";
	req.auditor = (char *)"A";
	model.config = &c;
	model.cache = st;
	assert_int_equal(pipeline_audit(&req, &set, NULL, &model, NULL, NULL,
	    NULL, &rep, &cause), 0);
	json_array_foreach(json_object_get(rep, "findings"), i, f) {
		if (!json_is_string(json_object_get(f, "evidence")))
			continue;
		assert_non_null(json_object_get(f, "deterministic"));
		assert_string_equal(json_string_value(json_object_get(f,
		    "status")), "non_compliant");
		refined++;
	}
	assert_true(refined >= 1);
	json_decref(rep);
	framework_set_release(&set);
	llm_config_release(&c);
	store_close(st);
	unlink(doc);
	unlink(db);
	free(doc);
	free(db);
	db = xasprintf("%s/s.db-wal", dir);
	unlink(db);
	free(db);
	db = xasprintf("%s/s.db-shm", dir);
	unlink(db);
	free(db);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_configured),
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test(test_5xx_exhausted),
		cmocka_unit_test(test_4xx_not_retried),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_not_a_verdict),
		cmocka_unit_test(test_cache_and_audit),
	};

	if (getenv("VIGILORE_ASSETS") == NULL)
		setenv("VIGILORE_ASSETS", "assets", 1);
	return cmocka_run_group_tests(tests, setup, teardown);
}
