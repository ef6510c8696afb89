// What a suite needs from the machine (a GPU adapter, Debian's browsers, `script`). Where it is
// missing the suite is skipped and the run's summary says so (tests/support/skip-summary.ts);
// under CI, where .ci/run installs every requirement, a missing one is a failure instead.
export function available(what: string, missing: string | false | undefined): boolean {
  if (!missing) return true;
  if (process.env.CI) throw new Error(`${what}: ${missing}. .ci/run installs what this needs, so under CI this fails instead of skipping.`);
  console.warn(`${what}: skipped: ${missing}`);
  return false;
}
