/*
 * A benchmark whose slowness the bench script controls: spins ITERATIONS × factor iterations, where the
 * factor is read from the file `factor` in the working directory (so base/ and head/ differ only there).
 * Usage: spin ITERATIONS [bmf]. Prints nothing (Perfbot then measures the process's wall time), or with
 * `bmf` its own loop time as Bencher Metric Format: {"spin":{"latency":{"value":NS}}}.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double read_factor(void) {
  FILE *file = fopen("factor", "r");
  double factor = 1.0;
  if (!file || fscanf(file, "%lf", &factor) != 1) {
    fprintf(stderr, "spin: cannot read ./factor\n");
    exit(2);
  }
  fclose(file);
  return factor;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: spin ITERATIONS [bmf]\n");
    return 2;
  }
  long long iterations = (long long)(atof(argv[1]) * read_factor());
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  /* volatile: -O1 must not fold the loop away. */
  volatile unsigned long long sink = 0;
  for (long long i = 0; i < iterations; i++) sink += (unsigned long long)i ^ (sink >> 3);
  clock_gettime(CLOCK_MONOTONIC, &end);
  if (argc > 2 && strcmp(argv[2], "bmf") == 0) {
    long long ns = (long long)(end.tv_sec - start.tv_sec) * 1000000000LL + (end.tv_nsec - start.tv_nsec);
    printf("{\"spin\":{\"latency\":{\"value\":%lld}}}\n", ns);
  }
  return 0;
}
