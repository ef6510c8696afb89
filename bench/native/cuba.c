/*
 * Native C baseline of the CUBA benchmark (Brette et al. 2007) exactly as spikewasm runs it:
 * assembly/neurons/lif.ts (update), assembly/synapses/propagate.ts (CSR -> delay ring) and
 * assembly/engine.ts (step order). One thread, float32 state, structure of arrays.
 *
 * Per step:  integrate (exact) -> refractory hold -> threshold/reset -> add this step's ring
 * slot into Ie/Ii and clear it -> spikes of this step walk their CSR rows into slot step+1.
 *
 * Build: bench/native/build.sh  (gcc -O3 -march=native -std=c11, no -ffast-math: the loop has
 * no reduction, so it vectorises without reassociation; -std=c11 also implies
 * -ffp-contract=off, i.e. no FMA contraction, the same rounding as the wasm kernel's mul+add.)
 *
 * Vectorisation, checked with `bench/native/build.sh -fopt-info-vec-optimized` (gcc 12.2 on this
 * machine, an AMD EPYC with AVX-512; -march=native = znver3 tuning with AVX-512 enabled):
 *   cuba.c:137:22: optimized: loop vectorized using 64 byte vectors   <- update_range, 16 neurons
 *   cuba.c:137:22: optimized: loop vectorized using 32 byte vectors   <- its 8-wide epilogue
 * i.e. the whole neuron update (integration, refractory, threshold, reset, ring delivery, and the
 * OR of the spike flags) is one AVX-512 loop with selects and no branches. With -mno-avx512f
 * (an AVX2-only machine) it still vectorises, with 32-byte vectors, at the same speed here.
 * Spike detection: the update runs per block of BLOCK neurons, then the block is scanned for
 * ref == refSteps (a neuron that has just spiked; held neurons count down from refSteps - 1)
 * only when its OR flag says it has a spike, while the block is still in L1. This was the
 * fastest of three variants tried (N = 4000, 1 s, same spikes):
 *   0: one fused scalar loop, branch on refractory/threshold, append on the spot  ~64 ms
 *   1: vectorised update of all N, then a whole-array scalar scan pass            ~32 ms
 *   2: blocked, as above (the one kept)                                           ~17 ms
 * Time split (-DPROFILE, 1 s): 4k 15 ms update / 2 ms propagate; 40k 0.21 s / 0.06 s;
 * 400k 2.2 s / 1.4 s (the update streams 6 arrays, 9.6 MB, through memory every step; the
 * propagation's ~19k scattered ring additions per step miss the caches).
 *
 * CLI: cuba --neurons N --duration T --seed K   -> one JSON line on stdout.
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef BLOCK
#define BLOCK 256
#endif

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* ---- PRNG: xoshiro128** seeded through splitmix64 ---- */
static uint32_t rs[4];
static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static inline uint32_t next_u32(void) {
  const uint32_t result = rotl(rs[1] * 5, 7) * 9;
  const uint32_t t = rs[1] << 9;
  rs[2] ^= rs[0]; rs[3] ^= rs[1]; rs[1] ^= rs[2]; rs[0] ^= rs[3];
  rs[2] ^= t; rs[3] = rotl(rs[3], 11);
  return result;
}
static void seed_rng(uint64_t seed) {
  for (int k = 0; k < 2; k++) {
    uint64_t z = (seed += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    rs[2 * k] = (uint32_t)z; rs[2 * k + 1] = (uint32_t)(z >> 32);
  }
}
/* uniform double in [0, 1) with 53 random bits */
static inline double uniform(void) {
  const uint32_t a = next_u32() >> 5, b = next_u32() >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}
/* failures before the first success of a Bernoulli(p) sequence; logq = log(1 - p) */
static inline int64_t geometric(double logq) { return (int64_t)floor(log(1.0 - uniform()) / logq); }

/* ---- network ---- */
typedef struct {
  int n, ne;
  float *v, *ie, *ii;  /* membrane potential, receptor currents (volt-equivalents, rM = 1) */
  int32_t *ref;        /* refractory countdown */
  float *ring;         /* [slot 0..1][receptor e,i][n] */
  int32_t *rowptr, *col;
  int64_t nsyn;
} Net;

static void *xalloc(size_t bytes) {
  void *p = aligned_alloc(64, (bytes + 63) & ~(size_t)63);
  if (!p) { fprintf(stderr, "out of memory (%zu bytes)\n", bytes); exit(1); }
  return p;
}

static void build(Net *net, int n, double p) {
  net->n = n;
  net->ne = (int)(0.8 * n);
  const size_t nb = (size_t)n * sizeof(float);
  net->v = xalloc(nb); net->ie = xalloc(nb); net->ii = xalloc(nb);
  net->ref = xalloc((size_t)n * sizeof(int32_t));
  net->ring = xalloc(4 * nb);
  for (int i = 0; i < n; i++) {
    net->v[i] = (float)(-0.06 + 0.01 * uniform());
    net->ie[i] = net->ii[i] = 0.0f;
    net->ref[i] = 0;
  }
  memset(net->ring, 0, 4 * nb);
  /* CSR by geometric skipping, one row per presynaptic neuron, columns ascending */
  net->rowptr = xalloc(((size_t)n + 1) * sizeof(int32_t));
  size_t cap = (size_t)((double)n * n * p * 1.01) + 1024, len = 0;
  net->col = malloc(cap * sizeof(int32_t));
  const double logq = log1p(-p);
  net->rowptr[0] = 0;
  for (int i = 0; i < n; i++) {
    for (int64_t j = geometric(logq); j < n; j += 1 + geometric(logq)) {
      if (len == cap) { cap *= 2; net->col = realloc(net->col, cap * sizeof(int32_t)); }
      if (!net->col) { fprintf(stderr, "out of memory\n"); exit(1); }
      net->col[len++] = (int32_t)j;
    }
    net->rowptr[i + 1] = (int32_t)len;
  }
  net->nsyn = (int64_t)len;
}

typedef struct { float p22, vrest, vreset, vthresh, ge, gi, de, di; int32_t refsteps; } Coef;

/* Neurons [lo, hi): branch-free, so gcc vectorises it (selects become blends/masks).
 * Returns nonzero when some neuron of the range spiked. */
static inline int update_range(const Coef *restrict c, int lo, int hi, float *restrict v,
                               float *restrict ie, float *restrict ii, int32_t *restrict ref,
                               float *restrict re, float *restrict ri) {
  const float p22 = c->p22, vrest = c->vrest, vreset = c->vreset, vthresh = c->vthresh;
  const float ge = c->ge, gi = c->gi, de = c->de, di = c->di;
  const int32_t refsteps = c->refsteps;
  int any = 0;
  for (int i = lo; i < hi; i++) {
    float vn = (v[i] - vrest) * p22 + vrest;
    const float e = ie[i], in = ii[i];
    vn = vn + e * ge;
    vn = vn + in * gi;
    /* integer all-ones masks rather than ?: on bools: gcc if-converts this form for AVX2
     * too (with the ?: form only AVX-512, with its mask registers, vectorised it) */
    const int32_t r = ref[i];
    const int32_t held = -(r > 0);
    const int32_t spike = ~held & -(vn > vthresh);
    v[i] = (held | spike) ? vreset : vn;
    ref[i] = (spike & refsteps) | (~spike & (r + held));
    any |= spike;
    ie[i] = e * de + re[i]; re[i] = 0.0f;
    ii[i] = in * di + ri[i]; ri[i] = 0.0f;
  }
  return any;
}

typedef struct { int32_t *data; size_t len, cap; } SpikeLog; /* (step, index) pairs */
static inline void log_spike(SpikeLog *s, int32_t step, int32_t idx) {
  if (s->len + 2 > s->cap) {
    s->cap = s->cap ? 2 * s->cap : 1 << 16;
    s->data = realloc(s->data, s->cap * sizeof(int32_t));
    if (!s->data) { fprintf(stderr, "out of memory\n"); exit(1); }
  }
  s->data[s->len++] = step; s->data[s->len++] = idx;
}

int main(int argc, char **argv) {
  int n = 4000; double duration = 1.0; uint64_t seed = 42;
  for (int a = 1; a < argc; a += 2) {
    if (a + 1 < argc && !strcmp(argv[a], "--neurons")) n = atoi(argv[a + 1]);
    else if (a + 1 < argc && !strcmp(argv[a], "--duration")) duration = atof(argv[a + 1]);
    else if (a + 1 < argc && !strcmp(argv[a], "--seed")) seed = strtoull(argv[a + 1], NULL, 10);
    else n = 0;
    if (n < 5 || !(duration >= 0)) { fprintf(stderr, "usage: cuba --neurons N (>= 5) --duration T --seed K\n"); return 2; }
  }
  const double dt = 1e-4, taum = 0.02, taue = 0.005, taui = 0.01, tref = 0.005;
  const double p = n > 80 ? 0.02 * 4000.0 / n : 1.0; /* 80 partners per neuron on average */
  const int steps = (int)llround(duration / dt);

  const double t0 = now_s();
  seed_rng(seed);
  Net net;
  build(&net, n, p);
  const double p22 = exp(-dt / taum), de = exp(-dt / taue), di = exp(-dt / taui);
  Coef c = {
    .p22 = (float)p22, .vrest = -0.049f, .vreset = -0.06f, .vthresh = -0.05f,
    .ge = (float)(taue * (de - p22) / (taue - taum)), .gi = (float)(taui * (di - p22) / (taui - taum)),
    .de = (float)de, .di = (float)di, .refsteps = (int32_t)lround(tref / dt) - 1,
  };
  const float we = 0.00162f, wi = -0.009f;
  int32_t *spk = xalloc((size_t)n * sizeof(int32_t));
  SpikeLog log = {0};
  const double t1 = now_s();

  int64_t nspikes = 0, events = 0;
#ifdef PROFILE /* -DPROFILE: split of the loop time, to stderr (the clock reads cost a little) */
  double t_update = 0, t_prop = 0;
#endif
  float *v = net.v, *ie = net.ie, *ii = net.ii;
  int32_t *ref = net.ref;
  const int32_t *rowptr = net.rowptr, *col = net.col;
  const int ne = net.ne;
  for (int step = 0; step < steps; step++) {
    float *re = net.ring + (size_t)(step & 1) * 2 * n, *ri = re + n;
    int count = 0;
#ifdef PROFILE
    const double ta = now_s();
#endif
    /* blocked: vectorised update of a block, scanned (still in L1) only if it has a spike */
    for (int lo = 0; lo < n; lo += BLOCK) {
      const int hi = lo + BLOCK < n ? lo + BLOCK : n;
      if (update_range(&c, lo, hi, v, ie, ii, ref, re, ri))
        for (int i = lo; i < hi; i++) if (ref[i] == c.refsteps) spk[count++] = i;
    }
#ifdef PROFILE
    const double tb = now_s();
    t_update += tb - ta;
#endif
    /* record, then propagate into the other ring slot (delay 1 step) */
    float *ne_slot = net.ring + (size_t)((step + 1) & 1) * 2 * n, *ni_slot = ne_slot + n;
    for (int s = 0; s < count; s++) {
      const int i = spk[s];
      log_spike(&log, step, i);
      const int32_t first = rowptr[i], last = rowptr[i + 1];
      events += last - first;
      float *target = i < ne ? ne_slot : ni_slot;
      const float w = i < ne ? we : wi;
      for (int32_t k = first; k < last; k++) target[col[k]] += w;
    }
    nspikes += count;
#ifdef PROFILE
    t_prop += now_s() - tb;
#endif
  }
  const double t2 = now_s();

  printf("{\"program\":\"native-c\",\"workload\":\"cuba\",\"neurons\":%d,\"synapses\":%lld,"
         "\"bioSeconds\":%g,\"buildSeconds\":%.6f,\"runSeconds\":%.6f,\"spikes\":%lld,"
         "\"synapticEvents\":%lld,\"meanRateHz\":%.6g}\n",
         n, (long long)net.nsyn, steps * dt, t1 - t0, t2 - t1, (long long)nspikes,
         (long long)events, (double)nspikes / n / (steps * dt));
#ifdef PROFILE
  fprintf(stderr, "update+detect %.6f s, record+propagate %.6f s\n", t_update, t_prop);
#endif
  return log.len == 2 * (size_t)nspikes ? 0 : 1;
}
