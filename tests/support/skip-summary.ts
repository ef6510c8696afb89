// A vitest reporter that ends every run with what did not run: each skipped suite (its file
// and outermost describe, with the number of tests) and the note a test gave ctx.skip(), then
// a line "N passed, N failed, N skipped". So a suite that skipped itself (no GPU adapter, no
// browser, no `script`) is in the summary, not only in a console line further up.
import type { Reporter, TestModule } from 'vitest/node';

export default class SkipSummary implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped = new Map<string, { tests: number; notes: Set<string> }>();
    let passed = 0;
    let failed = 0;
    let skips = 0;
    const broken: string[] = [];
    for (const module of modules) {
      // A file that fails to load (or fails outside its tests) has no failed test of its own: count it once.
      if (module.errors().length > 0 && ![...module.children.allTests('failed')].length) {
        failed++;
        broken.push(`  failed to load: ${module.relativeModuleId}: ${module.errors()[0]!.message}`);
      }
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') failed++;
        else if (result.state === 'skipped') {
          skips++;
          const suite = `${module.relativeModuleId} › ${test.fullName.split(' > ')[0]}`;
          const entry = skipped.get(suite) ?? { tests: 0, notes: new Set<string>() };
          entry.tests++;
          if (result.note) entry.notes.add(result.note);
          skipped.set(suite, entry);
        }
      }
    }
    const lines = [...skipped].map(([suite, { tests, notes }]) => `  skipped: ${suite} (${tests} test${tests === 1 ? '' : 's'})${notes.size ? `: ${[...notes].join('; ')}` : ''}`);
    console.log(['', ...broken, ...lines, `${passed} passed, ${failed} failed, ${skips} skipped`].join('\n'));
  }
}
