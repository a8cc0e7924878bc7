// Type-checked with `tsc --noEmit` against the installed package: the published .d.ts must
// describe what a portal developer writes.
import init, {
  version,
  limits,
  errorCodes,
  type BordersealError,
  type BordersealErrorCode,
  type Limits,
} from 'borderseal';

await init();
const v: string = version();
const l: Limits = limits();
const max: number = l.maxTextBytes + l.maxRecipients;
const codes: BordersealErrorCode[] = errorCodes();

function describe(err: unknown): string {
  const e = err as BordersealError;
  const code: BordersealErrorCode = e.code;
  return `${e.name} ${code}: ${e.message}`;
}

// @ts-expect-error: not a published error code
const wrong: BordersealErrorCode = 'NO_SUCH_CODE';

export { v, max, codes, describe, wrong };
