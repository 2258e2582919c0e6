/**
 * MediaEval Twitter image ids: event names and image files.
 *
 * Shared by the MediaEval 2016 loader and the CLIP ViT-B/32 Twitter loader
 * (same corpus, same image ids).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Event of an image id. The ids are `<event>[_video][_fake|_real]_<n>`:
 * `boston_fake_03` → boston, `sochi_fake_0` → sochi, `eclipse_video_01` →
 * eclipse, `attacks_paris_12` → attacks_paris, `five_headed_snake_1` →
 * five_headed_snake, `syrianboy_1` → syrianboy, `pigFish_01` → pigFish.
 * Event names themselves contain underscores and digits never end them, so
 * the rule strips only the trailing number and the optional `video` /
 * `fake` / `real` marker before it (checked against all 518 ids of the 2016
 * train and test sets: 17 train events, 36 test events, and every post's
 * images share one event). Spelling (case) is kept as in the id.
 */
export function eventOfImageId(imageId: string): string {
  const m = /^(.+?)(?:_video)?(?:_(?:fake|real))?_\d+$/.exec(imageId.trim());
  return m ? m[1] : imageId.trim();
}

/** Image ids of a comma-list field ("boston_fake_03,boston_fake_35"). */
export function splitImageIds(field: string): string[] {
  return field
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Map image id → absolute path, over the given folders (missing folders are
 * skipped). Files are matched by stem, any extension (.jpg, .jpeg, .png,
 * .gif, …); the extension is not trusted to describe the content, which
 * the feature stage sniffs when it decodes.
 */
export function indexImages(folders: readonly string[]): Map<string, string> {
  const byStem = new Map<string, string>();
  for (const dir of folders) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (f.startsWith('.')) continue;
      const dot = f.lastIndexOf('.');
      const stem = dot > 0 ? f.slice(0, dot) : f;
      // first folder wins, so a copy in images_train shadows one elsewhere deterministically
      if (!byStem.has(stem)) byStem.set(stem, join(dir, f));
    }
  }
  return byStem;
}
