import { type Template, TypeGuards } from 'liquidjs';

/**
 * What a tenant's template may contain, checked once when it is saved (or previewed), so that the
 * work of one render is bounded by its text and not only by the render-time limits.
 */
export const TEMPLATE_LIMITS = {
  /** Characters of template source. */
  length: 4000,
  /** Tags and `{{ }}` outputs, nested ones included. */
  nodes: 200,
  /** A loop inside a loop multiplies the work: one level only. */
  loopDepth: 1,
  /** Items of a `(a..b)` range; its bounds must be numbers written in the template. */
  range: 100,
} as const;

// There are no template files: these tags could only reach for other templates.
const FILE_TAGS = new Set(['include', 'render', 'layout', 'block']);
const LOOP_TAGS = new Set(['for', 'tablerow']);

interface Node {
  name?: string;
  children?: (partials?: boolean, sync?: boolean) => Generator<unknown, unknown, unknown>;
  arguments?: () => unknown;
}

/** The value a liquidjs generator returns (its tags' `children()` return their list, yielding nothing). */
function returned(gen: Generator<unknown, unknown, unknown>): unknown {
  let step = gen.next();
  for (let guard = 0; !step.done && guard < 1000; guard++) step = gen.next();
  return step.done ? step.value : [];
}

/** Every argument of a node: its expression tokens, filters and their arguments, nested. */
function* tokens(value: unknown, depth = 0): Generator<unknown> {
  if (!value || typeof value !== 'object' || depth > 50) return;
  if (Array.isArray(value)) {
    for (const v of value) yield* tokens(v, depth + 1);
    return;
  }
  yield value;
  const v = value as {
    initial?: { postfix?: unknown[] };
    filters?: { args?: unknown[] }[];
    lhs?: unknown;
    rhs?: unknown;
    props?: unknown[];
  };
  if (v.initial?.postfix) yield* tokens(v.initial.postfix, depth + 1);
  for (const f of v.filters ?? []) yield* tokens(f.args ?? [], depth + 1);
  if (v.lhs) yield* tokens(v.lhs, depth + 1);
  if (v.rhs) yield* tokens(v.rhs, depth + 1);
  if (v.props) yield* tokens(v.props, depth + 1);
}

/** A range token's problem: bounds not literal numbers, or too many items. */
function rangeProblem(token: { lhs: unknown; rhs: unknown; getText(): string }): string | undefined {
  const bound = (t: unknown) =>
    TypeGuards.isNumberToken(t as never) ? Number((t as { getText(): string }).getText()) : Number.NaN;
  const low = bound(token.lhs);
  const high = bound(token.rhs);
  if (!Number.isFinite(low) || !Number.isFinite(high)) {
    return `the range ${token.getText()} needs numbers as bounds, not variables`;
  }
  if (high - low + 1 > TEMPLATE_LIMITS.range) {
    return `the range ${token.getText()} has more than ${TEMPLATE_LIMITS.range} items`;
  }
  return undefined;
}

/**
 * Why a parsed template cannot be bounded (nested loops, a huge or variable range, an include,
 * too many tags), or undefined when it can.
 */
export function costProblem(templates: readonly Template[]): string | undefined {
  let nodes = 0;
  const stack: [Node, number][] = [...templates].reverse().map((t) => [t as unknown as Node, 0]);
  while (stack.length) {
    const [node, loops] = stack.pop()!;
    const name = node.name;
    if (name !== undefined || node.arguments) nodes++;
    if (nodes > TEMPLATE_LIMITS.nodes) return `more than ${TEMPLATE_LIMITS.nodes} tags and outputs`;
    if (name && FILE_TAGS.has(name)) return `{% ${name} %} is not available: templates cannot include others`;
    const depth = name && LOOP_TAGS.has(name) ? loops + 1 : loops;
    if (depth > TEMPLATE_LIMITS.loopDepth) return 'a loop inside a loop is not allowed';
    for (const arg of node.arguments ? returnedAll(node.arguments()) : []) {
      for (const token of tokens(arg)) {
        if (TypeGuards.isRangeToken(token as never)) {
          const problem = rangeProblem(token as { lhs: unknown; rhs: unknown; getText(): string });
          if (problem) return problem;
        }
      }
    }
    const children = node.children ? returned(node.children(false, true)) : [];
    if (Array.isArray(children)) {
      for (const child of [...children].reverse()) stack.push([child as Node, depth]);
    }
  }
  return undefined;
}

/** Everything an `arguments()` generator yields (some nodes answer a plain list, or nothing). */
function returnedAll(result: unknown): unknown[] {
  if (!result || typeof result !== 'object') return [];
  const gen = result as Partial<Generator<unknown, unknown, unknown>>;
  if (typeof gen.next !== 'function') return Array.isArray(result) ? result : [];
  const out: unknown[] = [];
  let step = gen.next();
  for (let guard = 0; !step.done && guard < 1000; guard++) {
    out.push(step.value);
    step = gen.next();
  }
  return out;
}
