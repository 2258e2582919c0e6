/*
 * mmfnd native kernels for the tfjs wasm backend (loaded by ../index.cjs).
 *
 * - sgemm / sgemv through a BLAS found at run time (dlopen: OpenBLAS, BLIS,
 *   any library exporting cblas_sgemm; Accelerate on macOS), set to 1 thread
 *   (the worker pool already runs one process per core). The operands are
 *   read *in place* in the wasm module's memory (an ArrayBuffer handed in on
 *   every call, since it is replaced when the wasm memory grows) at byte
 *   offsets, and the product is written into the output tensor's memory.
 * - adam: tfjs 4.22's Adam update, operation by operation in float32, with
 *   the trainer's coupled weight decay g + wd·θ folded in. Compiled with
 *   -ffp-contract=off so no multiply-add is fused: bit-identical to tfjs.
 *
 * No node-gyp: N-API symbols resolve against the running node at load time.
 */
#define NAPI_VERSION 8
#ifndef NODE_GYP_MODULE_NAME
#define NODE_GYP_MODULE_NAME mmfnd_native
#endif
#include <node_api.h>
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CBLAS enums (values fixed by the CBLAS standard) */
enum { RowMajor = 101 };
enum { NoTrans = 111, Trans = 112 };
typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int, float, float *, int);
typedef void (*sgemv_fn)(int, int, int, int, float, const float *, int, const float *, int, float, float *, int);

static sgemm_fn p_sgemm = NULL;
static sgemv_fn p_sgemv = NULL;
static char lib_name[512] = "";
static char lib_desc[256] = "";

#define CHECK(call)                                                                      \
  do {                                                                                   \
    if ((call) != napi_ok) {                                                             \
      napi_throw_error(env, NULL, "mmfnd-native: N-API call failed: " #call);            \
      return NULL;                                                                       \
    }                                                                                    \
  } while (0)

static napi_value throw_msg(napi_env env, const char *msg) {
  napi_throw_error(env, NULL, msg);
  return NULL;
}

static void set_threads(void *h) {
  void (*f)(int);
  if ((f = (void (*)(int))dlsym(h, "openblas_set_num_threads"))) f(1);
  if ((f = (void (*)(int))dlsym(h, "bli_thread_set_num_threads"))) f(1);
  if ((f = (void (*)(int))dlsym(h, "MKL_Set_Num_Threads"))) f(1);
}

static void describe(void *h, const char *name) {
  const char *(*cfg)(void) = (const char *(*)(void))dlsym(h, "openblas_get_config");
  int (*nt)(void) = (int (*)(void))dlsym(h, "openblas_get_num_threads");
  snprintf(lib_name, sizeof lib_name, "%s", name);
  if (cfg) { /* "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64" -> first two words */
    char buf[128];
    snprintf(buf, sizeof buf, "%s", cfg());
    char *sp = strchr(buf, ' ');
    if (sp && (sp = strchr(sp + 1, ' '))) *sp = 0;
    int t = nt ? nt() : -1;
    snprintf(lib_desc, sizeof lib_desc, "%s, %d thread%s", buf, t, t == 1 ? "" : "s");
  } else {
    snprintf(lib_desc, sizeof lib_desc, "%s, 1 thread", name);
  }
}

/* init(candidates: string[]) -> { ok, lib, desc, error } : the first library that exports cblas_sgemm wins */
static napi_value init(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out, v;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint32_t n = 0;
  CHECK(napi_get_array_length(env, argv[0], &n));
  char err[1024] = "";
  /* OpenBLAS starts its thread pool when loaded: ask for one thread before dlopen as well as after */
  setenv("OPENBLAS_NUM_THREADS", "1", 0);
  /* a call whose list finds nothing leaves an earlier call's library in place */
  int found = 0;
  for (uint32_t i = 0; i < n && !found; i++) {
    char path[512];
    size_t len;
    CHECK(napi_get_element(env, argv[0], i, &v));
    CHECK(napi_get_value_string_utf8(env, v, path, sizeof path, &len));
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
      size_t used = strlen(err);
      snprintf(err + used, sizeof err - used, "%s%s not found", used ? "; " : "", path);
      continue;
    }
    sgemm_fn g = (sgemm_fn)dlsym(h, "cblas_sgemm");
    sgemv_fn m = (sgemv_fn)dlsym(h, "cblas_sgemv");
    if (!g || !m) {
      size_t used = strlen(err);
      snprintf(err + used, sizeof err - used, "%s%s has no cblas_sgemm/cblas_sgemv", used ? "; " : "", path);
      dlclose(h);
      continue;
    }
    set_threads(h);
    found = 1;
    p_sgemm = g;
    p_sgemv = m;
    describe(h, path);
  }
  CHECK(napi_create_object(env, &out));
  CHECK(napi_get_boolean(env, found, &v));
  CHECK(napi_set_named_property(env, out, "ok", v));
  CHECK(napi_create_string_utf8(env, lib_name, NAPI_AUTO_LENGTH, &v));
  CHECK(napi_set_named_property(env, out, "lib", v));
  CHECK(napi_create_string_utf8(env, lib_desc, NAPI_AUTO_LENGTH, &v));
  CHECK(napi_set_named_property(env, out, "desc", v));
  CHECK(napi_create_string_utf8(env, err, NAPI_AUTO_LENGTH, &v));
  CHECK(napi_set_named_property(env, out, "error", v));
  return out;
}

