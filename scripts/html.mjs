// Reads a page with a real HTML parser and edits it in place, for the build steps that
// change a page (scripts/finish-page.mjs, scripts/package-embed.mjs). parse5 builds the tree
// the HTML standard says a browser builds, so an element is found whatever its attributes'
// order, quoting or spacing, and inside a <template> too. Each edit is then made at the
// offsets the parser reports in the text: everything not edited stays byte for byte as it
// was written (Trunk's output, the pre-render's hydration markers), which serialising the
// tree again would not keep.
import { createHash } from 'node:crypto';
import { parse } from 'parse5';

/** The Subresource Integrity value of `bytes`: what an integrity="…" attribute holds. */
export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/**
 * Every element written in `html`, in document order, a <template>'s content included; each
 * with its tag name, its attributes (name → value, in the order written), the text of its
 * children when they are text (a script's code), and where it stands in `html`: `start` and
 * `end` for the whole element; `startTag`, `endTag` (undefined when it has none) and
 * `attributeAt[name]` for each attribute, each as { start, end }.
 */
export function elements(html) {
  const found = [];
  const visit = (node) => {
    const location = node.sourceCodeLocation;
    if (node.tagName && location) {
      const span = (at) => at && { start: at.startOffset, end: at.endOffset };
      found.push({
        name: node.tagName,
        attributes: new Map(node.attrs.map(({ name, value }) => [name, value])),
        text: node.childNodes.map((child) => child.value ?? '').join(''),
        start: location.startOffset,
        end: location.endOffset,
        startTag: span(location.startTag),
        endTag: span(location.endTag),
        attributeAt: Object.fromEntries(Object.entries(location.attrs ?? {}).map(([name, at]) => [name, span(at)])),
      });
    }
    for (const child of node.childNodes ?? []) visit(child);
    if (node.content) visit(node.content);
  };
  visit(parse(html, { sourceCodeLocationInfo: true }));
  return found;
}

/** The one element in `found`, or a failure that names the page and `what`, and how many there were. */
export function only(found, what, page) {
  if (found.length !== 1) throw new Error(`${page}: expected one ${what}, found ${found.length}`);
  return found[0];
}

/** The file a local URL in a page names (`./a.css`, `/a.css`, `a.css` → `a.css`); null for any other URL. */
export function localFile(url) {
  if (url === undefined || /[:?#]/.test(url)) return null;
  return url.replace(/^\.?\//, '');
}

/**
 * `html` with each edit made: `{ from, to, text }` puts `text` in place of what stands
 * between the offsets `from` and `to` (an insertion when they are equal). All offsets are
 * into `html` as given, so edits are listed without minding how earlier ones move the text.
 */
export function edit(html, edits) {
  const ordered = [...edits].sort((a, b) => a.from - b.from || a.to - b.to);
  let out = '';
  let at = 0;
  for (const { from, to, text } of ordered) {
    if (from < at) throw new Error(`two edits overlap at offset ${from}`);
    out += html.slice(at, from) + text;
    at = to;
  }
  return out + html.slice(at);
}

/**
 * `html` with integrity="…" after the address of every <link href> and <script src> that
 * names a local file and has no integrity yet; `hash(file)` gives the value.
 */
export function withIntegrity(html, hash) {
  const edits = elements(html).flatMap((element) => {
    const attribute = { link: 'href', script: 'src' }[element.name];
    const file = attribute && localFile(element.attributes.get(attribute));
    if (!file || element.attributes.has('integrity')) return [];
    const at = element.attributeAt[attribute].end;
    return [{ from: at, to: at, text: ` integrity="${hash(file)}"` }];
  });
  return edit(html, edits);
}

/** An edit that removes `element` and the white space before it (its line's indent). */
export function removal(html, element) {
  let from = element.start;
  while (from > 0 && /\s/.test(html[from - 1])) from -= 1;
  return { from, to: element.end, text: '' };
}
