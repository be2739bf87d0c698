// define.js -> dist/attune-chat.js: registers <attune-chat> once (a page may
// load the widget twice, e.g. the loader and a bundler import).
import { AttuneChat } from './attune-chat.js';

if (!customElements.get('attune-chat')) customElements.define('attune-chat', AttuneChat);

export { AttuneChat };
