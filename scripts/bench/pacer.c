/*
 * The machine's own wake-up lag, as a reference for stampede's schedule_lag: one thread sleeps until each intended
 * time of an even schedule (RATE per second for SECONDS, clock_nanosleep with an absolute deadline) and records how
 * late it woke. No work is done at each wake-up, so the lag is only the kernel's timer and scheduling delay at that
 * moment: what any load generator on this machine pays at least. Prints "p50 p90 p99 p99.9 max" in milliseconds.
 *
 * Build: cc -O2 -o pacer pacer.c     Usage: pacer RATE SECONDS
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int compare(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s RATE SECONDS\n", argv[0]);
        return 2;
    }
    long rate = atol(argv[1]), seconds = atol(argv[2]);
    if (rate <= 0 || seconds <= 0) {
        fprintf(stderr, "error: RATE and SECONDS must be positive\n");
        return 2;
    }
    long count = rate * seconds, step = 1000000000L / rate;
    long *late = malloc(sizeof(long) * count);
    if (!late) return 1;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long base = start.tv_sec * 1000000000L + start.tv_nsec;
    for (long i = 0; i < count; i++) {
        long due = base + (i + 1) * step;
        struct timespec at = {due / 1000000000L, due % 1000000000L};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL);
        clock_gettime(CLOCK_MONOTONIC, &now);
        long lateness = now.tv_sec * 1000000000L + now.tv_nsec - due;
        late[i] = lateness > 0 ? lateness : 0;
    }
    qsort(late, count, sizeof(long), compare);
#define AT(q) (late[(long)((count - 1) * (q))] / 1e6)
    printf("%.3f %.3f %.3f %.3f %.3f\n", AT(0.5), AT(0.9), AT(0.99), AT(0.999), late[count - 1] / 1e6);
    free(late);
    return 0;
}
