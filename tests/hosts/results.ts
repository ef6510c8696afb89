// What every host's probe reports (tests/hosts/fixtures/probe.mjs), and how a driver hands it over.

export interface NetworkResult {
  spikes: number;
  rasterHash: string;
  stateHash: string;
  weightsHash: string;
  /** SHA-256 of the network exported to NIR (its weights as run), or 'E_MODEL' where NIR cannot say it. */
  nirHash: string;
  /** SHA-256 of the JSON of that file imported back. */
  nirImportHash: string;
  /** Raster hash of the spikes from the half-way step on. */
  tailHash: string;
  /** Node's half-way snapshot restored on this host and run to the end. */
  restored: { from: number; rasterHash: string; stateHash: string; weightsHash: string };
}

/** Per network: its result, or the code of the typed error this host refused it with. */
export type HostResults = Record<string, NetworkResult | { error: string }>;

/** The WASI command's spikes after Node's half-way snapshot, per network. */
export type WasiResults = Record<string, { spikes: number; rasterHash: string }>;

/** A probe's reply, or the host's own reason for failing. */
export function unwrap(host: string, reply: { results?: HostResults; error?: string }): HostResults {
  if (reply.error || !reply.results) throw new Error(`${host}: the probe failed: ${reply.error ?? 'no results'}`);
  return reply.results;
}
