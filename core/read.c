/* SPDX-License-Identifier: MIT */
/*
 * Inputs and outputs of the winnow command: whole files read into
 * memory, and results written to a descriptor or, through a temporary
 * file and a rename, into the output directory.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Read a whole file ("-" is stdin) into a malloc'd buffer. */
int cli_read_file(const char *path, char **out, size_t *outn)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	struct stat st;
	size_t cap = 65536, n = 0;
	char *buf;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			if (fd)
				close(fd);
			return -EISDIR;
		}
		if (S_ISREG(st.st_mode) && st.st_size > 0)
			cap = (size_t)st.st_size + 1;
	}
	buf = malloc(cap);
	if (!buf) {
		if (fd)
			close(fd);
		return -ENOMEM;
	}
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap) {
			char *p = cap > SIZE_MAX / 2 ? NULL
						     : realloc(buf, cap * 2);

			if (!p) {
				free(buf);
				if (fd)
					close(fd);
				return -ENOMEM;
			}
			buf = p;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0) {
			int e = errno;

			if (e == EINTR)
				continue;
			free(buf);
			if (fd)
				close(fd);
			return -e;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (fd)
		close(fd);
	buf[n] = '\0';
	*out = buf;
	*outn = n;
	return 0;
}

int cli_write_fd(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Write to DIR/<base>.<ext> through a temporary file and rename, so a
 * crash never leaves a half-written file that looks complete. */
int cli_write_to_dir(const char *dir, const char *input, const char *ext,
		     const struct wn_buf *b, char *dest, size_t destcap)
{
	char tmp[PATH_MAX], base[PATH_MAX];
	char *dot, *bn;
	int fd, rc;

	snprintf(base, sizeof(base), "%s",
		 strcmp(input, "-") ? input : "stdin");
	bn = basename(base);
	dot = strrchr(bn, '.');
	if (dot && dot != bn)
		*dot = '\0';
	snprintf(dest, destcap, "%s/%s.%s", dir, bn, ext);
	snprintf(tmp, sizeof(tmp), "%s/.%s.%s.XXXXXX", dir, bn, ext);
	fd = mkstemp(tmp);
	if (fd < 0)
		return -errno;
	rc = cli_write_fd(fd, b->data ? b->data : "", b->len);
	if (close(fd) < 0 && !rc)
		rc = -errno;
	if (!rc && rename(tmp, dest) < 0)
		rc = -errno;
	if (rc)
		unlink(tmp);
	return rc;
}
