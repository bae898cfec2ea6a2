// One level's kernels, included by Kernels.c once per level with:
//   KN(name)        the level's function name for `name`
//   KERNEL_ATTR     its target attribute (empty for the baseline)
//   FLOAT_ROWS      rows scored at once by the Float kernel (their sums are independent chains)
//   BLOCK_QUERIES   queries scored at once against one row by the block kernel
//   INT8_ROWS       rows scored at once by the int8 kernel
//   INT8_X86_LEVEL  0: portable vector code (LLVM lowers it to SSE2 pmaddwd); 2: AVX2; 3: AVX-512BW
//
// The Float kernel is written once with 16-lane vector types: whatever the register width, lane l
// of the accumulator is partial sum l of the canonical order (q[j]·x[j] for j ≡ l mod 16, in
// increasing j, a multiply then an add — FP_CONTRACT is off in Kernels.c, so never an FMA), and
// `fold` adds the lanes by halves 16 → 8 → 4 → 2 → 1. SSE2 holds the 16 lanes in 4 registers,
// AVX2 in 2, AVX-512 in 1; the arithmetic on each lane is the same, so the scores are the same bits.

KERNEL_ATTR static inline __attribute__((always_inline)) float KN(fold)(const v16f *a) {
    v8f eight = a->lo + a->hi;
    v4f four = eight.lo + eight.hi;
    v2f two = four.lo + four.hi;
    return two.x + two.y;
}

