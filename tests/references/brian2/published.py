#!/usr/bin/env python3
"""Brian2 reference statistics for the published networks in examples/.

Usage (with /usr/bin/python3, which has Debian's python3-brian; other interpreters re-exec it):
  published.py --network NAME --seed K       one run; prints one JSON line of statistics
  published.py --all --seeds 10 --jobs 2 --out tests/references/brian2/published.json
                                             every network for seeds 1..10, one process per run
  published.py --check-timing                the 2-neuron test of the Izhikevich pulse timing

Networks (each mirrors the spikewasm example file named beside it):
  cuba            examples/cuba.json            Brian2 examples/CUBA.py, 0.1 ms delays
  coba            examples/coba.json            COBA with a 20 mV drive, Euler, 0.1 ms delays
  izhikevich2003  examples/izhikevich-2003.json Izhikevich (2003) Fig. 3, spikewasm's pulse timing
  song2000        examples/stdp-song2000.json   Brian2 examples/synapses/STDP.py, 0.1 ms delay

Every run uses Brian2's cpp_standalone device, one thread, and a fresh build directory in a
temporary folder that is deleted afterwards.
"""
import os
import sys

# Debian's python3-brian lives in /usr/lib/python3/dist-packages, which only the system
# interpreter sees; under any other interpreter (pyenv, venv) re-exec under /usr/bin/python3.
try:
    import brian2  # noqa: F401
except ImportError:
    SYSPY = '/usr/bin/python3'
    if os.path.realpath(sys.executable) != os.path.realpath(SYSPY) and os.path.exists(SYSPY):
        os.execv(SYSPY, [SYSPY] + sys.argv)
    raise

import argparse
import json
import platform
import re
import shutil
import subprocess
import tempfile
import time
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import brian2 as b2
from brian2 import (Hz, mV, ms, second, NeuronGroup, PoissonGroup, Synapses, SpikeMonitor,
                    StateMonitor, Network, defaultclock, device, prefs, set_device)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


def sig6(x):
    """A float rounded to 6 significant digits (ints stay ints)."""
    return x if isinstance(x, int) else float(f'{float(x):.6g}')


def isi_stats(i, t, n):
    """Mean CV of the ISIs (sd with division by n) over neurons with >= 3 spikes; their count;
    the fraction of neurons without a spike."""
    order = np.lexsort((t, i))
    i, t = i[order], t[order]
    cvs = []
    for train in np.split(t, np.searchsorted(i, np.arange(1, n))):
        if len(train) >= 3:
            isi = np.diff(train)
            cvs.append(isi.std() / isi.mean())
    silent = 1 - len(np.unique(i)) / n
    return (float(np.mean(cvs)) if cvs else float('nan')), len(cvs), silent


