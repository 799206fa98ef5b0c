/* SPDX-License-Identifier: MIT */
/*
 * Language-model refinement over libcurl (see core/llm.h). One easy
 * handle per request; curl_global_init runs once, before any request.
 */
#include "core/llm.h"

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/base/buf.h"
#include "core/base/log.h"
#include "core/base/xmalloc.h"
#include "db/llm_cache.h"

#define LLM_MAX_RESPONSE (4u << 20)

static pthread_once_t llm_once = PTHREAD_ONCE_INIT;

static void
llm_global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

static long
llm_env_long(const char *name, long def)
{
	const char *s = getenv(name);
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return def;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= 0 ? v : def;
}

int
llm_config_from_env(struct llm_config *c)
{
	const char *url, *key, *model;

	memset(c, 0, sizeof *c);
	url = getenv("VIGILORE_LLM_URL");
	key = getenv("VIGILORE_LLM_KEY");
	if (url == NULL || *url == '\0' || key == NULL || *key == '\0')
		return 0;
	model = getenv("VIGILORE_LLM_MODEL");
	c->url = xstrdup(url);
	c->key = xstrdup(key);
	c->model = xstrdup(model != NULL && *model != '\0' ? model :
	    "gpt-4o-mini");
	c->connect_timeout_ms = llm_env_long("VIGILORE_LLM_CONNECT_TIMEOUT_MS",
	    5000);
	c->timeout_ms = llm_env_long("VIGILORE_LLM_TIMEOUT_MS", 60000);
	c->retries = (int)llm_env_long("VIGILORE_LLM_RETRIES", LLM_RETRIES);
	c->retry_cap_ms = llm_env_long("VIGILORE_LLM_RETRY_CAP_MS", 10000);
	c->backoff_ms = llm_env_long("VIGILORE_LLM_BACKOFF_MS", 500);
	return 1;
}

void
llm_config_release(struct llm_config *c)
{
	free(c->url);
	free(c->key);
	free(c->model);
	memset(c, 0, sizeof *c);
}

void
llm_verdict_release(struct llm_verdict *v)
{
	free(v->gap);
	free(v->recommendation);
	memset(v, 0, sizeof *v);
}

struct llm_reply {
	struct buf	 body;
	long		 retry_after_ms;	/* -1: none given */
};

static size_t
llm_write(char *p, size_t size, size_t n, void *arg)
{
	struct llm_reply *r = arg;

	if (buf_append(&r->body, p, size * n) != 0)
		return 0;	/* too large: curl fails the transfer */
	return size * n;
}

static size_t
llm_header(char *p, size_t size, size_t n, void *arg)
{
	struct llm_reply *r = arg;
	size_t len = size * n;
	char tmp[64];

	if (len > 12 && strncasecmp(p, "Retry-After:", 12) == 0) {
		snprintf(tmp, sizeof tmp, "%.*s", (int)(len - 12), p + 12);
		/* Seconds; an HTTP date is taken as "soon". */
		r->retry_after_ms = strtol(tmp, NULL, 10) * 1000;
		if (r->retry_after_ms <= 0)
			r->retry_after_ms = 1000;
	}
	return len;
}

static void
llm_sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0)
		;
}

