// TypeScript declarations for Attune's widget: the global `Attune` function
// (dist/attune.js), the <attune-chat> element and the ES module entry
// (dist/attune.mjs).

export type AttuneLocale = 'en' | 'es' | 'fr' | 'de' | 'pt' | 'ar';

/** Options every channel takes. */
export interface AttuneChannelCommon {
  /** Where the conversation's session is kept for resume (default sessionStorage; null: nowhere). */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  backoff?: { baseMs?: number; maxMs?: number };
  /** An unreachable relay is given up on after at least `attempts` tries and `withinMs` (default 3, 20000). */
  retry?: { attempts?: number; withinMs?: number };
}

/** What the relay says about who can answer now (GET /api/availability). `open: null`: it does not say. */
export interface AttuneAvailability {
  open: boolean | null;
  reason: 'offline' | 'closed_hours' | 'busy' | string | null;
  team: string | null;
  agentsOnline: number | null;
  queue: number | null;
  nextOpen: number | null;
}

/** A channel config, passed to createChannel() when the visitor agrees to a handoff. */
export type AttuneChannelConfig = AttuneChannelCommon & (
  | { type: 'websocket'; url: string | string[]; heartbeatMs?: number; connectTimeoutMs?: number }
  | { type: 'webhook'; url: string; events: 'sse' | 'poll'; pollMs?: number; connectTimeoutMs?: number }
  | {
      type: 'custom';
      connect(handoff: AttuneHandoffPayload): Promise<unknown>;
      send(frame: { type: string; id?: string; [k: string]: unknown }): Promise<unknown>;
      onMessage(fn: (frame: { type: string; [k: string]: unknown }) => void): (() => void) | void;
      close(): Promise<void> | void;
      /** Optional: whether a person can answer now; without it the widget offers one. */
      availability?(query: { team?: string | null }): Promise<Partial<AttuneAvailability>>;
    });

/** Who the visitor is, from the host page; sent with a handoff as `identity`. */
export interface AttuneVisitor {
  name?: string;
  email?: string;
  userId?: string;
  /** hex(HMAC-SHA256(secret, userId || email)), computed by the site's server; the relay marks the identity verified. */
  hash?: string;
}

/** window.AttuneSettings, data- attributes on the script tag (kebab-case), or mount(settings). */
export interface AttuneSettings {
  /** Where Attune's files are served; default: the folder of attune.js. */
  baseUrl?: string;
  /**
   * A template pack (URL or the pack itself), or a pack set: {en: urlOrPack, es: ...}, or a URL with
   * `{lang}` ('packs/ecommerce.{lang}.json') filled for each of `packLanguages`. With a set the bot
   * starts in the page locale's language and follows the visitor's (and setLocale()).
   * Default: packs/ecommerce.{lang}.json next to attune.js.
   */
  pack?: string | object | Record<string, string | object>;
  /** The languages of a `{lang}` pack URL; default ['en', 'es', 'fr', 'de', 'pt']. */
  packLanguages?: string[];
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
  /**
   * Privacy mode's local review, for sites without a channel: 'local' keeps review records of the
   * visitor's conversations (redacted text, per-turn affect and handoff) in this browser's
   * localStorage only, for the local review page (review.html). Default 'none'; ignored with a channel.
   */
  review?: 'none' | 'local';
  /** Days a local review record is kept (default 30). */
  reviewTtlDays?: number;
  /** 'idle' (default) loads the widget when the page is idle; 'open' only when opened. */
  preload?: 'idle' | 'open';
  /**
   * When the ONNX emotion model (~5 MB with ONNX Runtime) loads: 'auto' (default) after the first
   * message, unless Save-Data, a 2G/3G connection or no wasm SIMD; 'eager' when the chat opens;
   * 'off' never. `true`/`false` mean 'auto'/'off'.
   */
  emotionModel?: 'auto' | 'eager' | 'off' | boolean;
  /** Open the panel at once. */
  open?: boolean;
  /** Where a handoff goes; without one (the default) nothing ever leaves the page. */
  channel?: AttuneChannelConfig | null;
  /** ISO 3166-1 alpha-2 country for local crisis resources; default: the browser language's region. */
  country?: string;
  /** Who the visitor is (also settable later with identify()); fills {name} in replies. */
  visitor?: AttuneVisitor | null;
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
  /** For a bot answer: the ids of the visitor messages it answers (several sent while it was typing go together). */
  inReplyTo?: string[];
}

export interface AttuneTurn {
  turn: number;
  reply: string;
  intent: string;
  confidence: number;
  tone: string;
  /** Labels of the buttons under the reply; sending one back as the visitor's message takes the action the pack gave it. */
  quick_replies: string[];
  /**
   * How the message was read against what the bot had just asked or offered: 'yes' / 'no' (to an
   * offer of a person or a yes/no question), 'ordinal' ("the second one", "2"), 'quick_reply' (a label
   * sent back), 'label_words' (a label that does something, typed in the visitor's own words around
   * it: "it still hasnt moved since monday"), 'follow_up' (a short question about the topic in hand, "how do
   * i do that", answered with that topic again), or null when it was read on its own.
   */
  context?: 'yes' | 'no' | 'ordinal' | 'quick_reply' | 'label_words' | 'follow_up' | null;
  /** BCP 47 language the message is written in ('en', 'es', ...), 'und' without the judgement model or words. */
  language: string;
  /** The language of the pack that answered. */
  reply_language: string;
  /** Only on the turn the bot switched to this language because the visitor wrote in it. */
  language_switched?: string;
  valence: number;
  emotions: Record<string, number> | null;
  /** The judgement model's heads (null when it is not loaded: patterns only). `check`: the crisis
   * check's probability when the crisis head fired (a crisis the model alone raised stands if it agrees). */
  heads: Record<'crisis' | 'human_request' | 'frustration' | 'negativity' | 'hardship', { probability: number; threshold: number; fired: boolean; check?: number }> | null;
  crisis_kind: 'self_harm' | 'medical_emergency' | 'violence' | null;
  /** begin/end: UTF-16 offsets into the visitor's message: text.slice(begin, end) === evidence. */
  cues: { name: string; strength: number; evidence: string; begin: number; end: number; layer: 'pattern' | 'model'; probability: number; kind?: string }[];
  distress: number;
  handoff: boolean;
  reasons: AttuneReason[];
  [k: string]: unknown;
}