def rhythm(t, start, stop):
    """peakHz, share (5-60 Hz) and Fano factor of the spike count per 1-ms bin in [start, stop),
    mean removed; as spectrum() in tests/published/networks.test.ts."""
    bins = int(round((stop - start) / 1e-3))
    b = np.floor((t - start) / 1e-3 + 1e-9).astype(int)
    counts = np.bincount(b[(b >= 0) & (b < bins)], minlength=bins).astype(float)
    mean = counts.mean()
    x = counts - mean
    fano = float(np.sum(x * x) / bins / mean)
    k = np.arange(1, bins // 2 + 1)
    power = np.abs(np.fft.fft(x)[k]) ** 2
    hz = k * 1000 / bins
    share = power[(hz >= 5) & (hz <= 60)].sum() / power.sum()
    return float(hz[np.argmax(power)]), float(share), fano


def cuba():
    """examples/cuba.json: Brian2's examples/CUBA.py, exact integration, 0.1 ms delays."""
    defaultclock.dt = 0.1 * ms
    N, Ne, T = 4000, 3200, 1 * second
    El, Vt, Vr = -49 * mV, -50 * mV, -60 * mV
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    we, wi = (60 * 0.27 / 10) * mV, (-20 * 4.5 / 10) * mV
    P = NeuronGroup(N, '''dv/dt = (ge + gi - (v - El)) / taum : volt (unless refractory)
                          dge/dt = -ge / taue : volt
                          dgi/dt = -gi / taui : volt''',
                    threshold='v > Vt', reset='v = Vr', refractory=5 * ms, method='exact',
                    namespace=locals())
    P.v = 'Vr + rand() * (Vt - Vr)'
    Ce = Synapses(P, P, on_pre='ge += we', delay=0.1 * ms, namespace=locals())
    Ci = Synapses(P, P, on_pre='gi += wi', delay=0.1 * ms, namespace=locals())
    Ce.connect('i < Ne', p=0.02, namespace=locals())  # autapses allowed, as in CUBA.py
    Ci.connect('i >= Ne', p=0.02, namespace=locals())
    M = SpikeMonitor(P)
    return [P, Ce, Ci, M], T, lambda: population_stats(M, N, T)


def coba():
    """examples/coba.json: self-sustained COBA, conductances in units of gL, 20 mV drive,
    forward Euler, 0.1 ms delays (bench/brian2/bench.py's coba workload)."""
    defaultclock.dt = 0.1 * ms
    N, Ne, T = 4000, 3200, 1 * second
    El, Vt, Vr, Ee, Ei, I = -60 * mV, -50 * mV, -60 * mV, 0 * mV, -80 * mV, 20 * mV
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    we, wi = 0.6, 6.7
    P = NeuronGroup(N, '''dv/dt = (El - v + ge * (Ee - v) + gi * (Ei - v) + I) / taum : volt (unless refractory)
                          dge/dt = -ge / taue : 1
                          dgi/dt = -gi / taui : 1''',
                    threshold='v > Vt', reset='v = Vr', refractory=5 * ms, method='euler',
                    namespace=locals())
    P.v = 'Vr + rand() * (Vt - Vr)'
    Ce = Synapses(P, P, on_pre='ge += we', delay=0.1 * ms, namespace=locals())
    Ci = Synapses(P, P, on_pre='gi += wi', delay=0.1 * ms, namespace=locals())
    Ce.connect('i < Ne', p=0.02, namespace=locals())
    Ci.connect('i >= Ne', p=0.02, namespace=locals())
    M = SpikeMonitor(P)
    return [P, Ce, Ci, M], T, lambda: population_stats(M, N, T)


def population_stats(M, n, T):
    i, t = np.asarray(M.i[:]), np.asarray(M.t_[:])
    cv, counted, silent = isi_stats(i, t, n)
    return {'rate': len(i) / (n * float(T)), 'cv': cv, 'silent': silent, 'counted': counted}


def izhikevich_group(n, a, b, c, d, sigma):
    """Izhikevich (2003) neurons (paper units: mV, ms) stepped as in the paper's code.

    Timing (checked by --check-timing): in each step Brian2 runs the 'groups' slot (this update:
    it uses I, then clears it), then the threshold (v >= 30 after the update), then the
    'synapses' slot, then the reset. With a synaptic delay of one step (1 ms), a spike detected
    in step k is delivered (I_post += w) in the synapses slot of step k + 1, after that step's
    update, so it enters the update of step k + 2: one step later than the paper's MATLAB
    code, as in spikewasm. (With a zero delay the pulse would be delivered in the synapses slot
    of step k itself and enter the update of step k + 1: the paper's timing.) --check-timing
    prints spikeStep 2, firstAffectedStep 4, lag 2.
    """
    G = NeuronGroup(n, '''v : 1
                          u : 1
                          I : 1
                          a : 1
                          b : 1
                          c : 1
                          d : 1
                          sigma : 1''',
                    threshold='v >= 30', reset='v = c\nu += d')
    G.a, G.b, G.c, G.d, G.sigma = a, b, c, d, sigma
    G.v = -65
    G.u = 'b * v'
    G.run_regularly('''Itot = I + sigma * randn()
                       v += 0.5 * (0.04 * v**2 + 5 * v + 140 - u + Itot)
                       v += 0.5 * (0.04 * v**2 + 5 * v + 140 - u + Itot)
                       u += a * (b * v - u)
                       I = 0''', when='groups')
    return G


def pulses(G, condition, weight):
    """Pulse synapses of G onto itself (all-to-all from the neurons matching condition)."""
    S = Synapses(G, G, 'w : 1', on_pre='I_post += w', delay=1 * ms)
    S.connect(condition)
    S.w = weight
    return S


def izhikevich2003():
    """examples/izhikevich-2003.json: a, b, c, d per neuron from that file; all-to-all pulse
    synapses including autapses, from E ~ U(0, 0.5), from I ~ U(-1, 0); dt 1 ms, 1 s."""
    defaultclock.dt = 1 * ms
    T = 1 * second
    with open(os.path.join(ROOT, 'examples', 'izhikevich-2003.json')) as f:
        pops = {p['name']: p for p in json.load(f)['populations']}
    E, I = pops['E'], pops['I']
    Ne, Ni = E['size'], I['size']

    def per_neuron(name):
        return np.concatenate([np.broadcast_to(np.asarray(p['params'][name], float), p['size'])
                               for p in (E, I)])

    P = izhikevich_group(Ne + Ni, *(per_neuron(k) for k in ('a', 'b', 'c', 'd', 'noise')))
    SE = pulses(P, f'i < {Ne}', '0.5 * rand()')
    SI = pulses(P, f'i >= {Ne}', '-rand()')
    M = SpikeMonitor(P)

    def stats():
        i, t = np.asarray(M.i[:]), np.asarray(M.t_[:])
        e = i < Ne
        cvE, _, _ = isi_stats(i[e], t[e], Ne)
        peak, share, fano = rhythm(t[e], 0.1, float(T))
        return {'rateE': int(e.sum()) / (Ne * float(T)), 'rateI': int((~e).sum()) / (Ni * float(T)),
                'cvE': cvE, 'peakHz': peak, 'share': share, 'fano': fano}
    return [P, SE, SI, M], T, stats


def song2000():
    """examples/stdp-song2000.json: Brian2's examples/synapses/STDP.py (method 'euler', as there),
    with a 0.1 ms delay on the input synapses and v starting at El."""
    defaultclock.dt = 0.1 * ms
    N, T = 1000, 100 * second
    taum, taue, taupre, taupost = 10 * ms, 5 * ms, 20 * ms, 20 * ms
    Ee, vt, vr, El = 0 * mV, -54 * mV, -60 * mV, -74 * mV
    gmax = 0.01
    dApre = 0.01 * gmax
    dApost = -dApre * taupre / taupost * 1.05
    inputs = PoissonGroup(N, rates=15 * Hz)
    neuron = NeuronGroup(1, '''dv/dt = (ge * (Ee - v) + El - v) / taum : volt
                               dge/dt = -ge / taue : 1''',
                         threshold='v > vt', reset='v = vr', method='euler', namespace=locals())
    neuron.v = El
    S = Synapses(inputs, neuron, '''w : 1
                                    dApre/dt = -Apre / taupre : 1 (event-driven)
                                    dApost/dt = -Apost / taupost : 1 (event-driven)''',
                 on_pre='''ge += w
                           Apre += dApre
                           w = clip(w + Apost, 0, gmax)''',
                 on_post='''Apost += dApost
                            w = clip(w + Apre, 0, gmax)''',
                 delay=0.1 * ms, namespace=locals())
    S.connect()
    S.w = 'rand() * gmax'
    M = SpikeMonitor(neuron)

    def stats():
        x = np.asarray(S.w[:]) / gmax
        deciles = np.bincount(np.minimum(np.floor(x * 10).astype(int), 9), minlength=10) / len(x)
        step = np.round(np.asarray(M.t_[:]) / 1e-4).astype(int)
        out = {f'decile{k}': float(deciles[k]) for k in range(10)}
        out['rateFirst'] = int(np.sum(step < 20000)) / 2
        out['rateLast'] = int(np.sum(step >= 980000)) / 2
        out['rateMean'] = len(step) / float(T)
        return out
    return [inputs, neuron, S, M], T, stats


NETWORKS = {
    'cuba': cuba,
    'coba': coba,
    'izhikevich2003': izhikevich2003,
    'song2000': song2000,
}


def timing_check():
    """Neuron 0 (strong constant input via its pulse variable, no noise) fires; neuron 1 (no
    noise, no input) receives a pulse of 100 from it. Returns the step of neuron 0's first spike
    and the first step in which neuron 1's v moved off its resting trajectory."""
    defaultclock.dt = 1 * ms
    G = izhikevich_group(2, 0.02, 0.2, -65, 8, 0)
    S = pulses(G, 'i == 0', 100)
    G.run_regularly('I += 20 * (i == 0)', when='start')
    ref = izhikevich_group(1, 0.02, 0.2, -65, 8, 0)  # neuron 1 without the synapse
    mon = StateMonitor(G, 'v', record=1, when='end')
    mref = StateMonitor(ref, 'v', record=0, when='end')
    M = SpikeMonitor(G)

    def stats():
        fired = int(round(M.t_[M.i[:] == 0][0] / 1e-3))
        moved = int(np.nonzero(mon.v[0] != mref.v[0])[0][0])
        return {'spikeStep': fired, 'firstAffectedStep': moved, 'lag': moved - fired}
    return [G, S, ref, mon, mref, M], 20 * ms, stats


def simulate(build, seed):
    """Builds the network with `build` on a fresh cpp_standalone device, runs it, returns stats."""
    warnings.simplefilter('ignore')
    b2.BrianLogger.log_level_error()
    prefs.logging.file_log = False
    prefs.logging.std_redirection = False
    prefs.devices.cpp_standalone.openmp_threads = 0  # one thread, no OpenMP
    tmp = tempfile.mkdtemp(prefix='brian2_published_')
    try:
        set_device('cpp_standalone', directory=tmp, build_on_run=False)
        b2.seed(seed)
        objects, duration, stats = build()
        Network(*objects).run(duration)
        device.build(directory=tmp, compile=True, run=True, with_output=False)
        return stats()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_one(build, seed):
    """Runs one simulation with fd 1 routed to stderr; prints the statistics as one JSON line."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        stats = simulate(build, seed)
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
    print(json.dumps({k: sig6(v) for k, v in stats.items()}), flush=True)


def dumps(doc):
    """Indented JSON with every list of numbers on one line."""
    text = json.dumps(doc, indent=2)
    return re.sub(r'\[\s*([-\d.e+]+(?:,\s*[-\d.e+]+)*)\s*\]',
                  lambda m: '[' + ', '.join(re.split(r',\s*', m.group(1))) + ']', text) + '\n'


def run_all(seeds, jobs, out):
    """Every network for seeds 1..seeds, each run in its own process, `jobs` at a time."""
    runs = [(name, k) for name in reversed(list(NETWORKS)) for k in range(1, seeds + 1)]

    def child(run):
        name, k = run
        t0 = time.time()
        p = subprocess.run([sys.executable, os.path.abspath(__file__), '--network', name,
                            '--seed', str(k)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
        if p.returncode != 0:
            raise RuntimeError(f'{name} seed {k} failed:\n{p.stderr[-4000:]}')
        print(f'{name} seed {k}: {time.time() - t0:.0f} s', file=sys.stderr, flush=True)
        return json.loads(p.stdout.strip().splitlines()[-1])

    t0 = time.time()
    with ThreadPoolExecutor(jobs) as pool:
        results = dict(zip(runs, pool.map(child, runs)))
    networks = {}
    for name, build in NETWORKS.items():
        per_seed = [results[(name, k)] for k in range(1, seeds + 1)]
        networks[name] = {
            'description': ' '.join(build.__doc__.split()),
            'seeds': list(range(1, seeds + 1)),
            'stats': {s: [r[s] for r in per_seed] for s in per_seed[0]},
        }
    doc = {
        'brian2': b2.__version__,
        'python': platform.python_version(),
        'generatedBy': f'tests/references/brian2/published.py --all --seeds {seeds}',
        'networks': networks,
    }
    with open(out, 'w') as f:
        f.write(dumps(doc))
    print(f'wrote {out} in {time.time() - t0:.0f} s', file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument('--network', choices=list(NETWORKS))
    mode.add_argument('--all', action='store_true')
    mode.add_argument('--check-timing', action='store_true')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--seeds', type=int, default=10)
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--out', default=os.path.join(HERE, 'published.json'))
    args = ap.parse_args()
    if args.all:
        run_all(args.seeds, args.jobs, args.out)
    elif args.check_timing:
        run_one(timing_check, 1)
    else:
        run_one(NETWORKS[args.network], args.seed)


if __name__ == '__main__':
    main()
