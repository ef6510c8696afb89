#!/bin/sh
# Builds the native C CUBA baseline: bench/native/cuba (one thread, no OpenMP, no -ffast-math).
# Extra flags pass through, e.g. `bench/native/build.sh -fopt-info-vec-optimized` to see what
# gcc vectorised, or -DSPIKE_MODE=0|1 for the slower spike-detection variants (see cuba.c).
set -e
cd "$(dirname "$0")"
gcc -O3 -march=native -std=c11 "$@" -o cuba cuba.c -lm
