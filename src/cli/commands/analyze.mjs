// attune analyze: UTF-8 lines on stdin, one JSON object per line on stdout:
// {language, language_confidence, heads:{crisis|human_request|frustration|
//  negativity|hardship: {probability, threshold, fired}}, crisis_kind, valence,
//  distress, cues:[{name, strength, evidence, begin, end, layer, probability,
//  kind?}], handoff, immediate, reasons:[{name, weight, evidence, begin, end,
//  layer, probability, kind?}], emotions, emotion_labels}. begin/end are
// UTF-16 offsets: line.slice(begin, end) is the evidence. The judgement
// model (dist/models/judgement.bin) is used unless --no-judgement.
// Every line is its own conversation unless --conversation, which reads the
// lines as the turns of one conversation (distress smoothing, trend,
// repetition). The emotion model (dist/models/emotion.onnx) is used when it is
// there and --no-model is absent; otherwise `emotions` is null (lexicon only).
import { createInterface } from 'node:readline';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs, core, readText, distDir, judgement, UsageError } from './common.mjs';
import { createEmotionModel } from '../../../web/emotion.js';

export const usage = 'analyze [--no-model] [--no-judgement] [--conversation] [--config PACK.json]   lines on stdin -> language, heads, cues, distress, handoff as JSON lines';

const MODEL = new URL('models/emotion.onnx', distDir);

/** The emotion model next to the CLI, or null (and why, on stderr) when it cannot run. */
export async function loadModel(c, io, command = 'analyze') {
  if (!existsSync(MODEL)) return null;
  try {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    return await createEmotionModel({ ort, core: c, modelBytes: readFileSync(MODEL) });
  } catch (err) {
    // The model is optional: say why it is missing and go on lexicon-only.
    io.stderr.write(`attune ${command}: emotion model not used (${err.code ?? 'error'}: ${err.message})\n`);
    return null;
  }
}

export async function run(argv, io) {
  const opts = parseArgs(argv, { 'no-model': 'boolean', 'no-judgement': 'boolean', conversation: 'boolean', config: 'string' });
  if (opts._.length) throw new UsageError(`unexpected argument ${opts._[0]}`);
  const c = await core();
  const j = judgement(c, { off: opts['no-judgement'] });
  const analyzer = c.createAnalyzer(opts.config ? readText(opts.config) : undefined, { judgement: j });
  j?.dispose();  // the analyzer keeps its own reference
  const model = opts['no-model'] ? null : await loadModel(c, io);
  try {
    const rl = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
    for await (const line of rl) {
      if (!opts.conversation) analyzer.reset();
      let prediction = null;
      if (model) {
        try {
          prediction = await model.predict(line);
        } catch (err) {
          io.stderr.write(`attune analyze: emotion model failed on a line (${err.code ?? 'error'}), lexicon only for it\n`);
        }
      }
      const result = analyzer.analyze(line, prediction ? { emotions: prediction.probs } : {});
      if (prediction) result.emotion_labels = prediction.emotion_labels;
      io.stdout.write(JSON.stringify(result) + '\n');
    }
    return 0;
  } finally {
    analyzer.dispose();
    await model?.dispose();
  }
}
