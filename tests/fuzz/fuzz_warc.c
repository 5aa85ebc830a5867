/* SPDX-License-Identifier: MIT */
/* Fuzz: the WARC reader (plain and gzip) and the HTTP response parser. */
#include <stdint.h>
#include <stdlib.h>

#include "warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct warc_reader *r;
	struct warc_record rec;

	if (warc_open_mem(data, size, &r))
		return 0;
	for (int i = 0; i < 1000 && warc_next(r, &rec) > 0; i++) {
		struct warc_http h;

		if (rec.block)
			warc_http_parse(rec.block, rec.block_len, &h);
	}
	warc_close(r);
	return 0;
}
