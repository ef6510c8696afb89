// Compiled by tsc (tests/types/types.test.ts), never run: each line marked @ts-expect-error must
// be a type error, or tsc reports the marker as unused; the other lines must type-check.
import type { Network } from '../../ts/api/network.js';

declare const net: Network;
const lif = { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07 };

// Accepted: SI numbers, quantities with units, per-neuron values and distributions, receptors.
net.population(10, 'lif', { ...lif, tauM: '20 ms', vRest: '-70 mV', bias: { uniform: [0, '1 nA'] }, receptors: { e: { tau: '5 ms' } } });
net.population(10, 'lif_cond', { cM: '200 pF', gL: '10 nS', eL: -0.06, vThresh: -0.05, vReset: -0.06, receptors: { e: { tau: 0.005, eRev: 0 } } });
net.population(10, 'izhikevich', { scheme: 'izhikevich2003', a: [0.02, 0.1], d: 8, bias: '10 mV/ms' });
net.population(10, 'poisson', { rate: '15 Hz' });
net.population(2, 'spike_source', { spikeTimes: [[0.001], []] });
// A model registered at run time keeps free-form parameters.
net.population(10, 'my_registered_model', { anything: 1 });

// @ts-expect-error: a misspelt parameter
net.population(10, 'lif', { ...lif, tauMM: 0.02 });
// @ts-expect-error: a required parameter missing
net.population(10, 'lif', { vRest: -0.07, vThresh: -0.05, vReset: -0.07 });
// @ts-expect-error: a word where a quantity (a number, or a number with its unit) belongs
net.population(10, 'lif', { ...lif, tauM: 'fast' });
// @ts-expect-error: a conductance receptor without its reversal potential
net.population(10, 'lif_cond', { cM: 2e-10, gL: 1e-8, eL: -0.06, vThresh: -0.05, vReset: -0.06, receptors: { e: { tau: 0.005 } } });
// @ts-expect-error: an izhikevich population names its integration scheme
net.population(10, 'izhikevich', { a: 0.02 });
// @ts-expect-error: a parameter of another model (alif's) on lif
net.population(10, 'lif', { ...lif, tauTheta: 0.1 });