/** Why a turn called for a person; layer 'conversation' for repetition, fallback, negative_trend and a "yes" to the offer of a person (begin = end = 0).
 *  `escalation` (layer 'model', begin = end = 0): the learnt handoff, reading the conversation whole from its second
 *  message (on a message the pack did not understand), judged that a support lead would step in by now; its
 *  evidence names the signals that weighed most. */
export interface AttuneReason {
  name: string;
  weight: number;
  evidence: string;
  begin?: number;
  end?: number;
  layer?: 'pattern' | 'model' | 'conversation';
  probability?: number;
  /** crisis: 'self_harm' | 'medical_emergency' | 'violence'; hardship: 'money_taken' (a fraud);
   *  frustration: 'told_again' ("for the third time", "I already told you") */
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
  /** 'crisis' once a crisis was heard in the conversation. */
  priority: 'crisis' | 'normal';
  /** Chosen by the pack's routing or by the visitor. */
  team?: string;
  country?: string;
  identity?: AttuneVisitor;
}

/** Sent with each live message to a person, for the agent's timeline; evidence is redacted. */
export interface AttuneAffect {
  distress?: number;
  valence?: number;
  crisis: boolean;
  crisisKind?: string;
  intent?: string;
  language?: string;
  reasons: { name: string; weight: number; evidence: string }[];
}

export interface AttuneEventMap {
  ready: { pack: string; locale: AttuneLocale };
  open: Record<string, never>;
  close: Record<string, never>;
  message: AttuneMessage;
  handoff: {
    state: 'unavailable' | 'consent' | 'declined' | 'connecting' | 'queued' | 'agent' | 'requeued' | 'transferred'
      | 'no_agent' | 'message_left' | 'unreachable' | 'closed';
    reasons?: AttuneTurn['reasons'];
    distress?: number;
    intent?: string;
    agent?: string;
    /** unavailable: 'no_channel' | 'unreachable'; no_agent: 'offline' | 'closed_hours' | ... */
    reason?: string | null;
    /** queued: the visitor's place in the queue */
    position?: number;
    /** transferred: to whom (a person's name or a team's label) */
    to?: string;
    team?: string;
    /** closed: false when the agent ended without handing back to the bot */
    returnToBot?: boolean;
    /** true when the next page of the site rejoined the conversation */
    resumed?: boolean;
  };
  /** fatal: false for degraded features (e.g. the emotion model), true when the chat is unavailable. */
  error: { code: string; message: string; fatal: boolean };
  csat: { score: 1 | 2 | 3 | 4 | 5; comment: string };
}

/**
 * The languages of a conversation engine (web/engine.js `core.createEngine(pack)`), for pages and
 * tools that drive the core themselves. Errors are AttuneErrors with a `code`.
 */
export interface AttuneEngineLanguages {
  /** Holds another language of the pack set; throws 'invalid_json' | 'invalid_pack' | 'invalid_argument' (language already held). */
  addPack(pack: string | object): void;
  /** Answers in `language` from now on, conversation kept; throws 'invalid_argument' for a language not held. */
  setLanguage(language: string): void;
  /** The languages held, sorted. */
  languages(): string[];
  /** The active language. */
  language(): string;
  /** The language `text` is clearly written in by the engine's switching rule, or '' (short, unsure, no model). */
  messageLanguage(text: string): string;
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
  /** The visitor's identity, merged with what was set before; sent with the next handoff. */
  identify(visitor: AttuneVisitor): unknown;
  /** Offers a person (after checking availability), as the "Talk to a person" button does. */
  requestPerson(team?: string | null): Promise<void> | void;
}

/** The loader's API (window.Attune): transcript() is '' until the widget has loaded. */
export interface AttuneLoaderApi extends Partial<AttuneApi> {
  transcript(): string;
  identify(visitor: AttuneVisitor): void;
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
  /** Returns the identity now in force (null when empty). */
  identify(visitor: AttuneVisitor): AttuneVisitor | null;
  requestPerson(team?: string | null): Promise<void>;
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
  | ['transcript'] | ['identify', AttuneVisitor] | ['requestPerson'] | ['requestPerson', string]
  | [ 'on', keyof AttuneEventMap, (detail: any) => void ];

declare global {
  interface Window {
    AttuneSettings?: AttuneSettings;
    /** The loader's function (or the stub queue before it loads): Attune('open'), Attune('on', 'message', fn)... */
    Attune: ((...command: AttuneCommand) => unknown) & AttuneLoaderApi & { q?: IArguments[]; element?: AttuneChat; loaded?: boolean };
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
