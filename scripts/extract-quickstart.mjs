// Prints the README's JavaScript quick start: the first ```js block after the
// "<!-- quickstart -->" marker, so that a test runs it verbatim.
import { readFileSync } from 'node:fs';

const text = readFileSync(process.argv[2], 'utf8');
const at = text.indexOf('<!-- quickstart -->');
const m = at < 0 ? null : /```js\n([\s\S]*?)```/.exec(text.slice(at));
if (!m) {
  console.error('README.md has no ```js block after <!-- quickstart -->');
  process.exit(1);
}
process.stdout.write(m[1]);
