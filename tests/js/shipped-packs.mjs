// The shipped packs (packs/<pack>.<language>.json), so that a pack added in a
// new language is checked by every test that loops over them.
import { readdirSync } from 'node:fs';

export function shippedPacks() {
  return readdirSync(new URL('../../packs/', import.meta.url)).filter((f) => /^[a-z]+\.[a-z]{2}\.json$/.test(f)).sort();
}
