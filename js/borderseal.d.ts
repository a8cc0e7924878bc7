// Types of the borderseal package: everything comes from the generated module.
export * from './borderseal_core.js';
export { default, initSync } from './borderseal_core.js';
