// The import rules of .dependency-cruiser.cjs over the workspace, and one rule
// those per-file rules cannot express: no cycle between the API's feature
// folders (apps/api/src/<feature>/, each top-level folder one module). Exits
// non-zero on any violation. Run by `npm test`; alone: node tools/check-dependencies.mjs
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { join } from 'node:path';
import { ROOT } from './stack.mjs';

const SCANNED = ['apps', 'libs', 'tools', 'bench'];
const FEATURE = /^apps\/api\/src\/([^/]+)\//;
/** Entities are the schema: registered by the database layer, read by several features, part of none. */
const ENTITY = /\.entity\.ts$/;

process.chdir(ROOT);
const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
const tsConfig = extractTSConfig(join(ROOT, options.tsConfig.fileName));
const { output } = await cruise(SCANNED, options, undefined, { tsConfig });
const result = typeof output === 'string' ? JSON.parse(output) : output;

const problems = result.summary.violations
  .filter((violation) => violation.rule.severity === 'error')
  .map((violation) => {
    const path = [violation.from, ...(violation.cycle?.map((step) => step.name) ?? [violation.to])].join(' → ');
    return `${violation.rule.name}: ${path}`;
  });
problems.push(...featureCycles(result.modules).map((cycle) => `feature-cycle: ${cycle}`));

console.log(`${result.summary.totalCruised} modules, ${result.summary.totalDependenciesCruised} imports checked`);
for (const problem of problems) console.log(`  ${problem}`);
console.log(problems.length === 0 ? 'no dependency problems' : `${problems.length} dependency problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);

/**
 * Strongly connected components of the graph of feature folders (Tarjan), each
 * as one line naming the imports that close it.
 * @param {import('dependency-cruiser').IModule[]} modules
 */
function featureCycles(modules) {
  const featureOf = (path) => (ENTITY.test(path) ? undefined : FEATURE.exec(path)?.[1]);
  /** @type {Map<string, Map<string, string>>} feature → feature → one importing file */
  const edges = new Map();
  for (const module of modules) {
    const from = featureOf(module.source);
    if (!from) continue;
    for (const dependency of module.dependencies) {
      const to = featureOf(dependency.resolved);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, `${module.source} → ${dependency.resolved}`);
    }
  }
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (node) => {
    index.set(node, index.size);
    low.set(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => {
    const inside = new Set(component);
    const imports = component.flatMap((from) =>
      [...(edges.get(from) ?? [])].filter(([to]) => inside.has(to)).map(([, example]) => example),
    );
    return `${component.join(' ⇄ ')} (${imports.join('; ')})`;
  });
}
