// axe-core (the npm package, not a service) run inside the page: the violations of impact serious
// or critical, one line each with the rule, its help and the first elements it names. An empty list
// is a clean page. WCAG 2.1 A and AA rules and axe's best practices are all run.
import { createRequire } from 'node:module';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const BLOCKING = new Set(['serious', 'critical']);

export async function checkAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.any[0]?.message ? ` (${n.any[0].message})` : ''}`),
    }));
  });
  return violations
    .filter((v) => BLOCKING.has(v.impact))
    .map((v) => `axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.length} element(s): ${v.nodes.slice(0, 3).join('; ')}`);
}
