/* SPDX-License-Identifier: MIT */
/* Unit tests: the plugin loader refuses every bad descriptor with its own
 * message, finds plugins along the path in order, and never looks in
 * the working directory. */
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "common.h"

static struct memlog lg;

static struct wn_ctx *ctx_with(const char *const *dirs)
{
	struct wn_ctx_opts o = {.plugin_path = dirs, .log = lg.f};
	struct wn_ctx *c = NULL;

	wn_ctx_new(&o, &c);
	return c;
}

/* Load `name` from the test plugin dir; return the status and leave the
 * log in lg. */
static int load(const char *name)
{
	const char *dirs[] = {test_plugin_dir(), NULL};
	struct wn_ctx *c = ctx_with(dirs);
	struct wn_chain *ch = NULL;
	int rc;

	memlog_reset(&lg);
	wn_chain_new(c, &ch);
	rc = wn_chain_add(ch, name, NULL, 0);
	wn_chain_free(ch);
	wn_ctx_free(c);
	return rc;
}

static bool logged(const char *needle)
{
	return strstr(memlog_text(&lg), needle) != NULL;
}

static int copy_file(const char *from, const char *to)
{
	FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
	char buf[8192];
	size_t n;

	if (!a || !b) {
		if (a)
			fclose(a);
		if (b)
			fclose(b);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), a)) > 0)
		fwrite(buf, 1, n, b);
	fclose(a);
	return fclose(b);
}

int main(void)
{
	char path[PATH_MAX], want[PATH_MAX + 64], tmp[] = "/tmp/wn-loadXXXXXX";
	int rc;

	memlog_open(&lg);

	rc = load("abi_major");
	is_int(rc, WN_EABI, "major+1 refused");
	snprintf(want, sizeof(want), "%s/abi_major.so", test_plugin_dir());
	ok(logged(want), "message names the file");
	snprintf(want, sizeof(want),
		 "built for plugin ABI %d.%d, but this "
		 "winnow has ABI %d.%d",
		 WN_ABI_MAJOR + 1, WN_ABI_MINOR, WN_ABI_MAJOR, WN_ABI_MINOR);
	ok(logged(want), "message gives both versions");

	is_int(load("abi_minor"), WN_EABI, "newer minor refused");
	ok(logged("ABI 1.2, but this winnow has ABI 1.1"),
	   "minor message gives both versions");
	is_int(load("abi_magic"), WN_EABI, "bad magic refused");
	ok(logged("bad magic number"), "bad magic message");
	is_int(load("abi_size"), WN_EABI, "small descriptor refused");
	ok(logged("descriptor is 16 bytes"), "size message");
	is_int(load("abi_name"), WN_EABI, "name mismatch refused");
	ok(logged("declares the name 'other', but its file is named "
		  "'abi_name'"),
	   "name message");
	is_int(load("abi_nosym"), WN_EABI, "missing descriptor refused");
	ok(logged("does not export abi_nosym_LTX_winnow_plugin"),
	   "missing symbol message");
	is_int(load("abi_libxml"), WN_EABI, "other libxml2 generation refused");
	ok(logged("built against libxml2"), "libxml2 message");
	is_int(load("t_mark"), 0, "a good plugin loads");
	is_int(load("no_such_step"), WN_ENOTFOUND, "missing plugin");
	ok(logged("no such step"), "missing plugin message");
	is_int(load("../t_mark"), WN_EINVAL, "path-like names refused");

	/* first match along the path wins */
	ok(mkdtemp(tmp) != NULL, "temp dir");
	snprintf(path, sizeof(path), "%s/t_mark.so", test_plugin_dir());
	snprintf(want, sizeof(want), "%s/t_mark.so", tmp);
	ok(copy_file(path, want) == 0, "copy a plugin");
	{
		const char *dirs[] = {tmp, test_plugin_dir(), NULL};
		struct wn_ctx *c = ctx_with(dirs);
		struct wn_buf b = {0};

		wn_ctx_list(c, &b);
		ok(b.data && strstr(b.data, want) && !strstr(b.data, path),
		   "--list shows the first t_mark only");
		ok(b.data && strstr(b.data, "abi_major\t") &&
			   strstr(b.data, "unusable"),
		   "--list marks unusable modules");
		wn_buf_free(&b);
		wn_ctx_plugin_path(c, &b);
		ok(b.data && strstr(b.data, tmp) < strstr(b.data, "tests/abi"),
		   "path order kept");
		wn_buf_free(&b);
		wn_ctx_free(c);
	}
	/* never the working directory */
	{
		char cwd[PATH_MAX];
		const char *none[] = {NULL};
		struct wn_ctx_opts o = {.plugin_path = none, .log = lg.f};
		struct wn_ctx *c = NULL;
		struct wn_chain *ch = NULL;

		ok(getcwd(cwd, sizeof(cwd)) && chdir(tmp) == 0, "cd to plugin");
		wn_ctx_new(&o, &c);
		wn_chain_new(c, &ch);
		is_int(wn_chain_add(ch, "t_mark", NULL, 0), WN_ENOTFOUND,
		       "not loaded from the working directory");
		wn_chain_free(ch);
		wn_ctx_free(c);
		ok(chdir(cwd) == 0, "cd back");
	}
	unlink(want);
	rmdir(tmp);
	memlog_close(&lg);
	return done_testing();
}
