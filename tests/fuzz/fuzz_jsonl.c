/* SPDX-License-Identifier: MIT */
/* Fuzz: the JSON lines reader of `winnow --jsonl` (one process), from a
 * file, through the default chain. */
#include <fcntl.h>
#include <unistd.h>

#include "cli.h"
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[] = "/tmp/winnow-fuzz-jsonl.XXXXXX";
	static int fd = -1;
	char *inputs[] = {path, NULL};
	struct cli c = {.to = WN_FMT_JSON, .jobs = 1};

	fz_setup(NULL);
	if (fd < 0) {
		int null = open("/dev/null", O_WRONLY);

		fd = mkstemp(path);
		/* the JSON lines go nowhere; messages stay on stderr */
		if (fd < 0 || null < 0 || dup2(null, 1) < 0)
			abort();
		close(null);
	}
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	c.chain = fz_chain;
	cli_stream(&c, false, inputs, 1);
	return 0;
}
