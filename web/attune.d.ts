// TypeScript declarations for Attune's widget: the global `Attune` function
// (dist/attune.js), the <attune-chat> element and the ES module entry
// (dist/attune.mjs).

export type AttuneLocale = 'en' | 'es' | 'fr' | 'de' | 'pt' | 'ar';

/** A channel config, passed to createChannel() when the visitor agrees to a handoff. */
export type AttuneChannelConfig =
  | { type: 'websocket'; url: string | string[] }
  | { type: 'webhook'; url: string; events?: 'sse' | 'poll'; pollMs?: number }
  | {
      type: 'custom';
      connect(handoff: AttuneHandoffPayload): Promise<unknown>;
      send(frame: { type: string; id?: string; [k: string]: unknown }): Promise<unknown>;
      onMessage(fn: (frame: { type: string; [k: string]: unknown }) => void): (() => void) | void;
      close(): Promise<void> | void;
    };

/** window.AttuneSettings, data- attributes on the script tag (kebab-case), or mount(settings). */
export interface AttuneSettings {
  /** Where Attune's files are served; default: the folder of attune.js. */
  baseUrl?: string;
  /** URL of a template pack, or the pack itself; default: packs/ecommerce.en.json next to attune.js. */
  pack?: string | object;
  /** UI language; default: <html lang>, then the browser's languages, then English. */
  locale?: AttuneLocale;
  /** Panel title; default: the pack's name. */
  title?: string;
  position?: 'bottom-right' | 'bottom-left';
  /** 'auto' follows prefers-color-scheme. */
  theme?: 'auto' | 'light' | 'dark';
  launcherLabel?: string;
  launcherIcon?: 'chat' | 'help' | 'none';
  /** Opt-in persistence of the conversation; default 'none'. */
  persist?: 'none' | 'session' | 'local';
  /** Time-to-live of a persisted conversation, minutes (default 30). */
  persistTtlMinutes?: number;
  /** 'idle' (default) loads the widget when the page is idle; 'open' only when opened. */
  preload?: 'idle' | 'open';
  /** Run the ONNX emotion model in a worker when available (default true). */
  emotionModel?: boolean;
  /** Open the panel at once. */
  open?: boolean;
  /** Where a handoff goes; without one (the default) nothing ever leaves the page. */
  channel?: AttuneChannelConfig | null;
}

export interface AttuneMessage {
  id: string;
  from: 'user' | 'bot' | 'agent' | 'system';
  text: string;
  /** ms since the epoch */
  time: number;
  name?: string;
  /** The core's turn result, for bot messages. */
  turn?: AttuneTurn;
}

export interface AttuneTurn {
  turn: number;
  reply: string;
  intent: string;
  confidence: number;
  tone: string;
  quick_replies: string[];
  /** BCP 47 language the message is written in ('en', 'es', ...), 'und' without the judgement model or words. */
  language: string;
  valence: number;
  emotions: Record<string, number> | null;
  /** The judgement model's heads (null when it is not loaded: patterns only). */
  heads: Record<'crisis' | 'human_request' | 'frustration' | 'negativity', { probability: number; threshold: number; fired: boolean }> | null;
  crisis_kind: 'self_harm' | 'medical_emergency' | 'violence' | null;
  /** begin/end: UTF-16 offsets into the visitor's message: text.slice(begin, end) === evidence. */
  cues: { name: string; strength: number; evidence: string; begin: number; end: number; layer: 'pattern' | 'model'; probability: number; kind?: string }[];
  distress: number;
  handoff: boolean;
  reasons: AttuneReason[];
  [k: string]: unknown;
}

/** Why a turn called for a person; layer 'conversation' for repetition, fallback and negative_trend (begin = end = 0). */
export interface AttuneReason {
  name: string;
  weight: number;
  evidence: string;
  begin?: number;
  end?: number;
  layer?: 'pattern' | 'model' | 'conversation';
  probability?: number;
  kind?: string;
}

export interface AttuneHandoffPayload {
  transcript: { from: 'visitor' | 'bot' | 'agent'; text: string; at: number }[];
  reasons: AttuneReason[];
  distress?: number;
  valence?: number;
  emotions: Record<string, number>;
  intent?: string;
  locale: string;
  pack?: string;
}

export interface AttuneEventMap {
  ready: { pack: string; locale: AttuneLocale };
  open: Record<string, never>;
  close: Record<string, never>;
  message: AttuneMessage;
  handoff: {
    state: 'unavailable' | 'consent' | 'declined' | 'connecting' | 'agent' | 'no_agent' | 'closed';
    reasons?: AttuneTurn['reasons'];
    distress?: number;
    intent?: string;
    agent?: string;
  };
  /** fatal: false for degraded features (e.g. the emotion model), true when the chat is unavailable. */
  error: { code: string; message: string; fatal: boolean };
  csat: { score: 1 | 2 | 3 | 4 | 5; comment: string };
}

export interface AttuneApi {
  open(): void;
  close(): void;
  toggle(): void;
  send(text: string): Promise<void>;
  reset(): void;
  setLocale(locale: AttuneLocale): Promise<void>;
  /** Returns a function that removes the listener. */
  on<K extends keyof AttuneEventMap>(event: K, fn: (detail: AttuneEventMap[K], event: CustomEvent<AttuneEventMap[K]>) => void): () => void;
}

/** <attune-chat>: DOM events (CustomEvents) named as in AttuneEventMap, bubbling and composed. */
export declare class AttuneChat extends HTMLElement implements AttuneApi {
  config: AttuneSettings & { baseUrl: string; locale: AttuneLocale };
  readonly isOpen: boolean;
  open(): void;
  close(): void;
  toggle(): void;
  send(text: string): Promise<void>;
  reset(): void;
  setLocale(locale: AttuneLocale): Promise<void>;
  on<K extends keyof AttuneEventMap>(event: K, fn: (detail: AttuneEventMap[K], event: CustomEvent<AttuneEventMap[K]>) => void): () => void;
  /** The conversation as plain text lines. */
  transcript(): string;
}

/** ES module entry: adds an <attune-chat> with these settings and returns it. */
export declare function mount(settings?: AttuneSettings, parent?: Element): AttuneChat;
export declare function parseConfig(
  settings?: AttuneSettings,
  attributes?: Record<string, string>,
  env?: { scriptSrc?: string; documentLang?: string; languages?: readonly string[] },
): { config: Required<AttuneSettings>; warnings: string[] };

type AttuneCommand =
  | ['open'] | ['close'] | ['toggle'] | ['send', string] | ['reset'] | ['setLocale', AttuneLocale]
  | [ 'on', keyof AttuneEventMap, (detail: any) => void ];

declare global {
  interface Window {
    AttuneSettings?: AttuneSettings;
    /** The loader's function (or the stub queue before it loads): Attune('open'), Attune('on', 'message', fn)... */
    Attune: ((...command: AttuneCommand) => unknown) & Partial<AttuneApi> & { q?: IArguments[]; element?: AttuneChat; loaded?: boolean };
  }
  interface HTMLElementTagNameMap {
    'attune-chat': AttuneChat;
  }
  interface HTMLElementEventMap {
    'ready': CustomEvent<AttuneEventMap['ready']>;
    'open': CustomEvent<AttuneEventMap['open']>;
    'close': CustomEvent<AttuneEventMap['close']>;
    'message': CustomEvent<AttuneEventMap['message']>;
    'handoff': CustomEvent<AttuneEventMap['handoff']>;
    'error': CustomEvent<AttuneEventMap['error']>;
    'csat': CustomEvent<AttuneEventMap['csat']>;
  }
}
