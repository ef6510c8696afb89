// The network a connectome becomes: one connection per gap-junction pair and per chemical
// connection, conductances = counts x the per-junction or per-synapse conductance, signs by the
// transmitter mapping, c302's parameters as docs/connectome.md derives them, and options checked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelErrors } from '../../hosts/cli/check-model.js';
import type { Connectome } from '../../ts/connectome/connectome.js';
import { parseConnectome } from '../../ts/connectome/formats.js';
import { CONNECTOME_MODEL_DEFAULTS, connectomeDescription, GRADED_SYNAPSES, MEMBRANE_EQUATIONS, MUSCLE_MEMBRANE, NEURON_MEMBRANE } from '../../ts/connectome/model.js';
import { parseQuantity } from '../../ts/equations/units.js';
import type { ProjectionDescription } from '../../ts/model/description.js';
import { refusalOf } from '../support/helpers.js';

const dataFile = (name: string) => ({ name, text: readFileSync(new URL(`../../data/celegans/${name}`, import.meta.url), 'utf8') });
const openworm = parseConnectome('openworm', dataFile('openworm_connectome_neurotransmitters.csv'), dataFile('openworm_neurons_to_muscle.csv'));
const cook = parseConnectome('cook2019', dataFile('cook2019_herm_full_edgelist.csv'));
const si = (q: string) => parseQuantity('test', q).value;

function projection(projections: ProjectionDescription[] | undefined, name: string): ProjectionDescription & { rule: { type: 'list'; pre: number[]; post: number[]; weight: number[] } } {
  const p = projections?.find((x) => x.name === name);
  if (!p || typeof p.rule !== 'object' || p.rule.type !== 'list' || !p.rule.weight) throw new Error(`no list projection ${name}`);
  return p as ReturnType<typeof projection>;
}

/** The listed connections of a projection as "pre>post" -> weight, by name. */
function listed(names: string[], postNames: string[], p: ReturnType<typeof projection>): Map<string, number> {
  return new Map(p.rule.pre.map((i, k) => [`${names[i]!}>${postNames[p.rule.post[k]!]!}`, p.rule.weight[k]!]));
}

describe('the OpenWorm connectome as a network', () => {
  const gGap = '0.1 nS';
  const gSyn = '0.5 nS';
  const desc = connectomeDescription(openworm, { gGap, gSyn });
  const names = openworm.neurons;

  it('is one population of passive neurons written as equations, starting at rest', () => {
    expect(desc.populations).toEqual([{ name: 'neurons', size: 300, model: { equations: MEMBRANE_EQUATIONS, method: 'exact' }, params: NEURON_MEMBRANE, init: { v: '-50 mV' } }]);
    expect(desc.dt).toBeCloseTo(si(CONNECTOME_MODEL_DEFAULTS.dt), 15);
    expect(desc.monitors).toEqual([{ type: 'state', name: 'neurons_v', population: 'neurons', variables: ['v'], everySteps: 100 }]);
  });

  it('names every neuron by its index in the description', () => {
    expect(desc.description).toContain(`Population 'neurons', by index: ${names.join(' ')}.`);
  });

  it('has one electrical connection per unordered pair, weight = junctions x gGap', () => {
    const gaps = projection(desc.projections, 'gap_junctions');
    expect(gaps.electrical).toEqual({ current: 'Igap' });
    expect(gaps.pre).toEqual({ population: 'neurons' });
    expect(gaps.post).toEqual({ population: 'neurons' });
    expect(listed(names, names, gaps)).toEqual(new Map(openworm.electrical.map((p) => [`${p.a}>${p.b}`, p.junctions * si(gGap)])));
  });

  it('has one graded connection per chemical connection, split by sign: GABA inhibits, the rest excites', () => {
    const excitatory = projection(desc.projections, 'chemical_excitatory');
    const inhibitory = projection(desc.projections, 'chemical_inhibitory');
    expect(excitatory.graded).toEqual({ current: 'Isyn', eRev: '0 mV', vTh: '0 mV', vSlope: '5 mV' });
    expect(inhibitory.graded).toEqual({ current: 'Isyn', eRev: '-70 mV', vTh: '0 mV', vSlope: '5 mV' });
    const weights = (gaba: boolean) => new Map(openworm.chemical.filter((c) => (c.transmitter === 'GABA') === gaba).map((c) => [`${c.pre}>${c.post}`, c.synapses * si(gSyn)]));
    expect(listed(names, names, inhibitory)).toEqual(weights(true));
    expect(listed(names, names, excitatory)).toEqual(weights(false));
    expect(excitatory.rule.pre.length + inhibitory.rule.pre.length).toBe(2279);
  });

  it('has no muscles unless asked, and the loader builds it as it stands', () => {
    expect(desc.projections!.map((p) => p.name)).toEqual(['gap_junctions', 'chemical_excitatory', 'chemical_inhibitory']);
    expect(modelErrors(desc)).toEqual([]);
  });
});

