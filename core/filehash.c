/* SPDX-License-Identifier: MIT */
/* File digests through OpenSSL's EVP interface. */
#include "core/filehash.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/xmalloc.h"

int
filehash_sha256(const char *path, char out[FILEHASH_HEX_LEN],
    long long *size, char **cause)
{
	unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	struct stat sb;
	EVP_MD_CTX *ctx;
	ssize_t n;
	int fd, rc = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		*cause = xasprintf("cannot open '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		*cause = xasprintf("'%s' is not a regular file", path);
		close(fd);
		return -1;
	}
	ctx = EVP_MD_CTX_new();
	if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		fatalx("%s: cannot set up SHA-256", __func__);
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*cause = xasprintf("cannot read '%s': %s", path,
			    strerror(errno));
			rc = -1;
			break;
		}
		EVP_DigestUpdate(ctx, buf, (size_t)n);
	}
	if (rc == 0)
		EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	close(fd);
	if (rc == -1)
		return -1;
	for (i = 0; i < mdlen && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	*size = (long long)sb.st_size;
	return 0;
}
