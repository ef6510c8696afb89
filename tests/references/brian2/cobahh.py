#!/usr/bin/env python3
"""Brian2 reference statistics of the COBAHH network (Brette et al. 2007, benchmark 3).

Usage (with /usr/bin/python3, which has Debian's python3-brian; other interpreters re-exec it):
  cobahh.py --seeds 3 --out tests/references/brian2/cobahh.json   seeds 1..3, one process each
  cobahh.py --seed K                                               one run; prints one JSON line

The network is Brian2's examples/COBAHH.py verbatim (4000 Hodgkin-Huxley neurons, exponential
Euler, dt 0.1 ms, 1 s), the model tests/support/equation-models.ts restates as spikewasm
equations. Each seed runs on a fresh cpp_standalone device (published.py's simulate()).
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, HERE)
from published import dumps, isi_stats, run_one, sig6  # noqa: E402 (re-execs under /usr/bin/python3)

import brian2 as b2  # noqa: E402
from brian2 import (Equations, NeuronGroup, SpikeMonitor, Synapses, cm, exprel, exp, mV, ms,  # noqa: E402,F401
                    msiemens, nS, second, siemens, ufarad, umetre)


def cobahh_equations():
    """The equations of examples/cobahh.json: Brian2's examples/COBAHH.py text, verbatim."""
    with open(os.path.join(ROOT, 'examples', 'cobahh.json')) as f:
        return json.load(f)['populations'][0]['model']['equations']


def cobahh():
    area = 20000 * umetre ** 2
    Cm = (1 * ufarad * cm ** -2) * area
    gl = (5e-5 * siemens * cm ** -2) * area
    El = -60 * mV
    EK = -90 * mV
    ENa = 50 * mV
    g_na = (100 * msiemens * cm ** -2) * area
    g_kd = (30 * msiemens * cm ** -2) * area
    VT = -63 * mV
    taue = 5 * ms
    taui = 10 * ms
    Ee = 0 * mV
    Ei = -80 * mV
    we = 6 * nS
    wi = 67 * nS
    eqs = Equations(cobahh_equations())
    P = NeuronGroup(4000, model=eqs, threshold='v>-20*mV', refractory=3 * ms, method='exponential_euler',
                    namespace=locals())
    Pe = P[:3200]
    Pi = P[3200:]
    Ce = Synapses(Pe, P, on_pre='ge+=we', namespace={'we': we})
    Ci = Synapses(Pi, P, on_pre='gi+=wi', namespace={'wi': wi})
    Ce.connect(p=0.02)
    Ci.connect(p=0.02)
    P.v = 'El + (randn() * 5 - 5)*mV'
    P.ge = '(randn() * 1.5 + 4) * 10.*nS'
    P.gi = '(randn() * 12 + 20) * 10.*nS'
    M = SpikeMonitor(P)

    def stats():
        cv, counted, silent = isi_stats(M.i[:], M.t[:] / second, 4000)
        return {'rate': M.num_spikes / 4000.0, 'cv': cv, 'counted': counted, 'silent': silent}
    return [P, Ce, Ci, M], 1 * second, stats


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--seed', type=int)
    parser.add_argument('--seeds', type=int, default=3)
    parser.add_argument('--out')
    args = parser.parse_args()
    if args.seed is not None:
        run_one(cobahh, args.seed)
        return
    # Brian2's standalone device builds one network per process.
    runs = [json.loads(subprocess.run([sys.executable, __file__, '--seed', str(seed)], check=True, capture_output=True, text=True).stdout)
            for seed in range(1, args.seeds + 1)]
    doc = {
        'about': 'Brian2 examples/COBAHH.py, 4000 neurons, 1 s, dt 0.1 ms, cpp_standalone; seeds 1..%d; '
                 'made by tests/references/brian2/cobahh.py' % args.seeds,
        'brian2': b2.__version__,
        'cobahh': {key: [sig6(r[key]) for r in runs] for key in runs[0]},
    }
    with open(args.out, 'w') as f:
        f.write(dumps(doc))


if __name__ == '__main__':
    main()