describe('options', () => {
  it('muscles: a second population driven by the neuromuscular synapses, by sign', () => {
    const desc = connectomeDescription(openworm, { muscles: true });
    const muscles = [...new Set(openworm.muscles.map((m) => m.muscle))].sort();
    expect(desc.populations[1]).toEqual({ name: 'muscles', size: 97, model: { equations: MEMBRANE_EQUATIONS, method: 'exact' }, params: MUSCLE_MEMBRANE, init: { v: '-50 mV' } });
    const gSyn = si(CONNECTOME_MODEL_DEFAULTS.gSyn);
    const inhibitory = projection(desc.projections, 'neuromuscular_inhibitory');
    const excitatory = projection(desc.projections, 'neuromuscular_excitatory');
    expect(inhibitory.post).toEqual({ population: 'muscles' });
    expect(listed(openworm.neurons, muscles, inhibitory)).toEqual(new Map(openworm.muscles.filter((m) => m.transmitter === 'GABA').map((m) => [`${m.neuron}>${m.muscle}`, m.synapses * gSyn])));
    expect(excitatory.rule.pre.length + inhibitory.rule.pre.length).toBe(564);
    expect(desc.description).toContain(`Population 'muscles', by index: ${muscles.join(' ')}.`);
    expect(modelErrors(desc)).toEqual([]);
  });

  it('transmitterSigns replaces entries of the mapping; a mixture takes the sign of its parts', () => {
    const desc = connectomeDescription(openworm, { transmitterSigns: { Glutamate: 'inhibitory' } });
    const inhibitory = projection(desc.projections, 'chemical_inhibitory');
    const expected = openworm.chemical.filter((c) => c.transmitter === 'GABA' || c.transmitter === 'Glutamate' || c.transmitter === 'Serotonin_Glutamate');
    expect(inhibitory.rule.pre.length).toBe(expected.length);
  });

  it("otherTransmitters: 'omit' leaves out what the mapping does not name; tables without transmitters then have no chemical synapses", () => {
    const desc = connectomeDescription(openworm, { otherTransmitters: 'omit' });
    const kept = ['Acetylcholine', 'Glutamate', 'GABA', 'Serotonin_Acetylcholine', 'Acetylcholine_Tyramine', 'Serotonin_Glutamate'];
    const count = (name: string) => projection(desc.projections, name).rule.pre.length;
    expect(count('chemical_excitatory') + count('chemical_inhibitory')).toBe(openworm.chemical.filter((c) => kept.includes(c.transmitter!)).length);
    expect(connectomeDescription(cook, { otherTransmitters: 'omit' }).projections!.map((p) => p.name)).toEqual(['gap_junctions']);
  });

  it("Cook et al.'s table, without transmitters: every chemical synapse excitatory by default", () => {
    const desc = connectomeDescription(cook, { gSyn: 2e-10 });
    expect(desc.projections!.map((p) => p.name)).toEqual(['gap_junctions', 'chemical_excitatory']);
    expect(projection(desc.projections, 'chemical_excitatory').rule.weight).toEqual(cook.chemical.map((c) => c.synapses * 2e-10));
    expect(modelErrors(desc)).toEqual([]);
  });

  it('are checked: an unknown key or a wrong value is a typed error naming it', () => {
    const refused = (options: object) => refusalOf(() => connectomeDescription(openworm, options as never));
    expect(refused({ gGapp: '1 nS' })).toMatchObject({ code: 'E_PARAM', path: 'options.gGapp' });
    expect(refused({ gGapp: '1 nS' }).message).toMatch(/is not a setting here \(known: gGap, gSyn, muscles, transmitterSigns, otherTransmitters, dt\)/);
    expect(refused({ gSyn: '1 mV' })).toMatchObject({ code: 'E_UNITS', path: 'options.gSyn' });
    expect(refused({ gGap: -1e-9 })).toMatchObject({ code: 'E_PARAM', path: 'options.gGap' });
    expect(refused({ dt: 0 })).toMatchObject({ code: 'E_PARAM', path: 'options.dt' });
    expect(refused({ muscles: 'yes' })).toMatchObject({ code: 'E_PARAM', path: 'options.muscles' });
    expect(refused({ otherTransmitters: 'maybe' })).toMatchObject({ code: 'E_PARAM', path: 'options.otherTransmitters' });
    expect(refused({ transmitterSigns: { GABA: 'negative' } })).toMatchObject({ code: 'E_PARAM', path: 'options.transmitterSigns.GABA' });
    expect(refused({ transmitterSigns: { Serotonin: 'inhibitory' } }).message).toMatch(/"Serotonin_Acetylcholine" is made of transmitters of both signs/);
    expect(refusalOf(() => connectomeDescription(openworm, null as never))).toMatchObject({ code: 'E_PARAM', path: 'options' });
  });

  it('muscles need neuromuscular synapses; connections must name listed neurons', () => {
    const noMuscles = parseConnectome('openworm', dataFile('openworm_connectome_neurotransmitters.csv'));
    expect(refusalOf(() => connectomeDescription(noMuscles, { muscles: true }))).toMatchObject({ code: 'E_PARAM', path: 'options.muscles' });
    const broken: Connectome = { ...noMuscles, neurons: noMuscles.neurons.filter((n) => n !== 'AVAL') };
    expect(refusalOf(() => connectomeDescription(broken)).message).toMatch(/connectome.neurons: does not list "AVAL"/);
  });
});

