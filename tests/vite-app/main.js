// A bundled app imports the package by name; Vite resolves the browser entry and emits the
// .wasm file as an asset.
import init, { version } from 'borderseal';

await init();
document.getElementById('version').textContent = version();
