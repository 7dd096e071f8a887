import { describe, expect, it } from 'vitest';
import { safeNext } from './SignInPage';
import { mciInForce } from './DeskPage';

describe('safeNext', () => {
  it('returns only to paths of this app', () => {
    expect(safeNext('/desk?x=1')).toBe('/desk?x=1');
    expect(safeNext(null)).toBe('/desk/inbox');
    expect(safeNext('https://example.org/')).toBe('/desk/inbox');
    expect(safeNext('//example.org/')).toBe('/desk/inbox');
  });

  it('lands an administrator, who sees no applications, on the integrator clients', () => {
    expect(safeNext(null, 'admin')).toBe('/desk/admin/clients');
    expect(safeNext(null, 'clerk')).toBe('/desk/inbox');
    expect(safeNext('/desk/inbox', 'admin')).toBe('/desk/inbox');
  });

  it('lands a unit head on the dashboard and an auditor on the ministry view, unless sent elsewhere', () => {
    expect(safeNext(null, 'unit-head')).toBe('/desk/dashboard');
    expect(safeNext(null, 'auditor')).toBe('/desk/ministry');
    expect(safeNext('/desk/workload', 'unit-head')).toBe('/desk/workload');
    expect(safeNext('//example.org/', 'auditor')).toBe('/desk/ministry');
  });
});

describe('mciInForce', () => {
  const rows = [
    { effectiveFrom: '2025-01-01', value: 3932, changedAt: '2025-01-01T00:00:00Z', changedBy: 'seed' },
    { effectiveFrom: '2026-01-01', value: 4325, changedAt: '2026-01-01T00:00:00Z', changedBy: 'seed' },
    { effectiveFrom: '2027-01-01', value: 4700, changedAt: '2026-12-01T00:00:00Z', changedBy: 'admin' },
  ];

  it('takes the latest row that has started', () => {
    expect(mciInForce(rows, '2026-11-27')?.value).toBe(4325);
    expect(mciInForce(rows, '2027-01-01')?.value).toBe(4700);
    expect(mciInForce(rows, '2024-06-01')).toBeUndefined();
  });
});