describe('the parameters, as docs/connectome.md states them', () => {
  it("c302's passive membranes: 1 uF/cm2 with a leak of 0.005 mS/cm2 (neuron, 5 um sphere) or 5e-7 S/cm2 (muscle, 5 x 20 um cylinder), at -50 mV", () => {
    const sphere = Math.PI * 5e-6 ** 2;
    const cylinder = Math.PI * 5e-6 * 20e-6;
    const perM2 = (perCm2: number) => perCm2 * 1e4;
    expect(si(NEURON_MEMBRANE.C) / (perM2(1e-6) * sphere)).toBeCloseTo(1, 4);
    expect(si(NEURON_MEMBRANE.gL) / (perM2(0.005e-3) * sphere)).toBeCloseTo(1, 4);
    expect(si(MUSCLE_MEMBRANE.C) / (perM2(1e-6) * cylinder)).toBeCloseTo(1, 3);
    expect(si(MUSCLE_MEMBRANE.gL) / (perM2(5e-7) * cylinder)).toBeCloseTo(1, 3);
    expect(si(NEURON_MEMBRANE.C) / si(NEURON_MEMBRANE.gL)).toBeCloseTo(0.2, 3);
    expect([NEURON_MEMBRANE.EL, MUSCLE_MEMBRANE.EL]).toEqual(['-50 mV', '-50 mV']);
  });

  it("c302 C1's synapses and gap junctions, and the default sign mapping", () => {
    expect(GRADED_SYNAPSES).toEqual({
      excitatory: { eRev: '0 mV', vTh: '0 mV', vSlope: '5 mV' },
      inhibitory: { eRev: '-70 mV', vTh: '0 mV', vSlope: '5 mV' },
    });
    expect(CONNECTOME_MODEL_DEFAULTS).toEqual({
      gGap: '0.00052 nS', gSyn: '0.09 nS', muscles: false, dt: '0.01 ms', otherTransmitters: 'excitatory',
      transmitterSigns: { Acetylcholine: 'excitatory', Glutamate: 'excitatory', GABA: 'inhibitory' },
    });
  });
});
