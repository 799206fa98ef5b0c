/* SPDX-License-Identifier: MIT */
#ifndef VO_UUID_H
#define VO_UUID_H

/* Random (version 4) UUIDs from the kernel's generator. Thread-safe. */

#include <stddef.h>

#define UUID_TEXT_LEN 37	/* 36 characters and the NUL */

void	 uuid_generate(char out[UUID_TEXT_LEN]);
/* Fills OUT with LEN random bytes. */
void	 uuid_random_bytes(void *out, size_t len);
/* 1 when S is a UUID in canonical lower-case text form. */
int	 uuid_is_valid(const char *s);

#endif
