/* Runs a command and appends "WALL_US CPU_US MAXRSS_KIB STATUS" to OUTFILE: wall time, user+sys CPU time of the
 * whole process tree it waited for (wait4's rusage counts every descendant that was itself reaped), and the peak
 * RSS of the largest process in that tree. /usr/bin/time only has 10 ms resolution, too coarse for a 6 ms `start`.
 * Exits with the command's status. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long usec(struct timeval tv) { return (long long)tv.tv_sec * 1000000 + tv.tv_usec; }

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: measure OUTFILE COMMAND [ARG...]\n"); return 2; }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 2; }
    if (pid == 0) { execvp(argv[2], argv + 2); perror(argv[2]); _exit(127); }
    int status; struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) { perror("wait4"); return 2; }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long wall = (t1.tv_sec - t0.tv_sec) * 1000000LL + (t1.tv_nsec - t0.tv_nsec) / 1000;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *out = fopen(argv[1], "a");
    if (!out) { perror(argv[1]); return 2; }
    fprintf(out, "%lld %lld %ld %d\n", wall, usec(ru.ru_utime) + usec(ru.ru_stime), ru.ru_maxrss, code);
    fclose(out);
    return code;
}
