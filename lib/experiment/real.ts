/**
 * Real datasets for runs: the upstream loader, then the feature pipeline
 * (cached on disk), giving the four views the models read.
 */
import type { Dataset } from '../data/dataset';

export async function loadReal(name: string, options: Record<string, unknown>): Promise<Dataset> {
  void options;
  throw new Error(`real dataset '${name}': the loaders and feature pipeline are not wired into runs yet`);
}
