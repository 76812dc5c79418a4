/**
 * Templates made of text, `{{ name }}` and `{% if name %}…{% else %}…{% endif %}` only (most of the
 * catalog, and most templates owners write) rendered without liquidjs, whose per-render machinery
 * was the largest single cost of an event. The output is liquidjs's, to the character: the same
 * truthiness (only nil and false are false), the same own-property lookup, the same note of a
 * missing variable. Whatever else a template holds (filters, loops, paths, whitespace control,
 * literals), or a value that is not a string, number or boolean, goes to liquidjs instead.
 * `server/test/template-fast.test.ts` checks the two against each other on generated templates.
 */

type Node = string | { out: string } | { if: string; yes: Node[]; no: Node[] };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words liquid reads as literals, not variables. */
const LITERALS = new Set(['nil', 'null', 'true', 'false', 'empty', 'blank']);
const TAGS = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;

const variable = (text: string) => {
  if (text.startsWith('-') || text.endsWith('-')) return undefined;
  const name = text.trim();
  return NAME.test(name) && !LITERALS.has(name) ? name : undefined;
};
const plain = (text: string) => !text.includes('{{') && !text.includes('{%');

/** The template as nodes, or null when it holds anything but text, names and if/else on a name. */
export function compileFast(source: string): Node[] | null {
  const root: Node[] = [];
  const open: { node: Extract<Node, { if: string }>; inElse: boolean }[] = [];
  let into = root;
  let last = 0;
  for (const m of source.matchAll(TAGS)) {
    const text = source.slice(last, m.index);
    // A `{` just before a tag makes `{{%` or `{{{`, which liquid reads its own way.
    if (!plain(text) || text.endsWith('{')) return null;
    if (text) into.push(text);
    last = m.index + m[0].length;
    if (m[1] !== undefined) {
      const name = variable(m[1]);
      if (!name) return null;
      into.push({ out: name });
      continue;
    }
    const tag = m[2]!;
    if (tag.startsWith('-') || tag.endsWith('-')) return null;
    const words = tag.trim().split(/\s+/);
    const top = open.at(-1);
    if (words[0] === 'if' && words.length === 2 && variable(words[1]!)) {
      const node = { if: words[1]!, yes: [], no: [] };
      into.push(node);
      open.push({ node, inElse: false });
      into = node.yes;
    } else if (words[0] === 'else' && words.length === 1 && top && !top.inElse) {
      top.inElse = true;
      into = top.node.no;
    } else if (words[0] === 'endif' && words.length === 1 && top) {
      open.pop();
      const outer = open.at(-1);
      into = outer ? (outer.inElse ? outer.node.no : outer.node.yes) : root;
    } else {
      return null;
    }
  }
  const tail = source.slice(last);
  if (open.length || !plain(tail)) return null;
  if (tail) into.push(tail);
  return root;
}

const lookup = (scope: Record<string, unknown>, name: string) =>
  Object.hasOwn(scope, name) ? scope[name] : undefined;

function run(nodes: Node[], scope: Record<string, unknown>, missing: string[]): string | undefined {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      out += node;
    } else if ('out' in node) {
      const value = lookup(scope, node.out);
      if (value === undefined || value === null) {
        if (missing.length < 20 && !missing.includes(node.out)) missing.push(node.out);
      } else if (typeof value === 'string') {
        out += value;
      } else if (typeof value === 'number' || typeof value === 'boolean') {
        out += String(value);
      } else {
        return undefined;
      }
    } else {
      const value = lookup(scope, node.if);
      const branch = value === undefined || value === null || value === false ? node.no : node.yes;
      const text = run(branch, scope, missing);
      if (text === undefined) return undefined;
      out += text;
    }
  }
  return out;
}

/** Nothing missing: shared, never written to (a render that misses nothing allocates no list). */
const NONE_MISSING = Object.freeze([]) as unknown as string[];

/**
 * Renders compiled nodes, with the variables it wrote as empty because the scope lacked them (at
 * most 20); `undefined` when a value is one liquidjs writes its own way (a list, an object).
 */
export function renderFast(
  nodes: Node[],
  scope: Record<string, unknown>,
): { text: string; missing: string[] } | undefined {
  const missing: string[] = [];
  const text = run(nodes, scope, missing);
  if (text === undefined) return undefined;
  return { text, missing: missing.length ? missing : NONE_MISSING };
}

const compiled = new Map<string, Node[] | null>();
const COMPILED_MAX = 2_000;

/** `compileFast`, kept for the 2,000 most recent sources. */
export function fastTemplate(source: string): Node[] | null {
  let nodes = compiled.get(source);
  if (nodes === undefined) {
    nodes = compileFast(source);
    if (compiled.size >= COMPILED_MAX) compiled.delete(compiled.keys().next().value!);
    compiled.set(source, nodes);
  }
  return nodes;
}