static void
llm_key(const char *model, const char *prompt, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;
	EVP_MD_CTX *ctx;

	ctx = EVP_MD_CTX_new();
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	EVP_DigestUpdate(ctx, model, strlen(model));
	EVP_DigestUpdate(ctx, "\n", 1);
	EVP_DigestUpdate(ctx, prompt, strlen(prompt));
	EVP_DigestFinal_ex(ctx, md, &len);
	EVP_MD_CTX_free(ctx);
	for (i = 0; i < len && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	out[64] = '\0';
}

/* POSTs BODY; the model's message content (owned) or NULL and cause. */
static char *
llm_post(const struct llm_config *c, const char *body, int *requests,
    char **cause)
{
	struct curl_slist *h = NULL;
	struct llm_reply r;
	json_t *j, *content;
	json_error_t je;
	char *auth, *out = NULL, *last = NULL, err[CURL_ERROR_SIZE];
	long status = 0, wait;
	int attempt;
	CURLcode cc;
	CURL *cu;

	pthread_once(&llm_once, llm_global_init);
	auth = xasprintf("Authorization: Bearer %s", c->key);
	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, auth);
	free(auth);
	for (attempt = 0; attempt <= c->retries; attempt++) {
		cu = curl_easy_init();
		if (cu == NULL)
			fatalx("%s: curl_easy_init failed", __func__);
		memset(&r, 0, sizeof r);
		buf_init(&r.body, LLM_MAX_RESPONSE);
		r.retry_after_ms = -1;
		err[0] = '\0';
		curl_easy_setopt(cu, CURLOPT_URL, c->url);
		curl_easy_setopt(cu, CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(cu, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(cu, CURLOPT_CONNECTTIMEOUT_MS,
		    c->connect_timeout_ms);
		curl_easy_setopt(cu, CURLOPT_TIMEOUT_MS, c->timeout_ms);
		curl_easy_setopt(cu, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(cu, CURLOPT_WRITEFUNCTION, llm_write);
		curl_easy_setopt(cu, CURLOPT_WRITEDATA, &r);
		curl_easy_setopt(cu, CURLOPT_HEADERFUNCTION, llm_header);
		curl_easy_setopt(cu, CURLOPT_HEADERDATA, &r);
		curl_easy_setopt(cu, CURLOPT_ERRORBUFFER, err);
		curl_easy_setopt(cu, CURLOPT_PROTOCOLS_STR, "http,https");
		cc = curl_easy_perform(cu);
		(*requests)++;
		status = 0;
		curl_easy_getinfo(cu, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_cleanup(cu);
		if (cc == CURLE_OK && status == 200) {
			j = json_loads(r.body.data, 0, &je);
			content = json_object_get(json_object_get(
			    json_array_get(json_object_get(j, "choices"), 0),
			    "message"), "content");
			XFREE(last);
			if (json_is_string(content))
				out = xstrdup(json_string_value(content));
			else
				last = xasprintf("model at '%s': no "
				    "choices[0].message.content in the answer",
				    c->url);
			json_decref(j);
			buf_release(&r.body);
			break;
		}
		XFREE(last);
		if (cc != CURLE_OK)
			last = xasprintf("model at '%s': %s", c->url,
			    err[0] != '\0' ? err : curl_easy_strerror(cc));
		else
			last = xasprintf("model at '%s': HTTP %ld", c->url,
			    status);
		buf_release(&r.body);
		/* Retry only what may pass: 429, 5xx, transport trouble. */
		if (cc == CURLE_OK && status != 429 && status < 500)
			break;
		if (attempt == c->retries)
			break;
		wait = r.retry_after_ms >= 0 ? r.retry_after_ms :
		    c->backoff_ms << attempt;
		if (wait > c->retry_cap_ms)
			wait = c->retry_cap_ms;
		log_info("%s; retry %d in %ld ms", last, attempt + 1, wait);
		llm_sleep_ms(wait);
	}
	curl_slist_free_all(h);
	if (out == NULL)
		*cause = last != NULL ? last : xstrdup("model: no answer");
	else
		free(last);
	return out;
}

/* Parses the model's JSON verdict in CONTENT into V. */
static int
llm_parse(const char *content, struct llm_verdict *v, char **cause)
{
	json_t *j, *st, *sc, *g, *rec;
	json_error_t je;
	const char *s;

	j = json_loads(content, 0, &je);
	st = json_object_get(j, "status");
	sc = json_object_get(j, "score");
	s = json_string_value(st);
	if (s == NULL || !json_is_number(sc) || (strcmp(s, "compliant") != 0 &&
	    strcmp(s, "non_compliant") != 0 && strcmp(s, "review_needed") !=
	    0 && strcmp(s, "no_evidence") != 0) ||
	    json_number_value(sc) < 0 || json_number_value(sc) > 1) {
		*cause = xstrdup("the model's answer is not a verdict "
		    "{status, score 0..1, gap, recommendation}");
		json_decref(j);
		return -1;
	}
	snprintf(v->status, sizeof v->status, "%s", s);
	v->score = json_number_value(sc);
	g = json_object_get(j, "gap");
	rec = json_object_get(j, "recommendation");
	v->gap = json_is_string(g) ? xstrdup(json_string_value(g)) : NULL;
	v->recommendation = json_is_string(rec) ?
	    xstrdup(json_string_value(rec)) : NULL;
	json_decref(j);
	return 0;
}

int
llm_refine(const struct llm_config *c, struct store *cache,
    const char *requirement, const char *passage, const char *lang,
    const char *det, struct llm_verdict *out, char **cause)
{
	json_t *req;
	char *prompt, *body, *content, key[65], *ignore = NULL;

	memset(out, 0, sizeof *out);
	prompt = xasprintf("Requirement: %s\nPassage from the site document: "
	    "%s\nDeterministic verdict: %s\nAnswer in %s.", requirement,
	    passage, det, strcmp(lang, "fr") == 0 ? "French" : "English");
	llm_key(c->model, prompt, key);
	content = cache != NULL ? llm_cache_get(cache, key) : NULL;
	if (content != NULL)
		out->cached = 1;
	else {
		req = json_pack("{s:s, s:f, s:{s:s}, s:[{s:s, s:s}, {s:s, "
		    "s:s}]}", "model", c->model, "temperature", 0.0,
		    "response_format", "type", "json_object", "messages",
		    "role", "system", "content", "You are a mining compliance "
		    "auditor. Judge whether the passage shows that the "
		    "requirement is met. Reply with one JSON object: "
		    "{\"status\": \"compliant\"|\"non_compliant\"|"
		    "\"review_needed\"|\"no_evidence\", \"score\": 0..1, "
		    "\"gap\": string, \"recommendation\": string}.",
		    "role", "user", "content", prompt);
		body = json_dumps(req, JSON_COMPACT);
		json_decref(req);
		content = llm_post(c, body, &out->requests, cause);
		free(body);
		if (content == NULL) {
			free(prompt);
			return -1;
		}
	}
	if (llm_parse(content, out, cause) != 0) {
		free(content);
		free(prompt);
		return -1;
	}
	if (!out->cached && cache != NULL &&
	    llm_cache_put(cache, key, c->model, content, &ignore) != DB_OK) {
		log_warn("%s", ignore);
		free(ignore);
	}
	free(content);
	free(prompt);
	return 0;
}
