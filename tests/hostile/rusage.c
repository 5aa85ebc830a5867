/* SPDX-License-Identifier: MIT */
/*
 * rusage [-t SECONDS] [-o FILE] COMMAND [ARG...]: run a command and
 * report how it ended and its peak memory, for the hostile input
 * tests.  One line goes to FILE (standard error by default):
 *
 *     exit N maxrss KB seconds S
 *     signal N maxrss KB seconds S
 *     timeout maxrss KB seconds S
 *
 * The command is killed (SIGKILL, with its process group) after
 * SECONDS (default 10).  The peak resident set comes from wait4(), so
 * it covers the command and the children it waited for.  rusage exits
 * with the command's status, 128+N after a signal, 124 on a timeout.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned secs = 10;
	const char *file = NULL;
	struct sigaction sa;
	struct rusage ru;
	FILE *out = stderr;
	double start;
	pid_t pid;
	int c, ws = 0, rc;

	while ((c = getopt(argc, argv, "+t:o:")) != -1) {
		if (c == 't')
			secs = (unsigned)strtoul(optarg, NULL, 10);
		else if (c == 'o')
			file = optarg;
		else
			return 125;
	}
	if (optind >= argc) {
		fputs("usage: rusage [-t SECONDS] [-o FILE] COMMAND [ARG...]\n",
		      stderr);
		return 125;
	}
	start = now();
	pid = fork();
	if (pid < 0) {
		perror("rusage: fork");
		return 125;
	}
	if (pid == 0) {
		setpgid(0, 0);
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "rusage: %s: %s\n", argv[optind],
			strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	alarm(secs);
	while (wait4(pid, &ws, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("rusage: wait4");
			return 125;
		}
		if (timed_out) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
		}
	}
	alarm(0);
	if (file && !(out = fopen(file, "w"))) {
		perror(file);
		return 125;
	}
	if (timed_out) {
		fprintf(out, "timeout");
		rc = 124;
	} else if (WIFSIGNALED(ws)) {
		fprintf(out, "signal %d", WTERMSIG(ws));
		rc = 128 + WTERMSIG(ws);
	} else {
		fprintf(out, "exit %d", WEXITSTATUS(ws));
		rc = WEXITSTATUS(ws);
	}
	fprintf(out, " maxrss %ld seconds %.2f\n", ru.ru_maxrss, now() - start);
	if (file)
		fclose(out);
	return rc;
}
