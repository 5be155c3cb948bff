/**
 * A minimal DOM, just enough for D3 to build an SVG element in Node: elements with attributes,
 * children, text, inline styles, listeners, simple CSS selectors (tag, .class, [attr=value],
 * descendant combinator, comma lists) and serialisation. The chart functions only create and
 * query nodes (no layout), so this lets their tests run without a browser or a DOM package.
 * Install with `installMiniDom()`; the real browser is covered by the end-to-end tests.
 */

const XHTML = 'http://www.w3.org/1999/xhtml';

type Listener = (event: Event) => void;

class MiniNode {
  parentNode: MiniElement | null = null;
  childNodes: MiniNode[] = [];
  ownerDocument!: MiniDocument;
  readonly nodeType: number = 1;

  get nextSibling(): MiniNode | null {
    if (!this.parentNode) return null;
    const siblings = this.parentNode.childNodes;
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }
  get previousSibling(): MiniNode | null {
    if (!this.parentNode) return null;
    const siblings = this.parentNode.childNodes;
    return siblings[siblings.indexOf(this) - 1] ?? null;
  }
  get firstChild(): MiniNode | null {
    return this.childNodes[0] ?? null;
  }
  get lastChild(): MiniNode | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }
  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(value: string) {
    for (const child of this.childNodes) child.parentNode = null;
    this.childNodes = [];
    if (value !== '' && value !== null && value !== undefined) {
      const text = new MiniText(String(value));
      text.ownerDocument = this.ownerDocument;
      text.parentNode = this as unknown as MiniElement;
      this.childNodes.push(text);
    }
  }
  appendChild<T extends MiniNode>(child: T): T {
    return this.insertBefore(child, null);
  }
  append(...children: MiniNode[]): void {
    for (const child of children) this.appendChild(child);
  }
  insertBefore<T extends MiniNode>(child: T, before: MiniNode | null): T {
    if (child.parentNode) child.parentNode.removeChild(child);
    const index = before ? this.childNodes.indexOf(before) : -1;
    if (index < 0) this.childNodes.push(child);
    else this.childNodes.splice(index, 0, child);
    child.parentNode = this as unknown as MiniElement;
    return child;
  }
  removeChild<T extends MiniNode>(child: T): T {
    const index = this.childNodes.indexOf(child);
    if (index >= 0) this.childNodes.splice(index, 1);
    child.parentNode = null;
    return child;
  }
  remove(): void {
    this.parentNode?.removeChild(this);
  }
  compareDocumentPosition(other: MiniNode): number {
    const order = (node: MiniNode): number[] => {
      const path: number[] = [];
      let n: MiniNode | null = node;
      while (n && n.parentNode) {
        path.unshift(n.parentNode.childNodes.indexOf(n));
        n = n.parentNode;
      }
      return path;
    };
    const a = order(this);
    const b = order(other);
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] !== b[i]) return a[i]! < b[i]! ? 4 : 2;
    }
    return a.length < b.length ? 4 + 16 : 2 + 8;
  }
}

class MiniText extends MiniNode {
  override readonly nodeType: number = 3;
  constructor(public data: string) {
    super();
  }
  override get textContent(): string {
    return this.data;
  }
  override set textContent(value: string) {
    this.data = value;
  }
  cloneNode(): MiniText {
    const copy = new MiniText(this.data);
    copy.ownerDocument = this.ownerDocument;
    return copy;
  }
}

class MiniStyle {
  private readonly props = new Map<string, string>();
  setProperty(name: string, value: string): void {
    this.props.set(name, String(value));
  }
  removeProperty(name: string): void {
    this.props.delete(name);
  }
  getPropertyValue(name: string): string {
    return this.props.get(name) ?? '';
  }
  toString(): string {
    return [...this.props].map(([k, v]) => `${k}: ${v};`).join(' ');
  }
  get size(): number {
    return this.props.size;
  }
}

interface Compound {
  tag: string | null;
  classes: string[];
  attrs: { name: string; value: string | null }[];
}

function parseCompound(text: string): Compound {
  const compound: Compound = { tag: null, classes: [], attrs: [] };
  const re = /([a-zA-Z][\w-]*|\*)|\.([\w-]+)|\[([\w-]+)(?:=["']?([^\]"']*)["']?)?\]/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text))) {
    if (match[1]) compound.tag = match[1] === '*' ? null : match[1];
    else if (match[2]) compound.classes.push(match[2]);
    else if (match[3]) compound.attrs.push({ name: match[3], value: match[4] ?? null });
  }
  return compound;
}

function matchesCompound(el: MiniElement, c: Compound): boolean {
  if (c.tag && el.localName !== c.tag) return false;
  const classes = (el.getAttribute('class') ?? '').split(/\s+/);
  if (!c.classes.every((cls) => classes.includes(cls))) return false;
  return c.attrs.every((a) => el.hasAttribute(a.name) && (a.value === null || el.getAttribute(a.name) === a.value));
}

