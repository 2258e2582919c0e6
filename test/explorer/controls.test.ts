import { describe, expect, it } from 'vitest';
import { balancerOptions, checkSettings, controls, DEFAULT_SETTINGS } from '../../explorer/src/controls';
import { BALANCING_METHODS as BALANCERS } from '../../lib/balance/index';
import { MIB_DEFAULTS } from '../../lib/balance/mib';

describe('explorer controls', () => {
  it('offers none plus every registered balancer, labelled by its own name', () => {
    expect(balancerOptions()).toEqual([
      { value: 'none', label: 'none' },
      ...Object.keys(BALANCERS).map((k) => ({ value: k, label: k === 'mib' ? 'MIB' : expect.any(String) })),
    ]);
    const select = controls().find((c) => c.key === 'balancer');
    expect(select?.kind === 'select' && select.options.map((o) => o.value)).toEqual(['none', ...Object.keys(BALANCERS)]);
  });
  it('has one control per issue item, each default inside its range', () => {
    const keys = controls().map((c) => c.key);
    for (const k of ['textSignal', 'imageSignal', 'mismatch', 'missingTrain', 'missingTest', 'balancer', 'epochs', 'seed']) expect(keys).toContain(k);
    for (const c of controls())
      if (c.kind === 'range')
        (expect(DEFAULT_SETTINGS[c.key] as number).toBeGreaterThanOrEqual(c.min), expect(DEFAULT_SETTINGS[c.key] as number).toBeLessThanOrEqual(c.max));
  });
  it("balancing acts on MIB's default (the Adam step) unless the gradient is chosen", () => {
    expect(DEFAULT_SETTINGS.balanceMode).toBe('update');
    expect(DEFAULT_SETTINGS.balanceMode).toBe(MIB_DEFAULTS.mode);
    const mode = controls().find((c) => c.key === 'balanceMode');
    expect(mode?.kind === 'select' && mode.options.map((o) => o.value)).toEqual(['update', 'gradient']);
    expect(checkSettings({ balanceMode: 'gradient' }).balanceMode).toBe('gradient');
    expect(() => checkSettings({ balanceMode: 'step' })).toThrow(/setting 'balanceMode' must be gradient or update/);
  });
  it('reads settings from strings (a URL) and names a bad one', () => {
    expect(checkSettings({ imageSignal: '1.2', balancer: 'mib' })).toMatchObject({ imageSignal: 1.2, balancer: 'mib', textSignal: 1 });
    expect(() => checkSettings({ imageSignl: 1 } as never)).toThrow(/unknown setting 'imageSignl'/);
    expect(() => checkSettings({ balancer: 'ogm' })).toThrow(/setting 'balancer'/);
    expect(() => checkSettings({ epochs: 'x' })).toThrow(/setting 'epochs' must be a number/);
    expect(() => checkSettings({ epochs: 0 })).toThrow(/setting 'epochs' must be a positive integer/);
  });
});
