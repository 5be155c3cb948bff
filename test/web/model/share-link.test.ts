import { describe, expect, it } from 'vitest';
import { decodeScenarioText, encodeScenarioText, readShareUrl, shareUrl } from '../../../web/model/share-link.ts';

const BASE = 'https://example.test/elbsim/index.html?old=1#old';
const TEXT = 'name: Edited\nduration: 2h # ünïcode ✓\nzones: [us-east-1a]\n';

describe('share links', () => {
  it('a bundled scenario is named in the query, with its seed', async () => {
    const url = await shareUrl(BASE, { bundledName: 'flash-sale', text: TEXT, seed: 7 });
    expect(url).toBe('https://example.test/elbsim/index.html?scenario=flash-sale&seed=7');
    expect(await readShareUrl(new URL(url))).toEqual({ kind: 'bundled', name: 'flash-sale', seed: 7 });
  });
  it('an edited scenario travels whole in the hash and comes back byte for byte', async () => {
    const url = await shareUrl(BASE, { bundledName: null, text: TEXT, seed: 3 });
    expect(url).toMatch(/\?seed=3#scenario=z\./);
    expect(await readShareUrl(new URL(url))).toEqual({ kind: 'inline', text: TEXT, seed: 3 });
  });
  it('compare mode: variant B travels in the hash beside a bundled or an edited A', async () => {
    const bundled = await shareUrl(BASE, { bundledName: 'flash-sale', text: TEXT, seed: 2, compareText: 'name: B\n' });
    expect(bundled).toMatch(/\?scenario=flash-sale&seed=2#compare=z\./);
    expect(await readShareUrl(new URL(bundled))).toEqual({ kind: 'bundled', name: 'flash-sale', seed: 2, compareText: 'name: B\n' });
    const edited = await shareUrl(BASE, { bundledName: null, text: TEXT, seed: 2, compareText: 'name: B\n' });
    expect(await readShareUrl(new URL(edited))).toEqual({ kind: 'inline', text: TEXT, seed: 2, compareText: 'name: B\n' });
  });

  it('compression keeps a long scenario link short', async () => {
    const long = TEXT.repeat(200);
    const payload = await encodeScenarioText(long);
    expect(payload.length).toBeLessThan(long.length / 10);
    expect(await decodeScenarioText(payload)).toBe(long);
  });
  it('reads the plain fallback encoding, and says so when a link is damaged', async () => {
    const plain = `b.${Buffer.from('name: x\n').toString('base64url')}`;
    expect(await decodeScenarioText(plain)).toBe('name: x\n');
    await expect(decodeScenarioText('z.AAAA')).rejects.toThrow(/damaged/);
    await expect(decodeScenarioText('nonsense')).rejects.toThrow(/damaged/);
  });
  it('a page without parameters asks for nothing; a bad seed is ignored', async () => {
    expect(await readShareUrl(new URL('https://example.test/'))).toEqual({ kind: 'none', seed: null });
    expect(await readShareUrl(new URL('https://example.test/?scenario=a&seed=-4'))).toEqual({ kind: 'bundled', name: 'a', seed: null });
  });
});
