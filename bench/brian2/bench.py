#!/usr/bin/env python3
"""Brian2 side of the spikewasm side-by-side benchmark (C++ standalone mode).

Usage:
  python3 bench/brian2/bench.py --workload cuba|cuba_stdp|coba|cobahh --neurons N --duration S \
      [--seed K] [--build-dir DIR] [--no-delay]

Runs ONE simulation with Brian2's cpp_standalone device (single thread) and
prints exactly one JSON line on stdout; everything else goes to stderr.

Timing fields (seconds):
  runSeconds            Network::_last_run_time as written by the generated code
                        (results/last_run_info.txt -> device._last_run_time).  In
                        templates/network.cpp (Brian2 2.5.1) Network::run() starts
                        the timer right before the `while(clock->running())` step
                        loop and stops it right after it, i.e. it covers the
                        simulation loop ONLY (state update, threshold, spike
                        propagation, reset, SpikeMonitor) and excludes
                        initialisation, synapse creation (done in main() before
                        net.run) and writing results.  Without OpenMP it is
                        std::clock() (process CPU time) / 1 thread.
  runWallSeconds        our own clock_gettime(CLOCK_MONOTONIC) around the same
                        net.run() call (inserted via device.insert_code), i.e.
                        wall time of the loop, as a cross-check.
  binarySeconds         wall time of the whole ./main process (Brian2's
                        device.timers['run_binary']): init + synapse creation +
                        loop + writing results.
  compileSeconds        wall time of `make -j` (device.timers['compile']['make']).
  codegenCompileSeconds model setup + code generation + compilation: wall time
                        from after `import brian2` to the end of device.build(),
                        minus binarySeconds.
  endToEndSeconds       whole script including interpreter start-up/re-exec and
                        `import brian2` (measured from the first line of this
                        script in the first process).
"""
import os
import sys
import time

_T0 = float(os.environ.get('SPIKEWASM_BENCH_T0', time.time()))

# Debian's python3-brian lives in /usr/lib/python3/dist-packages, which only the
# system interpreter sees.  If `python3` is some other interpreter (pyenv, venv)
# without brian2, re-exec under /usr/bin/python3, carrying the start time.
try:
    import brian2  # noqa: F401
except ImportError:
    syspy = '/usr/bin/python3'
    if os.path.realpath(sys.executable) != os.path.realpath(syspy) and os.path.exists(syspy):
        os.environ['SPIKEWASM_BENCH_T0'] = repr(_T0)
        os.execv(syspy, [syspy] + sys.argv)
    raise

import argparse
import json
import re
import shutil
import tempfile
import warnings


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--workload', choices=['cuba', 'cuba_stdp', 'coba', 'cobahh'], required=True)
    ap.add_argument('--neurons', type=int, required=True)
    ap.add_argument('--duration', type=float, required=True, help='biological seconds')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--build-dir', default=None,
                    help='standalone project dir (kept, and reused by make if it exists); '
                         'default: a fresh temp dir, deleted afterwards')
    ap.add_argument('--no-delay', action='store_true',
                    help='omit the 0.1 ms synaptic delay (for comparison only)')
    return ap.parse_args()


