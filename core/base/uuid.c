/* SPDX-License-Identifier: MIT */
/* UUID v4 from getrandom(2). */
#include "uuid.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "xmalloc.h"

void
uuid_random_bytes(void *out, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = getrandom((char *)out + got, len - got, 0);
		if (n < 0)
			fatalx("getrandom failed");
		got += (size_t)n;
	}
}

void
uuid_generate(char out[UUID_TEXT_LEN])
{
	uint8_t b[16];

	uuid_random_bytes(b, sizeof b);
	b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
	b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
	snprintf(out, UUID_TEXT_LEN,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
	    b[10], b[11], b[12], b[13], b[14], b[15]);
}

int
uuid_is_valid(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i]) ||
		    isupper((unsigned char)s[i]))
			return 0;
	}
	return 1;
}