/* the wasm heap: an ArrayBuffer (or a typed array over one) */
static int heap_of(napi_env env, napi_value v, char **base, size_t *bytes) {
  bool is_ab = false, is_ta = false;
  void *data = NULL;
  if (napi_is_arraybuffer(env, v, &is_ab) == napi_ok && is_ab) {
    if (napi_get_arraybuffer_info(env, v, &data, bytes) != napi_ok) return 0;
  } else if (napi_is_typedarray(env, v, &is_ta) == napi_ok && is_ta) {
    napi_typedarray_type t;
    size_t len;
    if (napi_get_typedarray_info(env, v, &t, &len, &data, NULL, NULL) != napi_ok) return 0;
    *bytes = len * (t == napi_float32_array ? 4 : 1);
  } else {
    return 0;
  }
  *base = (char *)data;
  return 1;
}

static int64_t i64_arg(napi_env env, napi_value v) {
  int64_t x = 0;
  napi_get_value_int64(env, v, &x);
  return x;
}

/*
 * gemm(heap, transA, transB, M, N, K, offA, offB, offC, batch, strideA, strideB)
 * C[b] = op(A[b·strideA]) · op(B[b·strideB]), row-major, C[b] is [M, N] packed one after another.
 * op(A) is [M, K] (stored [K, M] when transA), op(B) is [K, N] (stored [N, K] when transB).
 * Offsets in bytes, strides in floats (0 broadcasts an operand over the batch).
 */
static napi_value gemm(napi_env env, napi_callback_info info) {
  size_t argc = 12;
  napi_value a[12];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 12) return throw_msg(env, "gemm: 12 arguments expected");
  if (!p_sgemm) return throw_msg(env, "gemm: no BLAS loaded (call init first)");
  char *heap;
  size_t bytes;
  if (!heap_of(env, a[0], &heap, &bytes)) return throw_msg(env, "gemm: heap must be an ArrayBuffer");
  bool ta, tb;
  CHECK(napi_get_value_bool(env, a[1], &ta));
  CHECK(napi_get_value_bool(env, a[2], &tb));
  int64_t M = i64_arg(env, a[3]), N = i64_arg(env, a[4]), K = i64_arg(env, a[5]);
  int64_t offA = i64_arg(env, a[6]), offB = i64_arg(env, a[7]), offC = i64_arg(env, a[8]);
  int64_t batch = i64_arg(env, a[9]), sA = i64_arg(env, a[10]), sB = i64_arg(env, a[11]);
  if (M <= 0 || N <= 0 || K <= 0 || batch <= 0 || offA < 0 || offB < 0 || offC < 0 ||
      (uint64_t)offA + 4 * (uint64_t)((batch - 1) * sA + M * K) > bytes ||
      (uint64_t)offB + 4 * (uint64_t)((batch - 1) * sB + K * N) > bytes ||
      (uint64_t)offC + 4 * (uint64_t)(batch * M * N) > bytes)
    return throw_msg(env, "gemm: operands outside the heap");
  const float *A = (const float *)(heap + offA), *B = (const float *)(heap + offB);
  float *C = (float *)(heap + offC);
  int lda = ta ? (int)M : (int)K, ldb = tb ? (int)K : (int)N;
  for (int64_t b = 0; b < batch; b++) {
    const float *Ab = A + b * sA, *Bb = B + b * sB;
    float *Cb = C + b * M * N;
    if (N == 1) {
      /* OpenBLAS 0.3.21 runs n = 1 through the gemm kernel (slow): a GEMV. b is K contiguous floats either way */
      if (ta) p_sgemv(RowMajor, Trans, (int)K, (int)M, 1.0f, Ab, (int)M, Bb, 1, 0.0f, Cb, 1);
      else p_sgemv(RowMajor, NoTrans, (int)M, (int)K, 1.0f, Ab, (int)K, Bb, 1, 0.0f, Cb, 1);
    } else if (M == 1) {
      /* c = a·op(B) = op(B)ᵀ·a; a is K contiguous floats either way */
      if (tb) p_sgemv(RowMajor, NoTrans, (int)N, (int)K, 1.0f, Bb, (int)K, Ab, 1, 0.0f, Cb, 1);
      else p_sgemv(RowMajor, Trans, (int)K, (int)N, 1.0f, Bb, (int)N, Ab, 1, 0.0f, Cb, 1);
    } else {
      p_sgemm(RowMajor, ta ? Trans : NoTrans, tb ? Trans : NoTrans, (int)M, (int)N, (int)K, 1.0f, Ab, lda, Bb, ldb,
              0.0f, Cb, (int)N);
    }
  }
  return NULL;
}

