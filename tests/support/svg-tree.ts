// A small reader of the SVG that `spikewasm plot` writes: elements with their attributes, text
// and children, and CSS-like lookups by element name and class. Enough for our own well-formed
// output (no comments, CDATA or doctypes), so the plot tests read structure, not string shapes.

export interface SvgNode {
  name: string;
  attrs: Record<string, string>;
  children: SvgNode[];
  text: string;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

export function parseSvg(svg: string): SvgNode {
  const root: SvgNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  for (const m of svg.matchAll(/<(\/?)([\w:-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g)) {
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) {
      top.text += unescape(m[5]);
    } else if (m[1] === '/') {
      if (top.name !== m[2]) throw new Error(`</${m[2]}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attrs = Object.fromEntries([...m[3]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, unescape(a[2]!)]));
      const node: SvgNode = { name: m[2]!, attrs, children: [], text: '' };
      top.children.push(node);
      if (m[4] !== '/') stack.push(node);
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  return root.children[0]!;
}

/** Every descendant matching `name.class` (either part optional, e.g. 'g.panel', '.tick-label', 'path'). */
export function all(node: SvgNode, selector: string): SvgNode[] {
  const [name, cls] = selector.split('.') as [string, string | undefined];
  const out: SvgNode[] = [];
  const visit = (n: SvgNode) => {
    for (const c of n.children) {
      if ((name === '' || c.name === name) && (cls === undefined || (c.attrs.class ?? '').split(' ').includes(cls))) out.push(c);
      visit(c);
    }
  };
  visit(node);
  return out;
}
