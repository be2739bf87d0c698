// emotion-policy.js: whether the emotion model (ONNX Runtime Web and the
// model, ~5 MB) is worth downloading now. The core's own judgement answers
// every turn without it; the model only refines the emotions, so it loads
// only when it pays (setting `emotionModel`):
//   'off'    never;
//   'eager'  when the chat opens;
//   'auto'   (default) after the visitor's first message, and not when the
//            visitor asked to save data, on a slow connection (2G/3G, as the
//            browser's Network Information API reports it) or in a browser
//            without wasm SIMD, which ORT Web's wasm needs.
// Pure: the environment is passed in, so the unit tests decide every case.

// The smallest module using a SIMD instruction (i8x16.splat): it validates
// only where wasm SIMD is available.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export const EMOTION_MODES = ['auto', 'eager', 'off'];

/** `true`/`false` from older configurations mean 'auto'/'off'. */
export function emotionMode(value) {
  if (value === true || value === 'true') return 'auto';
  if (value === false || value === 'false') return 'off';
  return EMOTION_MODES.includes(value) ? value : undefined;
}

/** What this browser tells about itself, for emotionDecision(). */
export function browserEnvironment(nav = globalThis.navigator, wasm = globalThis.WebAssembly) {
  const connection = nav?.connection;
  let simd = false;
  try {
    simd = Boolean(wasm?.validate(SIMD_PROBE));
  } catch {
    simd = false;
  }
  return { saveData: Boolean(connection?.saveData), effectiveType: connection?.effectiveType ?? null, simd };
}

/**
 * @param {'auto'|'eager'|'off'} mode
 * @param {'open'|'message'} moment what just happened
 * @param {{saveData: boolean, effectiveType: string|null, simd: boolean}} env
 * @returns {{load: boolean, reason: string}}
 */
export function emotionDecision(mode, moment, env) {
  if (mode === 'off') return { load: false, reason: 'off' };
  if (!env.simd) return { load: false, reason: 'no_simd' };
  if (mode === 'eager') return { load: true, reason: 'eager' };
  if (env.saveData) return { load: false, reason: 'save_data' };
  if (['slow-2g', '2g', '3g'].includes(env.effectiveType)) return { load: false, reason: 'slow_connection' };
  if (moment !== 'message') return { load: false, reason: 'waiting_for_first_message' };
  return { load: true, reason: 'auto' };
}
