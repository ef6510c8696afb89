// PNG output of `spikewasm plot`: the SVG figure rendered by resvg (@resvg/resvg-js, an optional
// dependency: the well-kept SVG renderer, native, with prebuilt binaries for the common platforms
// and system fonts for the labels). The core never loads it.
import { fail } from '../../ts/errors.js';

export async function svgToPng(svg: string): Promise<Uint8Array> {
  let resvg: typeof import('@resvg/resvg-js');
  try {
    resvg = await import('@resvg/resvg-js');
  } catch (e) {
    return fail('E_BACKEND', '--out', `writing PNG needs the optional package @resvg/resvg-js, which does not load here (${(e as Error).message}); install it, or write an .svg`);
  }
  return new resvg.Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng();
}
