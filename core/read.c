/* SPDX-License-Identifier: MIT */
/*
 * Inputs and outputs of the winnow command: whole files read into
 * memory (gzip-compressed ones inflated on the way, recognised by their
 * magic bytes, several members in a row included), and results written
 * to a descriptor or, through a temporary file and a rename, into the
 * output directory.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "cli.h"

size_t cli_max_size = CLI_DEFAULT_MAX_SIZE;

const char *cli_read_error(int e)
{
	static char msg[96];

	if (e != -EFBIG)
		return strerror(-e);
	snprintf(msg, sizeof(msg),
		 "over the input size limit of %zu bytes (--max-size)",
		 cli_max_size);
	return msg;
}

/* Inflate the gzip members in in[0..n) into a malloc'd, NUL-terminated
 * buffer of at most max bytes.  The buffer starts at the size the last
 * member's trailer gives (ISIZE, the whole size for the usual file of
 * one member; a hint only, it is not trusted), so it seldom grows: each
 * growth copied it, and the allocator may keep the old block for a
 * while (a 100 KB gzip bomb peaked at 71 MB). */
static int gunzip(const unsigned char *in, size_t n, char **out, size_t *outn)
{
	const size_t max = cli_max_size ? cli_max_size : SIZE_MAX / 4;
	z_stream z = {0};
	size_t cap = n * 4 + 1024, len = 0;
	char *buf;
	int zr = Z_OK;
	bool big = false;

	if (n >= 18) {
		const unsigned char *t = in + n - 4;
		size_t isize = (size_t)t[0] | (size_t)t[1] << 8 |
			       (size_t)t[2] << 16 | (size_t)t[3] << 24;

		if (isize >= cap)
			cap = isize < max ? isize + 1 : max + 1;
	}
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return -ENOMEM;
	buf = malloc(cap);
	if (!buf) {
		inflateEnd(&z);
		return -ENOMEM;
	}
	z.next_in = (unsigned char *)in;
	for (;;) {
		z.avail_in = n > UINT_MAX ? UINT_MAX : (unsigned)n;
		if (len + 1 >= cap) {
			char *p;

			if (cap > max) {
				big = true;
				break;
			}
			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			p = realloc(buf, cap);
			if (!p) {
				zr = Z_MEM_ERROR;
				break;
			}
			buf = p;
		}
		z.next_out = (unsigned char *)buf + len;
		z.avail_out =
			(unsigned)(cap - len - 1 > UINT_MAX ? UINT_MAX
							    : cap - len - 1);
		zr = inflate(&z, Z_NO_FLUSH);
		len = (size_t)((char *)z.next_out - buf);
		n -= (size_t)(z.next_in - in);
		in = z.next_in;
		if (zr == Z_STREAM_END) {
			/* another member follows, or the end */
			if (n < 2 || in[0] != 0x1f || in[1] != 0x8b)
				break;
			inflateReset(&z);
		} else if (zr == Z_BUF_ERROR && z.avail_out) {
			break; /* no input left: truncated */
		} else if (zr != Z_OK && zr != Z_BUF_ERROR) {
			break;
		}
	}
	inflateEnd(&z);
	if (zr != Z_STREAM_END) {
		free(buf);
		return big ? -EFBIG : zr == Z_MEM_ERROR ? -ENOMEM : -EBADMSG;
	}
	buf[len] = '\0';
	*out = buf;
	*outn = len;
	return 0;
}

/* Does the regular file fd start with the gzip magic?  (Its offset is
 * put back.) */
static bool gzip_file(int fd)
{
	unsigned char m[2];

	return pread(fd, m, 2, 0) == 2 && m[0] == 0x1f && m[1] == 0x8b;
}

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
		if (S_ISREG(st.st_mode) && st.st_size > 0) {
			/* refused before a byte is read (a gzip file is
			 * judged by what it inflates to) */
			if (cli_max_size && (uintmax_t)st.st_size > cli_max_size &&
			    !gzip_file(fd)) {
				if (fd)
					close(fd);
				return -EFBIG;
			}
			/* room for the NUL and for read() to see the end
			 * without growing the buffer */
			cap = (size_t)st.st_size + 2;
		}
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
		/* a stream over the limit (gzip data may be inflated to
		 * more than itself: its own test follows) */
		if (cli_max_size && n > cli_max_size &&
		    !((unsigned char)buf[0] == 0x1f &&
		      (unsigned char)buf[1] == 0x8b)) {
			free(buf);
			if (fd)
				close(fd);
			return -EFBIG;
		}
	}
	if (fd)
		close(fd);
	buf[n] = '\0';
	if (n >= 2 && (unsigned char)buf[0] == 0x1f &&
	    (unsigned char)buf[1] == 0x8b) {
		int rc = gunzip((const unsigned char *)buf, n, out, outn);

		free(buf);
		return rc;
	}
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
/* Drop a trailing ".gz" and then the extension of the last component
 * of s, in place. */
static void strip_ext(char *s)
{
	char *slash = strrchr(s, '/'), *dot;
	size_t n = strlen(s);

	if (n > 3 && !strcmp(s + n - 3, ".gz"))
		s[n - 3] = '\0';
	dot = strrchr(s, '.');
	if (dot && dot > (slash ? slash + 1 : s))
		*dot = '\0';
}

void cli_out_name(const char *input, const char *root, char *out, size_t cap)
{
	char base[PATH_MAX];
	size_t k = root ? strlen(root) : 0;

	if (root && !strncmp(input, root, k) && input[k] == '/') {
		/* below an -r directory: keep the relative path */
		snprintf(out, cap, "%s", input + k + 1);
	} else {
		snprintf(base, sizeof(base), "%s",
			 strcmp(input, "-") ? input : "stdin");
		snprintf(out, cap, "%s", basename(base));
	}
	strip_ext(out);
}

/* Make the directories of DIR/NAME's path below DIR. */
static int make_parents(const char *dir, const char *name)
{
	char path[PATH_MAX];
	size_t k = strlen(dir) + 1;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path))
		return -ENAMETOOLONG;
	for (char *p = path + k; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	return 0;
}

int cli_write_to_dir(const char *dir, const char *name, const char *ext,
		     const struct wn_buf *b, char *dest, size_t destcap)
{
	char tmp[PATH_MAX + 32];
	const char *slash = strrchr(name, '/');
	int fd, rc;

	snprintf(dest, destcap, "%s/%s.%s", dir, name, ext);
	rc = make_parents(dir, name);
	if (rc)
		return rc;
	snprintf(tmp, sizeof(tmp), "%s/%.*s.%s.%s.XXXXXX", dir,
		 slash ? (int)(slash - name + 1) : 0, name,
		 slash ? slash + 1 : name, ext);
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
