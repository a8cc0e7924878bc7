// Loads the package exactly as a portal without a bundler would.
import init, { version } from './pkg/borderseal.js';

const status = document.getElementById('status');
try {
  await init();
  document.getElementById('version').textContent = version();
} catch (err) {
  status.textContent = `The module could not be loaded: ${err.message}`;
}
