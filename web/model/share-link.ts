/**
 * Share links: a URL that reproduces a run when opened.
 *
 *   ?scenario=<file name without extension>&seed=N   a bundled scenario, unedited
 *   ?seed=N#scenario=<payload>                        an edited scenario, carried whole
 *   …#compare=<payload>                               compare mode: variant B, carried whole
 *
 * The payload sits in the hash so it never reaches a server (a static host's logs stay clean,
 * and there is no URL length limit on the server side). It is the scenario text, deflated
 * (`deflate-raw`, CompressionStream: every current browser and Node ≥ 18) and base64url-encoded,
 * prefixed `z.`; a plain base64url fallback (`b.`) is read too.
 */

export type ShareTarget = (
  | { kind: 'bundled'; name: string; seed: number | null }
  | { kind: 'inline'; text: string; seed: number | null }
  | { kind: 'none'; seed: number | null }
) & {
  /** Variant B's text when the link is to a comparison. */
  compareText?: string;
};

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The hash payload for a scenario text. */
export async function encodeScenarioText(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  if (typeof CompressionStream === 'function') {
    return `z.${toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw')))}`;
  }
  return `b.${toBase64Url(bytes)}`;
}

/** The scenario text from a hash payload; throws a readable error for a damaged link. */
export async function decodeScenarioText(payload: string): Promise<string> {
  try {
    if (payload.startsWith('z.')) {
      const bytes = await pipe(fromBase64Url(payload.slice(2)), new DecompressionStream('deflate-raw'));
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    if (payload.startsWith('b.')) {
      return new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(payload.slice(2)));
    }
  } catch {
    // fall through to the error below
  }
  throw new Error('the scenario in this link is damaged (it may have been cut short when copied)');
}

function parseSeed(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const seed = Number(value);
  return Number.isSafeInteger(seed) && seed >= 0 ? seed : null;
}

/** What a URL asks to run. */
export async function readShareUrl(url: URL): Promise<ShareTarget> {
  const seed = parseSeed(url.searchParams.get('seed'));
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  const payload = hash.get('scenario');
  const comparePayload = hash.get('compare');
  const compare = comparePayload ? { compareText: await decodeScenarioText(comparePayload) } : {};
  if (payload) return { kind: 'inline', text: await decodeScenarioText(payload), seed, ...compare };
  const name = url.searchParams.get('scenario');
  if (name) return { kind: 'bundled', name, seed, ...compare };
  return { kind: 'none', seed };
}

/**
 * The share link for a run. `base` is the page address (its query and hash are replaced).
 * A bundled, unedited scenario is named; anything else travels in the hash.
 */
export async function shareUrl(
  base: string,
  run: { bundledName: string | null; text: string; seed: number; compareText?: string | null },
): Promise<string> {
  const url = new URL(base);
  url.search = '';
  url.hash = '';
  const hash = new URLSearchParams();
  if (run.bundledName) url.searchParams.set('scenario', run.bundledName);
  else hash.set('scenario', await encodeScenarioText(run.text));
  url.searchParams.set('seed', String(run.seed));
  if (run.compareText) hash.set('compare', await encodeScenarioText(run.compareText));
  const fragment = hash.toString();
  return fragment ? `${url.toString()}#${fragment}` : url.toString();
}
