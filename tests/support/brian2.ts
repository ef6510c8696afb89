// Brian2's statistics of the published networks (tests/references/brian2/published.json) and
// the comparison every published-behaviour test makes with them.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { mean } from './helpers.js';

const brian2 = JSON.parse(readFileSync(new URL('../references/brian2/published.json', import.meta.url), 'utf8')) as {
  networks: Record<string, { seeds: number[]; stats: Record<string, number[]> }>;
};
const sd = (xs: number[]) => Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

/**
 * Our values of one statistic (one per seed) against Brian2's (s: the standard deviation of
 * Brian2's values over its 10 seeds): the mean of ours within 4 s sqrt(1/n + 1/10) of Brian2's
 * mean, and each of ours within 5 s of it. With s estimated from 10 seeds these are t tests
 * with 9 degrees of freedom: about 3e-3 and 1e-3 two-sided per statistic for a simulator that
 * matches Brian2, taking our spread to be Brian2's. Our seeds are fixed, so the outcome does
 * not change from run to run; new seeds would fail somewhere among the ~30 statistics with a
 * probability of about a few percent.
 */
export function agreesWithBrian2(network: string, stat: string, ours: number[]): void {
  const theirs = brian2.networks[network]!.stats[stat]!;
  expect(theirs.length).toBe(10);
  const s = sd(theirs);
  const allowed = 4 * s * Math.sqrt(1 / ours.length + 1 / theirs.length);
  expect(Math.abs(mean(ours) - mean(theirs)), `${network} ${stat}: our mean ${mean(ours)} against Brian2's ${mean(theirs)} +- ${allowed}`).toBeLessThanOrEqual(allowed);
  for (const x of ours) expect(Math.abs(x - mean(theirs)), `${network} ${stat}: a run at ${x}`).toBeLessThanOrEqual(5 * s);
}