def main():
    args = parse_args()
    # Keep stdout clean: route fd 1 (Python prints, make, ./main) to stderr
    # until the final JSON line.
    sys.stdout.flush()
    saved_stdout_fd = os.dup(1)
    os.dup2(2, 1)
    warnings.simplefilter('ignore')

    import brian2 as b2
    from brian2 import (ms, mV, second, NeuronGroup, Synapses, SpikeMonitor,
                        Network, prefs, set_device, device, defaultclock, seed)
    t_imported = time.time()

    b2.BrianLogger.log_level_error()
    prefs.logging.file_log = False
    prefs.logging.std_redirection = False
    prefs.devices.cpp_standalone.openmp_threads = 0  # one thread, no OpenMP

    tmp = None
    if args.build_dir:
        build_dir = os.path.abspath(args.build_dir)
    else:
        tmp = tempfile.mkdtemp(prefix='brian2_bench_')
        build_dir = os.path.join(tmp, 'project')
    set_device('cpp_standalone', directory=build_dir, build_on_run=False)
    seed(args.seed)
    defaultclock.dt = 0.1 * ms

    N = args.neurons
    Ne = int(round(0.8 * N))
    p = 0.02 * 4000 / N  # 80 expected synapses per neuron at any N
    # Our simulator's minimum synaptic delay is one time step, so Brian2 gets an
    # explicit delay of one step (0.1 ms) on both pathways (Brian2 default is 0).
    delay = None if args.no_delay else 0.1 * ms

    Vt = -50 * mV
    Vr = -60 * mV
    taum = 20 * ms
    taue = 5 * ms
    taui = 10 * ms
    if args.workload in ('cuba', 'cuba_stdp'):
        # Brian2 examples/CUBA.py, scaled.
        El = -49 * mV
        eqs = '''
        dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
        dge/dt = -ge/taue : volt
        dgi/dt = -gi/taui : volt
        '''
        P = NeuronGroup(N, eqs, threshold='v>Vt', reset='v = Vr',
                        refractory=5 * ms, method='exact')
        P.v = 'Vr + rand() * (Vt - Vr)'
        P.ge = 0 * mV
        P.gi = 0 * mV
        we = (60 * 0.27 / 10) * mV
        wi = (-20 * 4.5 / 10) * mV
    elif args.workload == 'cobahh':
        # Brian2 examples/COBAHH.py (Brette et al. 2007 benchmark 3), scaled; the equations
        # that examples/cobahh.json holds verbatim.
        from brian2 import umetre, ufarad, cm, siemens, msiemens, nS
        area = 20000 * umetre ** 2
        Cm = (1 * ufarad * cm ** -2) * area
        gl = (5e-5 * siemens * cm ** -2) * area
        El = -60 * mV
        EK = -90 * mV
        ENa = 50 * mV
        g_na = (100 * msiemens * cm ** -2) * area
        g_kd = (30 * msiemens * cm ** -2) * area
        VT = -63 * mV
        Ee = 0 * mV
        Ei = -80 * mV
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'examples', 'cobahh.json')) as f:
            eqs = json.load(f)['populations'][0]['model']['equations']
        P = NeuronGroup(N, eqs, threshold='v>-20*mV', refractory=3 * ms, method='exponential_euler')
        P.v = 'El + (randn() * 5 - 5)*mV'
        P.ge = '(randn() * 1.5 + 4) * 10.*nS'
        P.gi = '(randn() * 12 + 20) * 10.*nS'
        we = 6 * nS
        wi = 67 * nS
    else:
        # Self-sustained COBA, conductances in units of the leak conductance,
        # constant 20 mV drive, Euler as in Brian2's benchmark scripts.
        El = -60 * mV
        Ee = 0 * mV
        Ei = -80 * mV
        I = 20 * mV
        eqs = '''
        dv/dt  = (El - v + ge*(Ee-v) + gi*(Ei-v) + I)/taum : volt (unless refractory)
        dge/dt = -ge/taue : 1
        dgi/dt = -gi/taui : 1
        '''
        P = NeuronGroup(N, eqs, threshold='v>Vt', reset='v = Vr',
                        refractory=5 * ms, method='euler')
        P.v = 'Vr + rand() * (Vt - Vr)'
        P.ge = 0
        P.gi = 0
        we = 0.6
        wi = 6.7

    syn_kw = {} if delay is None else {'delay': delay}
    Ci = Synapses(P, P, on_pre='gi += wi', **syn_kw)
    if args.workload == 'cuba_stdp':
        # Pair STDP on E->E as in Brian2's examples/synapses/STDP.py (event-driven traces,
        # additive, clipped), with spikewasm's cuba_stdp settings (bench/workloads.mjs).
        taupre = taupost = 20 * ms
        dApre = 0.01 * we
        dApost = -0.0105 * we
        wmax = 2 * we
        Cee = Synapses(P, P, model='''w : volt
                       dapre/dt = -apre/taupre : volt (event-driven)
                       dapost/dt = -apost/taupost : volt (event-driven)''',
                       on_pre='''ge += w
                                 apre += dApre
                                 w = clip(w + apost, 0*mV, wmax)''',
                       on_post='''apost += dApost
                                  w = clip(w + apre, 0*mV, wmax)''', **syn_kw)
        Cee.connect('i<Ne and j<Ne', p=p)
        Cee.w = we
        Cei = Synapses(P, P, on_pre='ge += we', **syn_kw)
        Cei.connect('i<Ne and j>=Ne', p=p)
        Ce = [Cee, Cei]
    else:
        Ce = [Synapses(P, P, on_pre='ge += we', **syn_kw)]
        Ce[0].connect('i<Ne', p=p)   # autapses allowed, as in examples/CUBA.py
    Ci.connect('i>=Ne', p=p)
    M = SpikeMonitor(P)

    # Wall-clock cross-check around net.run() (same place as Brian2's own timer).
    device.insert_code('before_network_run',
                       'struct timespec _bw0, _bw1; clock_gettime(CLOCK_MONOTONIC, &_bw0);')
    device.insert_code('after_network_run',
                       'clock_gettime(CLOCK_MONOTONIC, &_bw1); '
                       '{ std::ofstream _bwf("results/bench_wall.txt"); '
                       '_bwf.precision(9); '
                       '_bwf << ((_bw1.tv_sec - _bw0.tv_sec) + 1e-9 * (_bw1.tv_nsec - _bw0.tv_nsec)) << std::endl; }')

    # An explicit Network: run()'s magic collects only objects bound to a local name, and the
    # excitatory synapses sit in a list (one projection, or two with STDP on E->E).
    net = Network(P, *Ce, Ci, M)
    net.run(args.duration * second)  # records the run + generates code objects
    device.build(directory=build_dir, compile=True, run=True,
                 with_output=False, clean=False)
    t_built = time.time()

    run_seconds = float(device._last_run_time)
    binary_seconds = float(device.timers['run_binary'])
    compile_seconds = float(device.timers['compile']['make'])
    with open(os.path.join(build_dir, 'results', 'bench_wall.txt')) as f:
        run_wall = float(f.read().split()[0])
    cxxflags = None
    with open(os.path.join(build_dir, 'makefile')) as f:
        m = re.search(r'^OPTIMISATIONS\s*=\s*(.*)$', f.read(), re.M)
        if m:
            cxxflags = ' '.join(m.group(1).split())
    n_syn = int(sum(len(c) for c in Ce) + len(Ci))
    spikes = int(M.num_spikes)
    version = b2.__version__

    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)
    t_end = time.time()

    out = {
        'program': 'brian2',
        'version': version,
        'workload': args.workload,
        'neurons': N,
        'synapses': n_syn,
        'bioSeconds': args.duration,
        'runSeconds': round(run_seconds, 6),
        'codegenCompileSeconds': round((t_built - t_imported) - binary_seconds, 3),
        'endToEndSeconds': round(t_end - _T0, 3),
        'spikes': spikes,
        'meanRateHz': round(spikes / N / args.duration, 3),
        'runWallSeconds': round(run_wall, 6),
        'binarySeconds': round(binary_seconds, 3),
        'compileSeconds': round(compile_seconds, 3),
        'seed': args.seed,
        'delayMs': 0.0 if delay is None else 0.1,
        'device': 'cpp_standalone',
        'threads': 1,
        'cxxflags': cxxflags,
    }
    sys.stdout.flush()
    os.dup2(saved_stdout_fd, 1)
    os.close(saved_stdout_fd)
    sys.stdout.write(json.dumps(out) + '\n')
    sys.stdout.flush()


if __name__ == '__main__':
    main()