/*
 * adam(heap, offTheta, offGrad, offOut, n, m, v, p)
 * m, v: Float32Array moments (updated in place; they are ours, not tfjs tensors);
 * p: Float32Array [beta1, 1−beta1, beta2, 1−beta2, 1−accBeta1, 1−accBeta2, epsilon, −lr, wd]
 * (each already a float32, as tfjs makes its scalars). θ is read at offTheta and the new θ
 * written at offOut: never in place, the wasm matMul caches packed weights by tensor id.
 * Per element, in tfjs's order (adam_optimizer.js, 4.22):
 *   g  = g + θ·wd                                   (trainer, when wd > 0)
 *   m' = m·β1 + g·(1−β1);  v' = v·β2 + g²·(1−β2)
 *   θ' = (m'/(1−β1ᵗ)) / (√(v'/(1−β2ᵗ)) + ε) · (−lr) + θ
 */
static napi_value adam(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value a[8];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 8) return throw_msg(env, "adam: 8 arguments expected");
  char *heap, *mb, *vb, *pb;
  size_t bytes, mbytes, vbytes, pbytes;
  if (!heap_of(env, a[0], &heap, &bytes)) return throw_msg(env, "adam: heap must be an ArrayBuffer");
  int64_t offT = i64_arg(env, a[1]), offG = i64_arg(env, a[2]), offO = i64_arg(env, a[3]), n = i64_arg(env, a[4]);
  if (!heap_of(env, a[5], &mb, &mbytes) || !heap_of(env, a[6], &vb, &vbytes) || !heap_of(env, a[7], &pb, &pbytes))
    return throw_msg(env, "adam: m, v, p must be Float32Arrays");
  if (n < 0 || mbytes < 4 * (uint64_t)n || vbytes < 4 * (uint64_t)n || pbytes < 36 || offT < 0 || offG < 0 || offO < 0 ||
      (uint64_t)offT + 4 * (uint64_t)n > bytes || (uint64_t)offG + 4 * (uint64_t)n > bytes ||
      (uint64_t)offO + 4 * (uint64_t)n > bytes)
    return throw_msg(env, "adam: operands outside their buffers");
  const float *th = (const float *)(heap + offT), *gr = (const float *)(heap + offG);
  float *out = (float *)(heap + offO), *m = (float *)mb, *v = (float *)vb;
  const float *p = (const float *)pb;
  const float b1 = p[0], omb1 = p[1], b2 = p[2], omb2 = p[3], c1 = p[4], c2 = p[5], eps = p[6], nlr = p[7], wd = p[8];
  const int decay = wd > 0.0f;
  for (int64_t i = 0; i < n; i++) {
    float t = th[i], g = gr[i];
    if (decay) {
      float d = t * wd;
      g = g + d;
    }
    float m1 = m[i] * b1, m2 = g * omb1, mn = m1 + m2;
    float gg = g * g;
    float v1 = v[i] * b2, v2 = gg * omb2, vn = v1 + v2;
    float mh = mn / c1, vh = vn / c2;
    float den = sqrtf(vh) + eps;
    float step = (mh / den) * nlr;
    m[i] = mn;
    v[i] = vn;
    out[i] = step + t;
  }
  return NULL;
}

static napi_value module_init(napi_env env, napi_value exports) {
  napi_property_descriptor d[] = {
      {"init", NULL, init, NULL, NULL, NULL, napi_default, NULL},
      {"gemm", NULL, gemm, NULL, NULL, NULL, napi_default, NULL},
      {"adam", NULL, adam, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_define_properties(env, exports, sizeof d / sizeof d[0], d) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, module_init)
