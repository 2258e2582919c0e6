/**
 * The wasm backend's heap, for native kernels that work on it in place
 * (native-matmul.ts, lib/train/flat-adam.ts). No Node imports: the explorer's
 * browser bundle includes the trainer, which imports this.
 */

/** What we use of tfjs-backend-wasm's BackendWasm (not in its public types). */
export interface WasmBackendInternals {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: string): { dataId: object; shape: number[]; dtype: string };
}

/** The heap's current ArrayBuffer: read it after every allocation, a grown memory replaces it. */
export function wasmHeap(backend: WasmBackendInternals): ArrayBuffer {
  return backend.wasm.HEAPU8.buffer as ArrayBuffer;
}

export function wasmOffset(backend: WasmBackendInternals, dataId: object): number {
  const d = backend.dataIdMap.get(dataId);
  if (!d) throw new Error('native kernel: a tensor has no wasm data (disposed?)');
  return d.memoryOffset;
}
