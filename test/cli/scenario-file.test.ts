/** cli/scenario-file.ts decodes a scenario's bytes once: the text, or why the bytes are not UTF-8 text. */
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../cli/scenario-file.ts';

describe('decodeScenario', () => {
  it('gives the text, a UTF-8 byte-order mark dropped and only that', () => {
    expect(decodeScenario(Buffer.from('name: café\r\n', 'utf8'))).toEqual({ text: 'name: café\r\n' });
    expect(decodeScenario(Buffer.from('\ufeffname: t\n', 'utf8'))).toEqual({ text: 'name: t\n' });
    expect(decodeScenario(Buffer.from('\ufeff\ufeffa', 'utf8'))).toEqual({ text: '\ufeffa' });
    expect(decodeScenario(new Uint8Array(0))).toEqual({ text: '' });
  });

  it('says why bytes are not a scenario text', () => {
    expect(decodeScenario(Buffer.from('\ufeffa: 1', 'utf16le'))).toEqual({ problem: expect.stringMatching(/UTF-16 text/) });
    expect(decodeScenario(Buffer.from([0x61, 0x00, 0x62]))).toEqual({ problem: expect.stringMatching(/NUL bytes/) });
    expect(decodeScenario(Buffer.from([0x61, 0xc3, 0x28]))).toEqual({ problem: expect.stringMatching(/bytes that are not UTF-8/) });
    expect(decodeScenario(Buffer.from([0xfe, 0xff, 0x00, 0x61]))).toEqual({ problem: expect.stringMatching(/UTF-16 text/) });
  });
});
