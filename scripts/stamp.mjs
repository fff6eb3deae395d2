// Fills in a browser program's build-time constants: the source declares each as
// `const NAME = null;` (so it is a complete program, linted with the rest), and a build
// step gives each its value. The page's start script (scripts/finish-page.mjs) and the
// widget script (scripts/package-embed.mjs) are stamped so.

/**
 * `source` with each `const NAME = null;` given its value from `values`, written as JSON.
 * `file` names the source in the error when one of them is missing.
 */
export function stamp(source, values, file) {
  for (const [name, value] of Object.entries(values)) {
    const unstamped = `const ${name} = null;`;
    if (!source.includes(unstamped)) throw new Error(`${file} lacks "${unstamped}"`);
    source = source.replace(unstamped, `const ${name} = ${JSON.stringify(value)};`);
  }
  return source;
}
