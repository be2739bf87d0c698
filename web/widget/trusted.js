// trusted.js: worker script URLs under Trusted Types. A page that sends
// `require-trusted-types-for 'script'` refuses plain strings for new Worker();
// Attune creates one policy, "attune", that only admits URLs under the
// widget's own base URL.
let policy;
let allowedBase = '';

/** A TrustedScriptURL when the browser supports Trusted Types, else the string. */
export function scriptUrl(url, base) {
  const tt = globalThis.trustedTypes;
  if (!tt?.createPolicy) return url;
  allowedBase = base;
  policy ||= tt.createPolicy('attune', {
    createScriptURL: (u) => {
      if (!allowedBase || !u.startsWith(allowedBase)) throw new TypeError(`Attune: refusing to load a script from ${u}`);
      return u;
    },
  });
  return policy.createScriptURL(url);
}
