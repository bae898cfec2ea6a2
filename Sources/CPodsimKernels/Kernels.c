// Run-time dispatch of the scan kernels (PodsimKernels.h): KernelTemplate.h compiled once per
// level with per-function target attributes (Swift cannot multiversion a function; FAISS and
// SimSIMD dispatch the same way), and CPUID/XGETBV to pick the highest level this CPU and OS run.

// No fused multiply-adds: the canonical order is a multiply, rounded, then an add.
#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

#include "PodsimKernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define PODSIM_X86 1
#endif

typedef float v16f __attribute__((ext_vector_type(16)));
typedef float v8f __attribute__((ext_vector_type(8)));
typedef float v4f __attribute__((ext_vector_type(4)));
typedef float v2f __attribute__((ext_vector_type(2)));
// Unaligned views: rows of a mapped file and Swift arrays are only 4-byte aligned.
typedef float v16fu __attribute__((ext_vector_type(16), aligned(4)));
typedef float v8fu __attribute__((ext_vector_type(8), aligned(4)));
typedef float v4fu __attribute__((ext_vector_type(4), aligned(4)));
typedef int32_t v16i __attribute__((ext_vector_type(16)));
typedef int16_t v16su __attribute__((ext_vector_type(16), aligned(2)));
typedef int8_t v16cu __attribute__((ext_vector_type(16), aligned(1)));

// Rows (or a block's queries) at once: as many 16-lane accumulators as leave registers for the
// query and the loads (SSE2: 16 registers, 4 per accumulator; AVX2: 16, 2 per; AVX-512: 32, 1 per).
#define KN(name) baseline_##name
#define KERNEL_ATTR
#define FLOAT_ROWS 2
#define BLOCK_QUERIES 2
#define INT8_ROWS 4
#define INT8_X86_LEVEL 0
#include "KernelTemplate.h"

#if PODSIM_X86
#define KN(name) avx2_##name
#define KERNEL_ATTR __attribute__((target("avx2,fma")))
#define FLOAT_ROWS 4
#define BLOCK_QUERIES 4
#define INT8_ROWS 4
#define INT8_X86_LEVEL 2
#include "KernelTemplate.h"

#define KN(name) avx512_##name
#define KERNEL_ATTR __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,avx2,fma")))
#define FLOAT_ROWS 8
#define BLOCK_QUERIES 8
#define INT8_ROWS 8
#define INT8_X86_LEVEL 3
#include "KernelTemplate.h"
#endif

static const podsim_kernels kernel_table[PODSIM_KERNEL_LEVELS] = {
    {PODSIM_KERNEL_BASELINE, "baseline", baseline_float_rows, baseline_int8_rows, baseline_float_block},
#if PODSIM_X86
    {PODSIM_KERNEL_AVX2, "avx2", avx2_float_rows, avx2_int8_rows, avx2_float_block},
    {PODSIM_KERNEL_AVX512, "avx512", avx512_float_rows, avx512_int8_rows, avx512_float_block},
#endif
};

size_t podsim_first_at_least(const float *scores, size_t count, float threshold) {
    typedef int32_t v4i __attribute__((ext_vector_type(4)));
    const v4f t = threshold;
    size_t i = 0;
    for (; i + 16 <= count; i += 16) {
        // All-ones lanes where the score is below (a NaN is not below: it stops the search).
        v4i below = (*(const v4fu *)(scores + i) < t) & (*(const v4fu *)(scores + i + 4) < t) &
                    (*(const v4fu *)(scores + i + 8) < t) & (*(const v4fu *)(scores + i + 12) < t);
        if (__builtin_reduce_and(below) != -1) break;
    }
    for (; i < count; i++)
        if (!(scores[i] < threshold)) return i;
    return count;
}

#if PODSIM_X86
// XCR0: which register states the OS saves on a context switch. A CPU may have AVX-512 while
// the OS (or hypervisor) does not enable it; then its instructions fault.
static uint64_t os_enabled_states(void) {
    uint32_t eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t)edx << 32) | eax;
}

static int detect_level(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return PODSIM_KERNEL_BASELINE;
    const unsigned osxsave = 1u << 27, avx = 1u << 28, fma = 1u << 12;
    if ((c & osxsave) == 0 || (c & avx) == 0 || (c & fma) == 0) return PODSIM_KERNEL_BASELINE;
    uint64_t states = os_enabled_states();
    const uint64_t sse_avx = 0x6, opmask_zmm = 0xE0;
    if ((states & sse_avx) != sse_avx) return PODSIM_KERNEL_BASELINE;
    if (__get_cpuid_max(0, 0) < 7) return PODSIM_KERNEL_BASELINE;
    __cpuid_count(7, 0, a, b, c, d);
    const unsigned avx2 = 1u << 5, avx512f = 1u << 16, avx512dq = 1u << 17, avx512bw = 1u << 30,
                   avx512vl = 1u << 31;
    if ((b & avx2) == 0) return PODSIM_KERNEL_BASELINE;
    const unsigned avx512 = avx512f | avx512dq | avx512bw | avx512vl;
    if ((b & avx512) == avx512 && (states & opmask_zmm) == opmask_zmm) return PODSIM_KERNEL_AVX512;
    return PODSIM_KERNEL_AVX2;
}
#else
static int detect_level(void) { return PODSIM_KERNEL_BASELINE; }
#endif

// Detected once; a benign race if two threads detect at once (both store the same value).
static int cached_level = -1;

static int cpu_level(void) {
    int level = __atomic_load_n(&cached_level, __ATOMIC_RELAXED);
    if (level < 0) {
        level = detect_level();
        __atomic_store_n(&cached_level, level, __ATOMIC_RELAXED);
    }
    return level;
}

const podsim_kernels *podsim_kernels_for_level(int level) {
    if (level < 0 || level > cpu_level()) return NULL;
    return &kernel_table[level];
}

const podsim_kernels *podsim_kernels_best(void) { return &kernel_table[cpu_level()]; }
