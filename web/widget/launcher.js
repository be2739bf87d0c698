// launcher.js: the launcher button, shared by the loader (which draws it at
// once, before the widget code loads) and <attune-chat> (which adopts the
// loader's button or draws its own when used directly). Styles go through a
// constructed stylesheet: strict CSP (style-src 'self') blocks <style> tags
// but not adoptedStyleSheets.

export const LAUNCHER_CSS = `
:host{--attune-accent:#3b5bdb;--attune-on-accent:#fff;--attune-font:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
--attune-radius:16px;--attune-z:2147483000;--attune-offset:20px;position:fixed;z-index:var(--attune-z);
inset-block-end:var(--attune-offset);inset-inline-end:var(--attune-offset);font-family:var(--attune-font);font-size:15px}
:host([position=bottom-left]){inset-inline-end:auto;inset-inline-start:var(--attune-offset)}
:host([inline]){position:static}
.launcher{display:flex;align-items:center;gap:8px;min-height:52px;padding:0 20px 0 16px;border:0;border-radius:26px;
background:var(--attune-accent);color:var(--attune-on-accent);font:600 15px/1 var(--attune-font);cursor:pointer;
box-shadow:0 4px 14px rgb(0 0 0/.25);position:relative}
.launcher:focus-visible{outline:3px solid var(--attune-accent);outline-offset:3px}
.launcher svg{width:24px;height:24px;fill:currentColor;flex:none}
:host([dir=rtl]) .launcher svg{transform:scaleX(-1)}
.badge{position:absolute;inset-block-start:-6px;inset-inline-end:-6px;min-width:22px;height:22px;padding:0 6px;box-sizing:border-box;
border-radius:11px;background:#c92a2a;color:#fff;font:700 12px/22px var(--attune-font);text-align:center}
.badge[hidden]{display:none}
@media (forced-colors:active){.launcher{border:2px solid ButtonText}}
`;

const ICONS = {
  chat: 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z',
  help: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 17h-2v-2h2v2zm2.1-7.7-.9.9c-.7.8-1.2 1.3-1.2 2.8h-2v-.5c0-1.1.5-2.1 1.2-2.8l1.2-1.3A2 2 0 1 0 10 9H8a4 4 0 1 1 7.1 2.3z',
};

export function sheet(css) {
  const s = new CSSStyleSheet();
  s.replaceSync(css);
  return s;
}

/**
 * Draws the launcher into `root` (a shadow root) and returns the button.
 * @param {{label: string, icon: string}} opts
 */
export function drawLauncher(root, { label, icon }) {
  const doc = root.ownerDocument;
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.part = 'launcher';
  button.setAttribute('aria-expanded', 'false');
  if (ICONS[icon]) {
    const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    const path = doc.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', ICONS[icon]);
    svg.append(path);
    button.append(svg);
  }
  const text = doc.createElement('span');
  text.className = 'label';
  text.textContent = label;
  const badge = doc.createElement('span');
  badge.className = 'badge';
  badge.part = 'badge';
  badge.hidden = true;
  button.append(text, badge);
  root.append(button);
  return button;
}