function matchesSelector(el: MiniElement, selector: string, scope: MiniElement): boolean {
  return selector.split(',').some((part) => {
    const compounds = part.trim().split(/\s+/).map(parseCompound);
    if (!matchesCompound(el, compounds[compounds.length - 1]!)) return false;
    let node: MiniElement | null = el.parentNode;
    for (let i = compounds.length - 2; i >= 0; i--) {
      while (node && node !== scope.parentNode && !matchesCompound(node, compounds[i]!)) node = node.parentNode;
      if (!node || node === scope.parentNode) return false;
      node = node.parentNode;
    }
    return true;
  });
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export class MiniElement extends MiniNode {
  readonly attributes = new Map<string, string>();
  readonly style = new MiniStyle();
  private readonly listeners = new Map<string, Listener[]>();
  [key: string]: unknown;

  constructor(
    readonly namespaceURI: string,
    readonly localName: string,
  ) {
    super();
  }
  get tagName(): string {
    return this.localName;
  }
  get children(): MiniElement[] {
    return this.childNodes.filter((c): c is MiniElement => c instanceof MiniElement);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: unknown): void {
    this.attributes.set(name, String(value));
  }
  setAttributeNS(_ns: string | null, name: string, value: unknown): void {
    this.setAttribute(name, value);
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  removeAttributeNS(_ns: string | null, name: string): void {
    this.removeAttribute(name);
  }
  hasAttribute(name: string): boolean {
    return this.attributes.has(name);
  }
  addEventListener(type: string, listener: Listener): void {
    const list = this.listeners.get(type) ?? [];
    list.push(listener);
    this.listeners.set(type, list);
  }
  removeEventListener(type: string, listener: Listener): void {
    const list = this.listeners.get(type) ?? [];
    this.listeners.set(
      type,
      list.filter((l) => l !== listener),
    );
  }
  dispatchEvent(event: Event): boolean {
    let node: MiniElement | null = this;
    while (node) {
      for (const listener of node.listeners.get(event.type) ?? []) listener.call(node, event);
      if (!event.bubbles) break;
      node = node.parentNode;
    }
    return true;
  }
  querySelectorAll(selector: string): MiniElement[] {
    const found: MiniElement[] = [];
    const walk = (node: MiniElement): void => {
      for (const child of node.children) {
        if (matchesSelector(child, selector, this)) found.push(child);
        walk(child);
      }
    };
    walk(this);
    return found;
  }
  querySelector(selector: string): MiniElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }
  matches(selector: string): boolean {
    return matchesSelector(this, selector, this);
  }
  cloneNode(deep = false): MiniElement {
    const copy = new MiniElement(this.namespaceURI, this.localName);
    copy.ownerDocument = this.ownerDocument;
    for (const [k, v] of this.attributes) copy.attributes.set(k, v);
    if (this.style.size) copy.setAttribute('style', this.style.toString());
    if (deep) for (const child of this.childNodes) copy.appendChild((child as MiniElement | MiniText).cloneNode(true));
    return copy;
  }
  get outerHTML(): string {
    const attrs = [...this.attributes].map(([k, v]) => ` ${k}="${escapeText(v).replace(/"/g, '&quot;')}"`).join('');
    const style = this.style.size && !this.attributes.has('style') ? ` style="${this.style.toString()}"` : '';
    const inner = this.childNodes
      .map((c) => (c instanceof MiniElement ? c.outerHTML : escapeText(c.textContent)))
      .join('');
    return `<${this.localName}${attrs}${style}>${inner}</${this.localName}>`;
  }
}

export class MiniDocument {
  readonly documentElement: MiniElement;
  readonly body: MiniElement;
  constructor() {
    this.documentElement = this.createElementNS(XHTML, 'html');
    this.body = this.createElementNS(XHTML, 'body');
    this.documentElement.appendChild(this.body);
  }
  createElementNS(ns: string, name: string): MiniElement {
    const el = new MiniElement(ns, name);
    el.ownerDocument = this;
    return el;
  }
  createElement(name: string): MiniElement {
    return this.createElementNS(XHTML, name);
  }
  createTextNode(text: string): MiniText {
    const node = new MiniText(text);
    node.ownerDocument = this;
    return node;
  }
  querySelector(selector: string): MiniElement | null {
    return this.documentElement.querySelector(selector);
  }
  querySelectorAll(selector: string): MiniElement[] {
    return this.documentElement.querySelectorAll(selector);
  }
}

/** Puts a fresh mini DOM on `globalThis.document` (and an XMLSerializer); returns it. */
export function installMiniDom(): MiniDocument {
  const doc = new MiniDocument();
  const g = globalThis as unknown as Record<string, unknown>;
  g.document = doc;
  g.XMLSerializer = class {
    serializeToString(node: MiniElement): string {
      return node.outerHTML;
    }
  };
  return doc;
}