// The last `rest` (< 16) Floats of a row at `t` in lanes 0…rest−1, zeros above: the lanes hold the
// same values as an element-by-element copy. Whole halves and quarters are loaded as vectors —
// an element-by-element insert at a run-time index goes through the stack and stalls on the
// store-to-load forward, which made 24-dimension rows (16 + 8) slower in this kernel than in the
// plain loop. Nothing past the row is read.
KERNEL_ATTR static inline __attribute__((always_inline)) void KN(load_tail)(const float *t, size_t rest, v16f *out) {
    v16f tail = (v16f)0;
    size_t l = 0;
    if (rest >= 4) {
        // Lanes 0…7 and 8…15 as two halves, each filled by whole vector loads, then joined.
        v8f lo, hi = (v8f)0;
        if (rest >= 8) {
            lo = *(const v8fu *)t;
            l = 8;
            if (rest >= 12) {
                hi = __builtin_shufflevector(*(const v4fu *)(t + 8), (v4f)0, 0, 1, 2, 3, 4, 4, 4, 4);
                l = 12;
            }
        } else {
            lo = __builtin_shufflevector(*(const v4fu *)t, (v4f)0, 0, 1, 2, 3, 4, 4, 4, 4);
            l = 4;
        }
        tail = __builtin_shufflevector(lo, hi, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    }
    for (; l < rest; l++) tail[l] = t[l];
    *out = tail;  // through a pointer: a returned 16-lane vector changes the ABI without AVX-512
}

// `n` (≤ FLOAT_ROWS) rows at once; `n` is a constant after inlining, so `acc` lives in registers.
KERNEL_ATTR static inline __attribute__((always_inline)) void KN(float_group)(
    const float *q, const float *const *x, size_t d, float *out, const int n) {
    v16f acc[FLOAT_ROWS];
    for (int r = 0; r < n; r++) acc[r] = (v16f)0;
    size_t whole = d / 16;
    for (size_t s = 0; s < whole; s++) {
        v16f qs = *(const v16fu *)(q + 16 * s);
        for (int r = 0; r < n; r++) acc[r] += qs * *(const v16fu *)(x[r] + 16 * s);
    }
    size_t rest = d - whole * 16;
    if (rest > 0) {
        // Lanes past `rest` add q·0 = +0 (the query is zero-padded), which leaves each partial sum
        // as the scalar loop has it: a partial sum that starts at +0 is never −0.
        v16f qs = *(const v16fu *)(q + 16 * whole);
        for (int r = 0; r < n; r++) {
            v16f tail;
            KN(load_tail)(x[r] + 16 * whole, rest, &tail);
            acc[r] += qs * tail;
        }
    }
    for (int r = 0; r < n; r++) out[r] = KN(fold)(&acc[r]);
}

KERNEL_ATTR static void KN(float_rows)(const float *q, const float *vectors, size_t d,
                                       const ptrdiff_t *rows, size_t count, float *scores) {
    size_t i = 0;
    const float *x[FLOAT_ROWS];
    for (; i + FLOAT_ROWS <= count; i += FLOAT_ROWS) {
        for (int r = 0; r < FLOAT_ROWS; r++) x[r] = vectors + (size_t)rows[i + r] * d;
        KN(float_group)(q, x, d, scores + i, FLOAT_ROWS);
    }
    for (; i < count; i++) {
        x[0] = vectors + (size_t)rows[i] * d;
        KN(float_group)(q, x, d, scores + i, 1);
    }
}

// `n` (≤ BLOCK_QUERIES) queries against one row, in the canonical order: the row's 16 Floats of a
// step are loaded once and multiplied into every query's accumulator, so a batch of queries
// reads each row from memory once instead of once per query.
KERNEL_ATTR static inline __attribute__((always_inline)) void KN(block_group)(
    const float *q, size_t query_stride, const float *x, size_t d, float *out, size_t out_stride, const int n) {
    v16f acc[BLOCK_QUERIES];
    for (int r = 0; r < n; r++) acc[r] = (v16f)0;
    size_t whole = d / 16;
    for (size_t s = 0; s < whole; s++) {
        v16f xs = *(const v16fu *)(x + 16 * s);
        for (int r = 0; r < n; r++) acc[r] += *(const v16fu *)(q + r * query_stride + 16 * s) * xs;
    }
    size_t rest = d - whole * 16;
    if (rest > 0) {
        v16f tail;
        KN(load_tail)(x + 16 * whole, rest, &tail);
        for (int r = 0; r < n; r++) acc[r] += *(const v16fu *)(q + r * query_stride + 16 * whole) * tail;
    }
    for (int r = 0; r < n; r++) out[r * out_stride] = KN(fold)(&acc[r]);
}

// Row by row, every query group while the row is in L1: the rows stream from memory once, and
// the groups' arithmetic (about 70 cycles a 128-dimension row for 8 queries on AVX2) hides under
// the row's memory time. Taking a block of rows once per group instead left the later groups'
// work exposed: 8 queries took twice the time of 4.
KERNEL_ATTR static void KN(float_block)(const float *queries, size_t query_count, size_t query_stride,
                                        const float *vectors, size_t d, size_t first, size_t count,
                                        float *scores) {
    for (size_t i = 0; i < count; i++) {
        const float *x = vectors + (first + i) * d;
        for (size_t q0 = 0; q0 < query_count; q0 += BLOCK_QUERIES) {
            size_t n = query_count - q0 < BLOCK_QUERIES ? query_count - q0 : BLOCK_QUERIES;
            const float *q = queries + q0 * query_stride;
            float *out = scores + q0 * count + i;
            // `n` a constant in each call, so the accumulators stay in registers.
            switch (n) {
#if BLOCK_QUERIES >= 8
            case 8: KN(block_group)(q, query_stride, x, d, out, count, 8); break;
            case 7: KN(block_group)(q, query_stride, x, d, out, count, 7); break;
            case 6: KN(block_group)(q, query_stride, x, d, out, count, 6); break;
            case 5: KN(block_group)(q, query_stride, x, d, out, count, 5); break;
#endif
#if BLOCK_QUERIES >= 4
            case 4: KN(block_group)(q, query_stride, x, d, out, count, 4); break;
            case 3: KN(block_group)(q, query_stride, x, d, out, count, 3); break;
#endif
            case 2: KN(block_group)(q, query_stride, x, d, out, count, 2); break;
            default: KN(block_group)(q, query_stride, x, d, out, count, 1); break;
            }
        }
    }
}

#if INT8_X86_LEVEL == 3
// 32 codes per step: sign-extend to Int16 (vpmovsxbw), multiply by the Int16 levels and add pairs
// (vpmaddwd: exact, |c·m| ≤ 127·32767), accumulate in 16 Int32 lanes. A last half step of 16.
KERNEL_ATTR static inline __attribute__((always_inline)) void KN(int8_group)(
    const int16_t *m, const int8_t *const *c, size_t stride, int32_t *out, const int n) {
    __m512i acc[INT8_ROWS];
    for (int r = 0; r < n; r++) acc[r] = _mm512_setzero_si512();
    size_t whole = stride / 32;
    for (size_t s = 0; s < whole; s++) {
        __m512i ms = _mm512_loadu_si512((const void *)(m + 32 * s));
        for (int r = 0; r < n; r++) {
            __m512i codes = _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *)(c[r] + 32 * s)));
            acc[r] = _mm512_add_epi32(acc[r], _mm512_madd_epi16(codes, ms));
        }
    }
    if (stride - whole * 32 == 16) {
        __m256i ms = _mm256_loadu_si256((const __m256i *)(m + 32 * whole));
        for (int r = 0; r < n; r++) {
            __m256i codes = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(c[r] + 32 * whole)));
            acc[r] = _mm512_add_epi32(acc[r], _mm512_zextsi256_si512(_mm256_madd_epi16(codes, ms)));
        }
    }
    for (int r = 0; r < n; r++) out[r] = _mm512_reduce_add_epi32(acc[r]);
}
#elif INT8_X86_LEVEL == 2
// 16 codes per step: vpmovsxbw to 16 Int16, vpmaddwd with the levels, 8 Int32 lanes.
KERNEL_ATTR static inline __attribute__((always_inline)) void KN(int8_group)(
    const int16_t *m, const int8_t *const *c, size_t stride, int32_t *out, const int n) {
    __m256i acc[INT8_ROWS];
    for (int r = 0; r < n; r++) acc[r] = _mm256_setzero_si256();
    for (size_t s = 0; s < stride / 16; s++) {
        __m256i ms = _mm256_loadu_si256((const __m256i *)(m + 16 * s));
        for (int r = 0; r < n; r++) {
            __m256i codes = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(c[r] + 16 * s)));
            acc[r] = _mm256_add_epi32(acc[r], _mm256_madd_epi16(codes, ms));
        }
    }
    for (int r = 0; r < n; r++) {
        __m128i four = _mm_add_epi32(_mm256_castsi256_si128(acc[r]), _mm256_extracti128_si256(acc[r], 1));
        __m128i two = _mm_add_epi32(four, _mm_unpackhi_epi64(four, four));
        out[r] = _mm_cvtsi128_si32(_mm_add_epi32(two, _mm_shuffle_epi32(two, 1)));
    }
}
#else
// Portable: widen to Int32 lanes and multiply-add; LLVM finds pmaddwd on SSE2.
KERNEL_ATTR static inline __attribute__((always_inline)) void KN(int8_group)(
    const int16_t *m, const int8_t *const *c, size_t stride, int32_t *out, const int n) {
    v16i acc[INT8_ROWS];
    for (int r = 0; r < n; r++) acc[r] = (v16i)0;
    for (size_t s = 0; s < stride / 16; s++) {
        v16i ms = __builtin_convertvector(*(const v16su *)(m + 16 * s), v16i);
        for (int r = 0; r < n; r++) acc[r] += __builtin_convertvector(*(const v16cu *)(c[r] + 16 * s), v16i) * ms;
    }
    for (int r = 0; r < n; r++) out[r] = __builtin_reduce_add(acc[r]);
}
#endif

KERNEL_ATTR static void KN(int8_rows)(const int16_t *m, const int8_t *codes, size_t stride, float scale,
                                      const ptrdiff_t *rows, size_t count, float *scores) {
    size_t i = 0;
    const int8_t *c[INT8_ROWS];
    int32_t sums[INT8_ROWS];
    for (; i + INT8_ROWS <= count; i += INT8_ROWS) {
        for (int r = 0; r < INT8_ROWS; r++) c[r] = codes + (size_t)rows[i + r] * stride;
        KN(int8_group)(m, c, stride, sums, INT8_ROWS);
        for (int r = 0; r < INT8_ROWS; r++) scores[i + r] = (float)sums[r] * scale;
    }
    for (; i < count; i++) {
        c[0] = codes + (size_t)rows[i] * stride;
        KN(int8_group)(m, c, stride, sums, 1);
        scores[i] = (float)sums[0] * scale;
    }
}

#undef KN
#undef KERNEL_ATTR
#undef FLOAT_ROWS
#undef BLOCK_QUERIES
#undef INT8_ROWS
#undef INT8_X86_LEVEL
