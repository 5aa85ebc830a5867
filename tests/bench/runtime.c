/* SPDX-License-Identifier: MIT */
/*
 * runtime COMMAND [ARG...]: run a command once, with its standard
 * output sent to /dev/null, and print one line on standard output:
 *
 *     WALL_US CPU_US MAXRSS_KB STATUS
 *
 * the wall-clock time from fork to wait (microseconds), its CPU time
 * (user + system, microseconds: the figure `times` gives for a
 * shell's children), its peak resident set (KB) and its exit status
 * (128+N after signal N).  All three come from wait4().  Built by
 * tests/bench/perf.sh; exit status 0, or 125 when it could not run
 * the command.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static long long tv_us(struct timeval tv)
{
	return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	long long t0, t1;
	pid_t pid;
	int ws = 0, st;

	if (argc < 2) {
		fputs("usage: runtime COMMAND [ARG...]\n", stderr);
		return 125;
	}
	fflush(stdout);
	t0 = now_us();
	pid = fork();
	if (pid < 0) {
		perror("runtime: fork");
		return 125;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0) {
			dup2(fd, 1);
			close(fd);
		}
		execvp(argv[1], argv + 1);
		fprintf(stderr, "runtime: %s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &ws, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("runtime: wait4");
			return 125;
		}
	}
	t1 = now_us();
	st = WIFSIGNALED(ws) ? 128 + WTERMSIG(ws) : WEXITSTATUS(ws);
	printf("%lld %lld %ld %d\n", t1 - t0,
	       tv_us(ru.ru_utime) + tv_us(ru.ru_stime), ru.ru_maxrss, st);
	return 0;
}
